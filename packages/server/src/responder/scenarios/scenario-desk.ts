import { parseSnapshot } from "../../core/snapshot/parse-snapshot.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { type Draft, draftSchema } from "../draft.ts";
import type { Scenario } from "./scenario-workspace.ts";

/**
 * One test desk for a test file: each scenario is imported once, into a workspace named after it,
 * and drafted once at the scenario's own "now". Drafts are made one at a time, because the desk's
 * clock is shared.
 */
export type ScenarioDesk = {
  draft(scenario: Scenario): Promise<Draft>;
  close(): Promise<void>;
};

export async function createScenarioDesk(): Promise<ScenarioDesk> {
  const desk: TestDesk = await createTestDesk({ now: "2026-05-14T15:00:00Z" });
  const drafts = new Map<string, Promise<Draft>>();
  let queue: Promise<unknown> = Promise.resolve();

  const make = async (scenario: Scenario): Promise<Draft> => {
    await desk.snapshots.importSnapshot(scenario.id, parseSnapshot(scenario.snapshot));
    desk.clock.set(scenario.now);
    const draft = await desk.responder.draft(scenario.id, scenario.ticketId);
    return draftSchema.parse(draft);
  };

  return {
    draft(scenario) {
      let pending = drafts.get(scenario.id);
      if (!pending) {
        pending = queue.then(() => make(scenario));
        queue = pending.catch(() => undefined);
        drafts.set(scenario.id, pending);
      }
      return pending;
    },
    close: () => desk.close(),
  };
}
