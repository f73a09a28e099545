import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

type InboxRow = { id: string; slaDueAt: string | null; slaIdle: string | null; status: string };

const minute = 60_000;
// First-response targets only, so a reply stops the clock and the ticket has no due time left.
const targets: Record<string, number> = { urgent: 30, high: 60, normal: 240, low: 480 };
const levelsWith = (minutesFor: Record<string, number>) => ({
  businessHours: null,
  reportInBusinessHours: false,
  slaPolicies: Object.entries(minutesFor).map(([priority, firstResponseMinutes]) => ({
    priority,
    firstResponseMinutes,
  })),
});

let desk: TestDesk;
let app: FastifyInstance;
let agent: ApiClient;
let admin: ApiClient;
// Opened a minute apart; the priorities put the due times out of arrival order.
const priorities = ["low", "urgent", "normal", "high", "low", "urgent", "normal", "high"] as const;
const opened: { id: string; createdAt: number; priority: string }[] = [];

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  agent = apiClient(app, (await desk.addAgent("agent")).token);
  admin = apiClient(app, (await desk.addAgent("admin")).token);
  const levels = await admin.put("/service-levels", levelsWith(targets));
  expect(levels.status, levels.text).toBe(200);
  for (const [index, priority] of priorities.entries()) {
    const response = await agent.post("/tickets", {
      customer: { email: `customer-${index}@example.test` },
      channel: "email",
      priority,
      message: { author: "customer", body: `Question number ${index}` },
    });
    expect(response.status, response.text).toBe(201);
    opened.push({ id: response.body.id, createdAt: desk.clock.now().getTime(), priority });
    desk.clock.advance(minute);
  }
});
afterAll(() => desk.close());

/** Every page of a list, following nextCursor, pages of three. */
async function everyPage(path: string, key: "tickets"): Promise<{ rows: InboxRow[]; pages: number }> {
  const rows: InboxRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const response = await agent.get(
      `${path}${separator}limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(response.status, response.text).toBe(200);
    rows.push(...response.body[key]);
    cursor = response.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { rows, pages };
}

function expectedOrder(minutesFor: Record<string, number>): string[] {
  return opened
    .map((ticket) => ({ ...ticket, dueAt: ticket.createdAt + (minutesFor[ticket.priority] ?? 0) * minute }))
    .sort((left, right) => left.dueAt - right.dueAt || left.createdAt - right.createdAt)
    .map((ticket) => ticket.id);
}

describe("the inbox sorted by SLA due time", () => {
  it("orders the whole view exactly, across pages, earliest due first", async () => {
    const { rows, pages } = await everyPage("/inbox?view=all", "tickets");
    expect(pages).toBe(3);
    expect(rows.map((row) => row.id)).toEqual(expectedOrder(targets));
    const first = opened.find((ticket) => ticket.id === rows[0]?.id);
    expect(rows[0]?.slaDueAt).toBe(new Date((first?.createdAt ?? 0) + 30 * minute).toISOString());
  });

  it("gives GET /tickets?sort=sla_due the same order", async () => {
    const { rows } = await everyPage("/tickets?sort=sla_due", "tickets");
    expect(rows.map((row) => row.id)).toEqual(expectedOrder(targets));
  });

  it("moves a ticket that gets a priority, a reply or a status change", async () => {
    const lastLow = opened.filter((ticket) => ticket.priority === "low").at(-1);
    if (!lastLow) throw new Error("no low-priority ticket opened");
    const raised = await agent.patch(`/tickets/${lastLow.id}`, { priority: "urgent" });
    expect(raised.status, raised.text).toBe(200);
    lastLow.priority = "urgent";
    let rows = (await everyPage("/inbox?view=all", "tickets")).rows;
    expect(rows.map((row) => row.id)).toEqual(expectedOrder(targets));

    // A reply meets the first ticket's only target: it goes to the end, saying why it has no clock.
    const first = rows[0] as InboxRow;
    const reply = await agent.post(`/tickets/${first.id}/messages`, { author: "agent", body: "Looking into it now." });
    expect(reply.status, reply.text).toBe(200);
    rows = (await everyPage("/inbox?view=all", "tickets")).rows;
    expect(rows.at(-1)).toMatchObject({ id: first.id, slaDueAt: null, slaIdle: "targets_met" });

    // Waiting on the customer pauses the clock; reopened ten minutes later, it is due ten minutes later.
    const second = rows[0] as InboxRow;
    const dueBefore = Date.parse(second.slaDueAt ?? "");
    expect((await agent.patch(`/tickets/${second.id}`, { status: "pending" })).status).toBe(200);
    rows = (await everyPage("/inbox?view=all", "tickets")).rows;
    expect(rows.find((row) => row.id === second.id)).toMatchObject({
      slaDueAt: null,
      slaIdle: "waiting_on_customer",
    });
    expect(rows[0]?.id).not.toBe(second.id);
    desk.clock.advance(10 * minute);
    expect((await agent.patch(`/tickets/${second.id}`, { status: "open" })).status).toBe(200);
    rows = (await everyPage("/inbox?view=all", "tickets")).rows;
    expect(rows.find((row) => row.id === second.id)?.slaDueAt).toBe(new Date(dueBefore + 10 * minute).toISOString());
    expectSortedByDue(rows);
  });

  it("re-sorts every ticket when the service levels change", async () => {
    const reversed = { urgent: 480, high: 240, normal: 60, low: 30 };
    expect((await admin.put("/service-levels", levelsWith(reversed))).status).toBe(200);
    const rows = (await everyPage("/inbox?view=all", "tickets")).rows;
    expectSortedByDue(rows);
    const running = rows.filter((row) => row.slaDueAt !== null);
    expect(running.length).toBeGreaterThan(4);
    // The low-priority ticket, last but one before, now leads.
    const low = opened.find((ticket) => ticket.priority === "low");
    expect(running[0]?.id).toBe(low?.id);
  });

  it("lists only tickets due within two hours in the breaching view, earliest first", async () => {
    const { rows } = await everyPage("/inbox?view=breaching", "tickets");
    const soon = desk.clock.now().getTime() + 120 * minute;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.slaDueAt !== null && Date.parse(row.slaDueAt) <= soon)).toBe(true);
    expectSortedByDue(rows);
  });

  it("refuses a cursor it did not hand out, saying what to do", async () => {
    const response = await agent.get("/inbox?view=all&cursor=bm90LWEtY3Vyc29y");
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/start again without it/);
  });
});

function expectSortedByDue(rows: readonly InboxRow[]) {
  const firstIdle = rows.findIndex((row) => row.slaDueAt === null);
  const running = firstIdle === -1 ? rows : rows.slice(0, firstIdle);
  const idle = firstIdle === -1 ? [] : rows.slice(firstIdle);
  expect(idle.every((row) => row.slaDueAt === null)).toBe(true);
  const dues = running.map((row) => Date.parse(row.slaDueAt ?? ""));
  expect(dues).toEqual([...dues].sort((left, right) => left - right));
}
