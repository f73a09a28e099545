import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import { addMessage, openTicket, updateTicket } from "../core/tickets/ticket-use-cases.ts";
import { createDesk, ensureDefaultWorkspace } from "../desk.ts";
import { openDatabase } from "../storage/database.ts";
import { createTestClock, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

const minute = 60_000;
const hour = 60 * minute;

let desk: TestDesk;
const opened: TestDesk[] = [];
afterEach(async () => {
  for (const each of opened.splice(0)) await each.close();
});

async function startDesk(): Promise<TestDesk> {
  const started = await createTestDesk();
  opened.push(started);
  return started;
}

async function newEmailTicket(): Promise<TicketDetail> {
  return openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: `customer-${crypto.randomUUID()}@example.test`, name: "Ana" },
      channel: "email",
      subject: "Export fails",
      message: { author: "customer", body: "My export never finishes." },
      actor: "customer",
    },
    desk,
  );
}

async function ticketNow(ticketId: string): Promise<TicketDetail> {
  const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
  if (!ticket) throw new Error(`ticket ${ticketId} is gone`);
  return ticket;
}

const slaEvents = (ticket: TicketDetail) =>
  ticket.events
    .filter((event) => event.type === "sla_warning" || event.type === "sla_breached")
    .map((event) => ({ type: event.type, metric: event.data?.metric, at: event.at.toISOString() }));

describe("SLA timers", () => {
  it("warns before the first-response target and records the breach at the due time", async () => {
    desk = await startDesk();
    const start = desk.clock.now().getTime();
    const ticket = await newEmailTicket();
    await desk.runDueJobs();
    expect(slaEvents(await ticketNow(ticket.id))).toEqual([]);

    desk.clock.advance(96 * minute);
    await desk.runDueJobs();
    desk.clock.advance(24 * minute);
    await desk.runDueJobs();
    desk.clock.advance(10 * hour);
    await desk.runDueJobs();

    expect(slaEvents(await ticketNow(ticket.id))).toEqual([
      { type: "sla_warning", metric: "firstResponse", at: new Date(start + 96 * minute).toISOString() },
      { type: "sla_breached", metric: "firstResponse", at: new Date(start + 120 * minute).toISOString() },
    ]);
  });

  it("records no breach for a target met in time", async () => {
    desk = await startDesk();
    const ticket = await newEmailTicket();
    await desk.runDueJobs();
    desk.clock.advance(30 * minute);
    await addMessage(
      {
        workspaceId: desk.workspaceId,
        ticketId: ticket.id,
        author: "agent:a1",
        public: true,
        body: "Looking at it now.",
      },
      desk,
    );
    desk.clock.advance(3 * hour);
    await desk.runDueJobs();
    expect(slaEvents(await ticketNow(ticket.id))).toEqual([]);
  });

  it("pauses while the ticket is pending and counts again once the customer answers", async () => {
    desk = await startDesk();
    const start = desk.clock.now().getTime();
    const ticket = await newEmailTicket();
    await desk.runDueJobs();
    await addMessage(
      { workspaceId: desk.workspaceId, ticketId: ticket.id, author: "agent:a1", public: true, body: "Which browser?" },
      desk,
    );
    desk.clock.advance(hour);
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId: ticket.id, patch: { status: "pending" }, actor: "agent:a1" },
      desk,
    );
    await desk.runDueJobs();
    // Resolution (24 h) would run out at start + 24 h, but the ticket waits on the customer for 10 h.
    desk.clock.advance(10 * hour);
    await desk.runDueJobs();
    await addMessage(
      { workspaceId: desk.workspaceId, ticketId: ticket.id, author: "customer", public: true, body: "Firefox." },
      desk,
    );
    desk.clock.set(new Date(start + 24 * hour));
    await desk.runDueJobs();
    expect(slaEvents(await ticketNow(ticket.id)).filter((event) => event.type === "sla_breached")).toEqual([]);

    desk.clock.set(new Date(start + 34 * hour));
    await desk.runDueJobs();
    expect(slaEvents(await ticketNow(ticket.id)).filter((event) => event.type === "sla_breached")).toEqual([
      { type: "sla_breached", metric: "resolution", at: new Date(start + 34 * hour).toISOString() },
    ]);
  });

  it("fires a timer scheduled before a restart once, on the desk that runs after it", async () => {
    desk = await startDesk();
    const ticket = await newEmailTicket();
    await desk.runDueJobs();
    await desk.jobs.stop();

    const restarted = createDesk(desk.database, desk.clock);
    try {
      desk.clock.advance(3 * hour);
      await restarted.jobs.runDueJobs();
      await restarted.jobs.runDueJobs();
    } finally {
      await restarted.jobs.stop();
    }
    const breaches = slaEvents(await ticketNow(ticket.id)).filter((event) => event.type === "sla_breached");
    expect(breaches.map((event) => event.metric)).toEqual(["firstResponse"]);
  });

  // The embedded database closed and opened again from its folder, as `responder serve` restarts
  // (on either test backend: the restart above covers the server database).
  it("keeps a pending timer across closing and reopening the embedded database", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "responder-jobs-"));
    const clock = createTestClock();
    const open = async () => {
      const database = await openDatabase({ kind: "pglite", dataDir: folder, purpose: "jobs test" });
      await ensureDefaultWorkspace(database);
      return createDesk(database, clock);
    };
    try {
      const before = await open();
      const ticket = await openTicket(
        {
          workspaceId: "default",
          customer: { email: "ana@example.test" },
          channel: "email",
          message: { author: "customer", body: "Export fails" },
          actor: "customer",
        },
        before,
      );
      await before.jobs.runDueJobs();
      await before.jobs.stop();
      await before.database.close();

      const after = await open();
      try {
        clock.advance(3 * hour);
        await after.jobs.runDueJobs();
        const events = (await after.tickets.get("default", ticket.id))?.events ?? [];
        expect(events.filter((event) => event.type === "sla_breached").map((event) => event.data?.metric)).toEqual([
          "firstResponse",
        ]);
      } finally {
        await after.jobs.stop();
        await after.database.close();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 120_000);

  it("fires each timer exactly once with two desks on one database", async () => {
    desk = await startDesk();
    const other = createDesk(desk.database, desk.clock);
    try {
      const tickets = [await newEmailTicket(), await newEmailTicket(), await newEmailTicket()];
      await Promise.all([desk.runDueJobs(), other.jobs.runDueJobs()]);
      desk.clock.advance(3 * hour);
      await Promise.all([desk.runDueJobs(), other.jobs.runDueJobs()]);
      for (const ticket of tickets) {
        const events = slaEvents(await ticketNow(ticket.id));
        expect(events.map((event) => `${event.type}:${event.metric}`)).toEqual([
          "sla_warning:firstResponse",
          "sla_breached:firstResponse",
        ]);
      }
    } finally {
      await other.jobs.stop();
    }
  });
});

