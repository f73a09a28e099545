import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import { testDatabaseKind } from "../testing/test-database.ts";
import { createReports } from "./reports.ts";

// On a Postgres server the report reads its parts on two connections that share one snapshot.
describe.skipIf(testDatabaseKind() !== "postgres")("the monthly report read side by side on Postgres", () => {
  let desk: TestDesk;

  beforeAll(async () => {
    desk = await createTestDesk({ now: "2026-04-20T12:00:00Z" });
    const generated = generateSnapshot({ tickets: 200, seed: 5, start: "2026-03-05T00:00:00Z", days: 30 });
    await desk.snapshots.importSnapshot("default", parseSnapshot(JSON.parse(JSON.stringify(generated))));
  }, 60_000);
  afterAll(() => desk.close());

  const inOneTransaction = () => createReports(desk.database.db, desk.clock);
  const sideBySide = () => createReports(desk.database.db, desk.clock, { sideBySide: true });

  it("gives the same report as one connection reading everything", async () => {
    const expected = await inOneTransaction().monthly("default", "2026-03");
    expect(expected.volume).toBeGreaterThan(100);
    expect(await sideBySide().monthly("default", "2026-03")).toEqual(expected);
  });

  it("finishes when more reports run at once than the pool has connections", async () => {
    // The test database's pool has 5 connections: each report's first connection must not wait for a second.
    const expected = await inOneTransaction().monthly("default", "2026-03");
    const reports = sideBySide();
    const all = await Promise.all(Array.from({ length: 7 }, () => reports.monthly("default", "2026-03")));
    for (const report of all) expect(report).toEqual(expected);
  }, 60_000);
});
