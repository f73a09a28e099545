import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { openTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import { testDatabaseKind } from "../testing/test-database.ts";

describe("exporting a desk that is taking writes", () => {
  let desk: TestDesk;

  beforeAll(async () => {
    desk = await createTestDesk();
    // Enough rows that each of the export's reads takes a moment, leaving writers room between them
    // (on Postgres; PGlite runs one statement at a time anyway).
    const tickets = testDatabaseKind() === "postgres" ? 1500 : 200;
    await desk.snapshots.importSnapshot(desk.workspaceId, generateSnapshot({ tickets, seed: 5 }));
  });

  afterAll(async () => {
    await desk?.close();
  });

  it("gives every exported ticket its customer, however the writes fall between the export's reads", async () => {
    let exporting = true;
    let written = 0;
    let writtenDuringExports = 0;
    let inExport = false;
    const writer = async (lane: number) => {
      for (let number = 0; exporting; number++) {
        // A new customer and a ticket for them: read apart, the ticket could outrun its customer.
        await openTicket(
          {
            workspaceId: desk.workspaceId,
            customer: { email: `writer-${lane}-${number}@example.test` },
            channel: "api",
            message: { author: "customer", body: `Written during an export (${lane}/${number})` },
            actor: "customer",
          },
          desk,
        );
        written += 1;
        if (inExport) writtenDuringExports += 1;
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    const exports: Snapshot[] = [];
    try {
      for (let round = 0; round < 6; round++) {
        inExport = true;
        exports.push(await desk.snapshots.exportSnapshot(desk.workspaceId));
        inExport = false;
      }
    } finally {
      exporting = false;
      await Promise.all(writers);
    }

    expect(written).toBeGreaterThan(0);
    // Postgres runs the writers beside the export's transaction; PGlite has one connection, so
    // there they wait for it, and the check below holds trivially.
    if (testDatabaseKind() === "postgres") expect(writtenDuringExports).toBeGreaterThan(0);
    for (const exported of exports) {
      const customers = new Set(exported.customers.map((customer) => customer.id));
      const orphans = exported.tickets.filter((ticket) => !customers.has(ticket.customerId));
      expect(orphans.map((ticket) => ticket.id)).toEqual([]);
      expect(() => parseSnapshot(JSON.parse(JSON.stringify(exported)))).not.toThrow();
    }
  });
});