describe("confirmation before closing", () => {
  async function solvedTicket(): Promise<TicketDetail> {
    const ticket = await newEmailTicket();
    await addMessage(
      {
        workspaceId: desk.workspaceId,
        ticketId: ticket.id,
        author: "agent:a1",
        public: true,
        body: "Fixed it for you.",
      },
      desk,
    );
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId: ticket.id, patch: { status: "solved" }, actor: "agent:a1" },
      desk,
    );
    await desk.runDueJobs();
    return ticketNow(ticket.id);
  }

  it("asks the customer to confirm and closes after 72 hours of silence", async () => {
    desk = await startDesk();
    const ticket = await solvedTicket();
    const question = ticket.messages.at(-1);
    expect(question).toMatchObject({ author: "system", public: true });
    expect(question?.body).toMatch(/confirm/);

    desk.clock.advance(71 * hour);
    await desk.runDueJobs();
    expect((await ticketNow(ticket.id)).status).toBe("solved");

    desk.clock.advance(hour);
    await desk.runDueJobs();
    const closed = await ticketNow(ticket.id);
    expect(closed.status).toBe("closed");
    expect(closed.events.at(-1)).toMatchObject({
      type: "status_changed",
      from: "solved",
      to: "closed",
      actor: "system",
      data: { confirmation: "window_passed" },
    });
    // Asked once (the survey's one reminder is the only other system message).
    expect(closed.messages.filter((message) => message.body === question?.body)).toHaveLength(1);
  });

  it("closes at once when the customer says yes", async () => {
    desk = await startDesk();
    const ticket = await solvedTicket();
    desk.clock.advance(2 * hour);
    await addMessage(
      { workspaceId: desk.workspaceId, ticketId: ticket.id, author: "customer", public: true, body: "Yes, works now!" },
      desk,
    );
    const closed = await ticketNow(ticket.id);
    expect(closed.status).toBe("closed");
    expect(closed.events.at(-1)).toMatchObject({ to: "closed", data: { confirmation: "customer" } });
    desk.clock.advance(80 * hour);
    expect(await desk.runDueJobs()).toBeGreaterThanOrEqual(0);
    expect((await ticketNow(ticket.id)).events.filter((event) => event.to === "closed")).toHaveLength(1);
  });

  it("reopens on a no, and the window then closes nothing", async () => {
    desk = await startDesk();
    const ticket = await solvedTicket();
    desk.clock.advance(hour);
    await addMessage(
      {
        workspaceId: desk.workspaceId,
        ticketId: ticket.id,
        author: "customer",
        public: true,
        body: "No, still broken.",
      },
      desk,
    );
    desk.clock.advance(80 * hour);
    await desk.runDueJobs();
    const reopened = await ticketNow(ticket.id);
    expect(reopened.status).toBe("open");
    expect(reopened.events.map((event) => event.type)).toContain("reopened");
  });

  it("uses the workspace's own window", async () => {
    desk = await startDesk();
    await desk.workspaces.updateSettings(desk.workspaceId, { confirmationWindowHours: 24 });
    const ticket = await solvedTicket();
    expect(ticket.messages.at(-1)?.body).toMatch(/24 hours/);
    desk.clock.advance(24 * hour);
    await desk.runDueJobs();
    expect((await ticketNow(ticket.id)).status).toBe("closed");
  });
});
