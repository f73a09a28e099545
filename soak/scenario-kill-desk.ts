import type { ScenarioResult } from "./scenario-result.ts";
import { drainReplies, outcomeLines } from "./scenario-result.ts";
import { type SoakOptions, setUpScenario } from "./scenario-setup.ts";
import { formatTable, print, randomBetween, sleep } from "./soak-helpers.ts";
import { awaitingCount, countBothSides, tallyHolds, tallyRows } from "./tally.ts";

/**
 * a) kill -9 of the desk process, `kills` times at random moments, during sustained inbound mail
 * and API traffic; it is started again at once. Afterwards the senders retry what was never
 * acknowledged (as mail servers do), the replies drain, and both sides are counted.
 */
export async function killDeskScenario(options: SoakOptions): Promise<ScenarioResult> {
  const setup = await setUpScenario("kill-desk", options);
  const { desk, traffic } = setup;
  const notes: string[] = [];
  try {
    await desk.start();
    const durationMs = Math.round(options.minutes * 60_000);
    const killAt = killMoments(durationMs, options.kills);
    let downtimeMs = 0;
    const started = Date.now();
    const killer = (async () => {
      for (const moment of killAt) {
        await sleep(Math.max(0, started + moment - Date.now()));
        await desk.kill();
        const down = Date.now();
        print(`   kill -9 at ${((down - started) / 1000).toFixed(1)} s; starting the desk again`);
        await desk.start();
        downtimeMs += Date.now() - down;
      }
    })();
    await traffic.run(durationMs, options.rate);
    await killer;
    const retried = await traffic.resendUnacknowledged();
    notes.push(
      `${desk.kills} kills, the desk was down ${(downtimeMs / 1000).toFixed(1)} s in all; ` +
        `${retried} unacknowledged mails were acknowledged on the sender's retry`,
    );
    const drained = await drainReplies(setup, options.drainSeconds);
    const tally = await countBothSides(setup.database, traffic, setup.sink);
    if (!drained && awaitingCount(tally) > 0) {
      notes.push(
        `replies still awaiting delivery after ${options.drainSeconds} s: a delivery the killed process had claimed ` +
          "is taken over once its lease runs out (within about a minute), but a reply whose delivery was not yet " +
          "planned waits for pg-boss's expiry (15 minutes); use --drain-seconds 960 to watch them go out",
      );
    }
    if (desk.unexpectedExits.length > 0) notes.push(`the desk exited by itself: ${desk.unexpectedExits.join("; ")}`);
    const table = formatTable(
      `a) kill -9 of the desk: ${desk.kills} kills during ${(durationMs / 1000).toFixed(0)} s at ${options.rate} operations/s`,
      tallyRows(tally),
    );
    return {
      name: "a) kill -9 of the desk",
      passed: tallyHolds(tally) && desk.unexpectedExits.length === 0,
      table,
      notes: [...notes, ...outcomeLines(traffic)],
    };
  } finally {
    await setup.close();
  }
}

/** Random moments, sorted, each at least 8 s after the one before, between 15% and 85% of the run. */
function killMoments(durationMs: number, kills: number): number[] {
  const first = Math.round(durationMs * 0.15);
  const last = Math.round(durationMs * 0.85);
  const slot = (last - first) / Math.max(1, kills);
  const moments: number[] = [];
  for (let index = 0; index < kills; index++) {
    const low = Math.round(first + index * slot);
    const high = Math.max(low, Math.round(first + (index + 1) * slot) - 8000);
    moments.push(randomBetween(low, high));
  }
  return moments;
}
