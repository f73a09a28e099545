import type { ScenarioSetup } from "./scenario-setup.ts";
import { waitFor } from "./soak-helpers.ts";
import type { SoakTraffic } from "./traffic.ts";

export type ScenarioResult = {
  name: string;
  passed: boolean;
  /** The printed table of counts. */
  table: string;
  /** Lines under the table: what happened, what was observed. */
  notes: string[];
};

/** Waits until every acknowledged reply has arrived at the sink; false when time ran out first. */
export function drainReplies(setup: ScenarioSetup, seconds: number): Promise<boolean> {
  const wanted = [...setup.traffic.replies].filter(([, record]) => record.acknowledged).map(([marker]) => marker);
  const arrived = () => {
    const texts = setup.sink.deliveries.map((delivery) => delivery.text);
    return wanted.every((marker) => texts.some((text) => text.includes(marker)));
  };
  return waitFor(arrived, seconds * 1000, 500);
}

/** The answers the traffic got, most frequent first, e.g. "answers: 412 × smtp 250, 3 × smtp no answer (ECONNRESET)". */
export function outcomeLines(traffic: SoakTraffic): string[] {
  const outcomes = [...traffic.outcomes].sort((a, b) => b[1] - a[1]);
  return [`answers: ${outcomes.map(([outcome, count]) => `${count} × ${outcome}`).join(", ")}`];
}
