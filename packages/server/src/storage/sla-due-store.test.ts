import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketDueTime } from "../core/sla/ticket-due-time.ts";
import { openTicket, updateTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import * as schema from "./schema.ts";
import { fillMissingDueTimes } from "./sla-due-store.ts";

let desk: TestDesk;

beforeAll(async () => {
  desk = await createTestDesk();
  await desk.snapshots.importSnapshot(desk.workspaceId, generateSnapshot({ tickets: 150, seed: 11 }));
});
afterAll(() => desk.close());

async function storedDueTimes() {
  return desk.database.db
    .select({
      id: schema.tickets.id,
      status: schema.tickets.status,
      slaDueAt: schema.tickets.slaDueAt,
      slaDueVersion: schema.tickets.slaDueVersion,
      version: schema.tickets.version,
    })
    .from(schema.tickets)
    .where(eq(schema.tickets.workspaceId, desk.workspaceId));
}

/** Each ticket's due time computed from its whole history, one ticket at a time. */
async function expectStoredAsComputed() {
  const profile = await desk.workspaces.profile(desk.workspaceId);
  if (!profile) throw new Error("the workspace vanished");
  const rows = await storedDueTimes();
  for (const row of rows) {
    const detail = await desk.tickets.get(desk.workspaceId, row.id);
    if (!detail) throw new Error(`ticket ${row.id} vanished`);
    expect({ id: row.id, dueAt: row.slaDueAt?.toISOString() ?? null }).toEqual({
      id: row.id,
      dueAt: ticketDueTime(detail, profile)?.toISOString() ?? null,
    });
    expect(row.slaDueVersion).toBe(row.version);
  }
  return rows;
}

describe("the stored SLA due time", () => {
  it("is filled by a snapshot import for every ticket, as its clocks compute it", async () => {
    const rows = await expectStoredAsComputed();
    expect(rows.some((row) => row.slaDueAt !== null)).toBe(true);
    expect(rows.filter((row) => row.status === "pending" || row.status === "solved").length).toBeGreaterThan(0);
    expect(
      rows.filter((row) => row.status === "pending" || row.status === "solved").every((row) => row.slaDueAt === null),
    ).toBe(true);
  });

  it("is filled once for tickets stored before the column existed, then finds nothing to do", async () => {
    await desk.database.db.update(schema.tickets).set({ slaDueAt: null, slaDueVersion: null });
    expect(await fillMissingDueTimes(desk.database.db)).toBeGreaterThan(0);
    await expectStoredAsComputed();
    expect(await fillMissingDueTimes(desk.database.db)).toBe(0);
  });

  it("is stored for a new ticket beside its SLA timers, when the jobs run", async () => {
    const opened = await openTicket(
      {
        workspaceId: desk.workspaceId,
        customer: { email: "new-arrival@example.test" },
        channel: "email",
        message: { author: "customer", body: "My invoice shows the wrong company name." },
        actor: "customer",
      },
      desk,
    );
    const before = (await storedDueTimes()).find((row) => row.id === opened.id);
    expect(before?.slaDueVersion).toBeNull();
    await desk.runDueJobs();
    const after = (await storedDueTimes()).find((row) => row.id === opened.id);
    const profile = await desk.workspaces.profile(desk.workspaceId);
    if (!profile) throw new Error("the workspace vanished");
    expect(after?.slaDueAt).toEqual(ticketDueTime(opened, profile));
    expect(after?.slaDueAt).not.toBeNull();
    expect(after?.slaDueVersion).toBe(after?.version);
  });

  it("follows a change in the change's own transaction, with no job run", async () => {
    const running = (await storedDueTimes()).find((row) => row.slaDueAt !== null && row.status === "open");
    if (!running) throw new Error("the snapshot has no open ticket with a running clock");
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId: running.id, patch: { status: "pending" }, actor: "system" },
      desk,
    );
    const after = (await storedDueTimes()).find((row) => row.id === running.id);
    expect(after).toMatchObject({ slaDueAt: null, status: "pending" });
    expect(after?.slaDueVersion).toBe(after?.version);
  });
});
