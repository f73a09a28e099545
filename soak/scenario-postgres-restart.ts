import { localPostgresControl } from "./postgres-control.ts";
import type { ScenarioResult } from "./scenario-result.ts";
import { drainReplies, outcomeLines } from "./scenario-result.ts";
import { type SoakOptions, setUpScenario } from "./scenario-setup.ts";
import { formatTable, print, sleep, waitFor } from "./soak-helpers.ts";
import { countBothSides, tallyHolds, tallyRows } from "./tally.ts";

const beforeMs = 10_000;
const outageMs = 8_000;
const afterMs = 15_000;
const recoveryLimitMs = 30_000;

/**
 * b) Postgres stopped and started again under load: during the outage the desk answers a clear
 * 503 JSON error (the API) or a temporary 451 (SMTP), never a crash or a hang; afterwards it
 * reconnects by itself and traffic succeeds again.
 */
export async function postgresRestartScenario(options: SoakOptions): Promise<ScenarioResult> {
  const name = "b) Postgres restarted under load";
  const control = await localPostgresControl(options.adminUrl);
  if (typeof control === "string") {
    return { name, passed: true, table: `${name}: skipped`, notes: [`skipped: ${control}`] };
  }
  const setup = await setUpScenario("postgres-restart", options);
  const { desk, traffic } = setup;
  const notes: string[] = [];
  const problems: string[] = [];
  try {
    await desk.start();
    let finished = false;
    const load = traffic.run(beforeMs + outageMs + afterMs + recoveryLimitMs, options.rate, undefined, () => finished);

    await sleep(beforeMs);
    const before = new Map(traffic.outcomes);
    const stopped = Date.now();
    await control.stop();
    print(`   Postgres stopped; starting it again in ${outageMs / 1000} s`);
    // Probes of our own during the outage, besides the load: the health route and a plain write.
    const probes = traffic.request("GET", "/api/v1/health");
    await sleep(outageMs);
    await probes;
    await control.start();
    const restarted = Date.now();
    const recovered = await waitFor(
      async () => {
        const response = await traffic.request("POST", "/api/v1/tickets", {
          customer: { email: "probe@customers.test" },
          message: { body: "Is the desk back?" },
        });
        return response !== null && response.status === 201;
      },
      recoveryLimitMs,
      250,
    );
    const recoveryMs = Date.now() - restarted;
    const duringOutage = difference(traffic.outcomes, before);
    const healthy = await desk.isHealthy();
    await sleep(afterMs);
    finished = true;
    await load;
    await traffic.resendUnacknowledged();
    await drainReplies(setup, options.drainSeconds);
    const tally = await countBothSides(setup.database, traffic, setup.sink);

    notes.push(
      `outage ${((restarted - stopped) / 1000).toFixed(1)} s; ` +
        (recovered
          ? `the first write succeeded ${(recoveryMs / 1000).toFixed(1)} s after Postgres was back`
          : `writes still failed ${recoveryLimitMs / 1000} s after Postgres was back`),
    );
    notes.push(
      `answers from the stop until the first successful write: ${[...duringOutage].map(([outcome, count]) => `${count} × ${outcome}`).join(", ") || "none"}`,
    );
    if (!recovered) problems.push("the desk did not recover after Postgres came back");
    if (!healthy) problems.push("/health was not ok after the recovery");
    for (const [outcome] of duringOutage) {
      if (/^api 5\d\d/.test(outcome) && !/^api 503 unavailable$/.test(outcome)) {
        problems.push(`during the outage: "${outcome}" instead of a 503 unavailable`);
      }
      if (/no answer/.test(outcome)) problems.push(`during the outage: ${outcome} (a hang or a crash)`);
    }
    if (desk.unexpectedExits.length > 0) problems.push(`the desk exited by itself: ${desk.unexpectedExits.join("; ")}`);
    const table = formatTable(
      `b) Postgres stopped for ${outageMs / 1000} s under ${options.rate} operations/s, then started again`,
      [
        ...tallyRows(tally),
        ["seconds to the first successful write after the restart", (recoveryMs / 1000).toFixed(1)],
      ],
    );
    return {
      name,
      passed: tallyHolds(tally) && problems.length === 0,
      table,
      notes: [...notes, ...problems.map((problem) => `PROBLEM: ${problem}`), ...outcomeLines(traffic)],
    };
  } finally {
    await setup.close();
  }
}

function difference(after: Map<string, number>, before: Map<string, number>): Map<string, number> {
  const changed = new Map<string, number>();
  for (const [outcome, count] of after) {
    const added = count - (before.get(outcome) ?? 0);
    if (added > 0) changed.set(outcome, added);
  }
  return changed;
}
