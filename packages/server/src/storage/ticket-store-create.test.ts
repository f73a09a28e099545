import { and, count, eq, isNull } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeskError } from "../core/errors.ts";
import type { NewTicket } from "../core/tickets/ticket.ts";
import { openTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import * as schema from "./schema.ts";

let desk: TestDesk;
beforeEach(async () => {
  desk = await createTestDesk();
});
afterEach(async () => {
  await desk.close();
});

const newTicket: Omit<NewTicket, "customerId"> = {
  channel: "api",
  subject: "Export fails",
  priority: "high",
  tags: ["billing", "export"],
  topic: null,
  assigneeId: null,
  teamId: null,
  knownIssueId: null,
  attributes: { plan: "pro", seats: 12 },
  message: { author: "customer", public: true, body: "The export spins and <b>nothing</b> downloads." },
};

async function rowCounts() {
  const { db } = desk.database;
  const workspace = desk.workspaceId;
  const [tickets] = await db
    .select({ n: count() })
    .from(schema.tickets)
    .where(eq(schema.tickets.workspaceId, workspace));
  const [messages] = await db
    .select({ n: count() })
    .from(schema.messages)
    .where(eq(schema.messages.workspaceId, workspace));
  const [events] = await db
    .select({ n: count() })
    .from(schema.ticketEvents)
    .where(eq(schema.ticketEvents.workspaceId, workspace));
  const [created] = await db
    .select({ n: count() })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.workspaceId, workspace), eq(schema.notifications.kind, "ticket.created")));
  return { tickets: tickets?.n, messages: messages?.n, events: events?.n, notifications: created?.n };
}

/** Opens the test ticket for the customer with this address, found by it (null when there is none). */
const openTicketFor = (email: string) =>
  desk.tickets.createForCustomer(desk.workspaceId, { email }, newTicket, "customer", desk.clock.now());

async function knownCustomer(reference: { email?: string; phone?: string; name?: string }) {
  return desk.customers.resolve(desk.workspaceId, reference);
}

describe("opening a ticket for a known customer in one statement", () => {
  it("answers with exactly what it stored: the ticket, its first message and its event", async () => {
    const customer = await knownCustomer({ email: "ana@example.test", name: "Ana" });
    const at = desk.clock.now();

    const opened = await desk.tickets.createForCustomer(
      desk.workspaceId,
      { email: "  Ana@Example.TEST " },
      newTicket,
      "agent:a1",
      at,
    );

    expect(opened?.customerId).toBe(customer.id);
    const stored = await desk.tickets.get(desk.workspaceId, opened?.id ?? "");
    expect(opened).toEqual(stored);
    expect(stored).toMatchObject({
      status: "new",
      version: 1,
      tags: ["billing", "export"],
      attributes: { plan: "pro", seats: 12 },
      createdAt: at,
      messages: [{ author: "customer", public: true, body: newTicket.message.body, at }],
      events: [{ actor: "agent:a1", type: "status_changed", from: null, to: "new", at }],
    });
  });

  it("records the ticket.created notification subscribers act on", async () => {
    await knownCustomer({ email: "ana@example.test" });
    const opened = await desk.tickets.createForCustomer(
      desk.workspaceId,
      { email: "ana@example.test" },
      newTicket,
      "agent:a1",
      desk.clock.now(),
    );

    const notifications = await desk.database.db
      .select({ payload: schema.notifications.payload, ticketId: schema.notifications.ticketId })
      .from(schema.notifications)
      .where(eq(schema.notifications.kind, "ticket.created"));
    expect(notifications).toEqual([{ ticketId: opened?.id, payload: { ticketId: opened?.id, actor: "agent:a1" } }]);
  });

  it("finds the customer by phone, or by id, as resolving one would", async () => {
    const byPhone = await knownCustomer({ phone: "+44 20 7946 0000" });
    const byId = await knownCustomer({ email: "bo@example.test" });

    const phoneTicket = await desk.tickets.createForCustomer(
      desk.workspaceId,
      { phone: "0044 20 7946 0000" },
      newTicket,
      "customer",
      desk.clock.now(),
    );
    const idTicket = await desk.tickets.createForCustomer(
      desk.workspaceId,
      { id: byId.id, email: "ana@example.test" },
      newTicket,
      "customer",
      desk.clock.now(),
    );

    expect(phoneTicket?.customerId).toBe(byPhone.id);
    expect(idTicket?.customerId).toBe(byId.id);
  });

  it("writes nothing and answers null when no customer has that address", async () => {
    await knownCustomer({ email: "ana@example.test" });
    const before = await rowCounts();

    const opened = await openTicketFor("stranger@example.test");

    expect(opened).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it("never finds a customer of another workspace", async () => {
    await desk.addWorkspace("other");
    await desk.customers.resolve("other", { email: "ana@example.test" });

    const opened = await openTicketFor("ana@example.test");

    expect(opened).toBeNull();
  });

  it("refuses a ticket for a customer id that does not exist, writing nothing", async () => {
    const before = await rowCounts();

    const attempt = desk.tickets.create(
      desk.workspaceId,
      { ...newTicket, customerId: "cus_missing" },
      "customer",
      desk.clock.now(),
    );

    await expect(attempt).rejects.toThrow(DeskError);
    await expect(attempt).rejects.toMatchObject({ code: "invalid_input" });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("tickets opened at the same moment (they share statements)", () => {
  it("gives each caller its own ticket, for its own customer, with its own message", async () => {
    const ana = await knownCustomer({ email: "ana@example.test" });
    const bo = await knownCustomer({ phone: "+44 20 7946 0000" });
    await desk.addWorkspace("other");
    const otherAna = await desk.customers.resolve("other", { email: "ana@example.test" });
    const at = desk.clock.now();
    const asked = Array.from({ length: 12 }, (_, index) => ({
      workspaceId: index % 4 === 3 ? "other" : desk.workspaceId,
      customer: index % 2 === 0 ? { email: "ana@example.test" } : { phone: "0044 20 7946 0000" },
      ticket: {
        ...newTicket,
        subject: `Question ${index}`,
        tags: [`n${index}`],
        attributes: index % 3 === 0 ? null : { index },
        message: { ...newTicket.message, body: `Body ${index}` },
      },
    }));

    const opened = await Promise.all(
      asked.map(({ workspaceId, customer, ticket }, index) =>
        desk.tickets.createForCustomer(workspaceId, customer, ticket, `agent:a${index}`, at),
      ),
    );

    for (const [index, { workspaceId, customer, ticket }] of asked.entries()) {
      const mine = opened[index];
      // Bo has no customer in "other", so those tickets are not opened.
      if (workspaceId === "other" && customer.phone) {
        expect(mine).toBeNull();
        continue;
      }
      const expectedCustomer = workspaceId === "other" ? otherAna.id : customer.email ? ana.id : bo.id;
      expect(mine).toMatchObject({ customerId: expectedCustomer, subject: ticket.subject, tags: ticket.tags });
      expect(await desk.tickets.get(workspaceId, mine?.id ?? "")).toEqual(mine);
      expect(mine?.messages.map((message) => message.body)).toEqual([`Body ${index}`]);
      expect(mine?.events.map((event) => event.actor)).toEqual([`agent:a${index}`]);
    }
    const ids = opened.flatMap((ticket) => (ticket ? [ticket.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    // No attributes are stored as SQL null, not as a JSON null.
    const withoutAttributes = await desk.database.db
      .select({ id: schema.tickets.id })
      .from(schema.tickets)
      .where(isNull(schema.tickets.attributes));
    expect(withoutAttributes.map((row) => row.id).sort()).toEqual(
      opened.flatMap((ticket) => (ticket && ticket.attributes === null ? [ticket.id] : [])).sort(),
    );
  });

  it("stores half a surrogate pair as the replacement character, as a lone ticket always did", async () => {
    await knownCustomer({ email: "ana@example.test" });
    const broken = {
      ...newTicket,
      subject: "x\ud800y",
      tags: ["t\udc00"],
      message: { ...newTicket.message, body: "a\ud800b" },
    };

    const opened = await Promise.all([
      openTicketFor("ana@example.test"),
      desk.tickets.createForCustomer(
        desk.workspaceId,
        { email: "ana@example.test" },
        broken,
        "customer",
        desk.clock.now(),
      ),
    ]);

    const stored = await desk.tickets.get(desk.workspaceId, opened[1]?.id ?? "");
    expect(stored).toMatchObject({ subject: "x\ufffdy", tags: ["t\ufffd"], messages: [{ body: "a\ufffdb" }] });
  });

  it("fails only the ticket the database refuses; the others are opened", async () => {
    await knownCustomer({ email: "ana@example.test" });
    const before = await rowCounts();

    const outcomes = await Promise.allSettled(
      // Asked together, they share a statement, which the unknown agent breaks.
      [null, "agent-that-does-not-exist", null, null].map((assigneeId) =>
        desk.tickets.createForCustomer(
          desk.workspaceId,
          { email: "ana@example.test" },
          { ...newTicket, assigneeId },
          "customer",
          desk.clock.now(),
        ),
      ),
    );

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const counts = await rowCounts();
    expect(counts).toEqual({
      tickets: Number(before.tickets) + 3,
      messages: Number(before.messages) + 3,
      events: Number(before.events) + 3,
      notifications: Number(before.notifications) + 3,
    });
  });
});

describe("announcing a new ticket to the outbox listeners", () => {
  /** Resolves at the first wake after which `seen` holds; the test times out if none comes. */
  async function wokenOnceSeen(seen: () => Promise<boolean>): Promise<() => Promise<void>> {
    let resolveWoken: () => void = () => {};
    const woken = new Promise<void>((resolve) => {
      resolveWoken = resolve;
    });
    const stop = await desk.outboxSignal.subscribe(() => {
      void seen().then((done) => {
        if (done) resolveWoken();
      });
    });
    return async () => {
      await woken;
      await stop();
    };
  }

  const createdNotifications = async () => {
    const [created] = await desk.database.db
      .select({ n: count() })
      .from(schema.notifications)
      .where(eq(schema.notifications.kind, "ticket.created"));
    return created?.n ?? 0;
  };

  it("wakes the listeners once the ticket is committed", async () => {
    await knownCustomer({ email: "ana@example.test" });
    const wokenAfterCommit = await wokenOnceSeen(async () => (await createdNotifications()) === 1);

    await openTicketFor("ana@example.test");

    await wokenAfterCommit();
  });

  it("wakes them after the last of a burst of tickets, though the burst shares its announcements", async () => {
    const customer = await knownCustomer({ email: "ana@example.test" });
    const wokenAfterAll = await wokenOnceSeen(async () => (await createdNotifications()) === 6);

    await Promise.all(
      Array.from({ length: 6 }, () =>
        desk.tickets.create(desk.workspaceId, { ...newTicket, customerId: customer.id }, "customer", desk.clock.now()),
      ),
    );

    await wokenAfterAll();
  });
});

describe("deleting a workspace", () => {
  it("deletes its tickets, with their messages and events, and no other workspace's", async () => {
    await desk.addWorkspace("leaving");
    const agent = await desk.addAgent("agent", { workspaceId: "leaving" });
    const customer = await desk.customers.resolve("leaving", { email: "ana@example.test" });
    await desk.tickets.create(
      "leaving",
      { ...newTicket, customerId: customer.id, assigneeId: agent.agentId },
      "customer",
      desk.clock.now(),
    );
    await knownCustomer({ email: "ana@example.test" });
    await openTicketFor("ana@example.test");
    const staying = await rowCounts();

    await desk.database.db.delete(schema.workspaces).where(eq(schema.workspaces.id, "leaving"));

    const { db } = desk.database;
    const left = await Promise.all(
      [schema.tickets, schema.messages, schema.ticketEvents].map(async (table) => {
        const [rows] = await db.select({ n: count() }).from(table).where(eq(table.workspaceId, "leaving"));
        return rows?.n;
      }),
    );
    expect(left).toEqual([0, 0, 0]);
    expect(await rowCounts()).toEqual(staying);
  });
});

describe("opening a ticket from a customer reference", () => {
  const open = (customer: { email?: string; phone?: string; name?: string }) =>
    openTicket(
      {
        workspaceId: desk.workspaceId,
        customer,
        channel: "email",
        message: { author: "customer", body: "Hello" },
        actor: "customer",
      },
      desk,
    );

  it("creates a customer it has never met, then their ticket", async () => {
    const ticket = await open({ email: "new@example.test", name: "Newcomer" });

    const customer = await desk.customers.get(desk.workspaceId, ticket.customerId);
    expect(customer).toMatchObject({ name: "Newcomer", email: "new@example.test" });
    expect((await open({ email: "new@example.test" })).customerId).toBe(ticket.customerId);
  });

  it("falls back to the phone when the email is new but the phone is known", async () => {
    const known = await knownCustomer({ phone: "+1 555 0100" });

    const ticket = await open({ email: "second-address@example.test", phone: "+1 555 0100" });

    expect(ticket.customerId).toBe(known.id);
  });
});
