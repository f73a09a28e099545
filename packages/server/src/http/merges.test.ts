import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../core/channels/channel.ts";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import * as schema from "../storage/schema.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let api: ApiClient;
let otherApi: ApiClient;
let counter = 0;

beforeAll(async () => {
  desk = await createTestDesk();
  await desk.addWorkspace("elsewhere");
  const app = await desk.app();
  api = apiClient(app, await desk.issueToken("agent"));
  otherApi = apiClient(app, await desk.issueToken("agent", { workspaceId: "elsewhere" }));
});
afterAll(() => desk.close());

const minute = 60_000;

function receive(from: InboundMessage["from"], body: string, threadIds: string[] = []) {
  counter += 1;
  desk.clock.advance(minute);
  const message: InboundMessage = {
    channel: "email",
    provider: "smtp",
    externalId: `merge-${counter}@mail.example.test`,
    threadIds,
    from,
    subject: body,
    body,
    at: desk.clock.now(),
  };
  return receiveMessage({ workspaceId: desk.workspaceId, message }, desk).then((received) => ({
    ...received,
    externalId: message.externalId,
  }));
}

async function agentReply(ticketId: string, body: string) {
  desk.clock.advance(minute);
  const response = await api.post(`/tickets/${ticketId}/messages`, { body, public: true });
  expect(response.status, response.text).toBeLessThan(300);
}

async function ticket(id: string) {
  const response = await api.get(`/tickets/${id}`);
  expect(response.status, response.text).toBe(200);
  return response.body as {
    id: string;
    status: string;
    customerId: string;
    messages: { id: string; body: string; at: string; public: boolean; author: string }[];
    events: { type: string; data: Record<string, unknown> | null }[];
  };
}

describe("POST /tickets/{id}/merge", () => {
  it("moves every message into the surviving ticket in time order and closes the other with a note", async () => {
    const sender = { email: "lena@example.test", name: "Lena" };
    const first = await receive(sender, "The export fails");
    const second = await receive(sender, "Also, the invoice is wrong");
    await agentReply(first.ticketId, "Looking at the export now.");
    await agentReply(second.ticketId, "Which invoice is it?");
    await receive(sender, "Invoice 2026-14", [second.externalId]);
    await receive(sender, "Still failing", [first.externalId]);
    const survivorBefore = await ticket(first.ticketId);
    const mergedBefore = await ticket(second.ticketId);

    const response = await api.post(`/tickets/${first.ticketId}/merge`, { from: second.ticketId });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ mergedTicketId: second.ticketId, movedMessages: 3 });

    const survivor = await ticket(first.ticketId);
    const everyMessage = [...survivorBefore.messages, ...mergedBefore.messages];
    expect(survivor.messages).toHaveLength(everyMessage.length);
    expect(survivor.messages.map((message) => message.body)).toEqual(
      everyMessage.sort((left, right) => left.at.localeCompare(right.at)).map((message) => message.body),
    );
    expect(survivor.messages.map((message) => message.id).sort()).toEqual(
      everyMessage.map((message) => message.id).sort(),
    );
    expect(survivor.events.at(-1)).toMatchObject({ type: "merged_from", data: { mergedFrom: second.ticketId } });

    const merged = await ticket(second.ticketId);
    expect(merged.status).toBe("closed");
    expect(merged.messages).toEqual([
      expect.objectContaining({ public: false, author: "system", body: expect.stringContaining(first.ticketId) }),
    ]);
    expect(merged.events.map((event) => event.type).slice(-2)).toEqual(["status_changed", "merged_into"]);
    expect(merged.events.at(-1)?.data).toEqual({ mergedInto: first.ticketId });
  });

  it("threads a reply to a message of the merged ticket into the survivor", async () => {
    const sender = { email: "omar@example.test" };
    const first = await receive(sender, "Login loop");
    const second = await receive(sender, "Cannot log in");
    expect((await api.post(`/tickets/${first.ticketId}/merge`, { from: second.ticketId })).status).toBe(200);

    const reply = await receive(sender, "Any news?", [second.externalId]);
    expect(reply).toMatchObject({ ticketId: first.ticketId, openedTicket: false });
    expect((await ticket(first.ticketId)).messages.at(-1)?.body).toBe("Any news?");
  });

  it("refuses merging a ticket into itself, into a closed ticket, or a closed ticket", async () => {
    const sender = { email: "pia@example.test" };
    const open = await receive(sender, "One");
    const other = await receive(sender, "Two");
    const third = await receive(sender, "Three");
    const self = await api.post(`/tickets/${open.ticketId}/merge`, { from: open.ticketId });
    expect(self.status).toBe(400);
    expect(self.body.message).toContain("itself");

    expect((await api.post(`/tickets/${open.ticketId}/merge`, { from: other.ticketId })).status).toBe(200);
    const intoClosed = await api.post(`/tickets/${other.ticketId}/merge`, { from: third.ticketId });
    expect(intoClosed.status).toBe(409);
    expect(intoClosed.body.message).toContain("closed");
    const closedOne = await api.post(`/tickets/${third.ticketId}/merge`, { from: other.ticketId });
    expect(closedOne.status).toBe(409);
    expect((await ticket(third.ticketId)).messages).toHaveLength(1);
  });

  it("merges tickets of different customers only when asked to", async () => {
    const mine = await receive({ email: "quinn@example.test" }, "Mine");
    const theirs = await receive({ email: "rosa@example.test" }, "Theirs");
    const refused = await api.post(`/tickets/${mine.ticketId}/merge`, { from: theirs.ticketId });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain("allowDifferentCustomers");

    const allowed = await api.post(`/tickets/${mine.ticketId}/merge`, {
      from: theirs.ticketId,
      allowDifferentCustomers: true,
    });
    expect(allowed.status, allowed.text).toBe(200);
    expect(allowed.body.ticket.messages.map((message: { body: string }) => message.body)).toEqual(["Mine", "Theirs"]);
  });

  it("answers 404 for an unknown ticket or one in another workspace, and 400 for a missing from", async () => {
    const known = await receive({ email: "sami@example.test" }, "Known");
    const unknown = await api.post(`/tickets/${known.ticketId}/merge`, { from: "999999" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain("999999");
    const fromOutside = await otherApi.post(`/tickets/${known.ticketId}/merge`, { from: `${known.ticketId}0` });
    expect(fromOutside.status).toBe(404);
    expect((await api.post(`/tickets/${known.ticketId}/merge`, {})).status).toBe(400);
    expect((await ticket(known.ticketId)).messages).toHaveLength(1);
  });

  it("makes one result of the same merge sent twice at once", async () => {
    const sender = { email: "tove@example.test" };
    const first = await receive(sender, "Alpha");
    const second = await receive(sender, "Beta");
    const responses = await Promise.all([
      api.post(`/tickets/${first.ticketId}/merge`, { from: second.ticketId }),
      api.post(`/tickets/${first.ticketId}/merge`, { from: second.ticketId }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect((await ticket(first.ticketId)).messages.map((message) => message.body)).toEqual(["Alpha", "Beta"]);
    const merged = await ticket(second.ticketId);
    expect(merged.events.filter((event) => event.type === "merged_into")).toHaveLength(1);
  });

  it("makes one result of two tickets merged into each other at once", async () => {
    const sender = { email: "uma@example.test" };
    const first = await receive(sender, "Left");
    const second = await receive(sender, "Right");
    const responses = await Promise.all([
      api.post(`/tickets/${first.ticketId}/merge`, { from: second.ticketId }),
      api.post(`/tickets/${second.ticketId}/merge`, { from: first.ticketId }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const tickets = [await ticket(first.ticketId), await ticket(second.ticketId)];
    const survivor = tickets.find((candidate) => candidate.status !== "closed");
    expect(survivor?.messages.map((message) => message.body)).toEqual(["Left", "Right"]);
  });
});

describe("POST /customers/{id}/merge", () => {
  it("moves identities, tickets and account events to the survivor and fills its empty fields", async () => {
    const byEmail = await receive({ email: "vera@example.test", name: "Vera" }, "From email");
    const byHandle = await receiveMessage(
      {
        workspaceId: desk.workspaceId,
        message: {
          channel: "social",
          provider: "telegram",
          externalId: "telegram-vera-1",
          threadIds: [],
          from: { handle: { provider: "telegram", value: "4242" }, name: "V" },
          body: "From Telegram",
          at: desk.clock.now(),
        },
      },
      desk,
    );
    const survivorId = (await ticket(byEmail.ticketId)).customerId;
    const mergedId = (await ticket(byHandle.ticketId)).customerId;
    await desk.database.db
      .update(schema.customers)
      .set({ plan: "pro", company: "Vera Labs", attributes: { seats: 3, region: "eu" } })
      .where(customerKey(mergedId));
    await desk.database.db
      .update(schema.customers)
      .set({ attributes: { seats: 5 } })
      .where(customerKey(survivorId));
    await desk.database.db.insert(schema.accountEvents).values({
      workspaceId: desk.workspaceId,
      id: "vera-login",
      customerId: mergedId,
      at: desk.clock.now(),
      type: "login",
    });

    const response = await api.post(`/customers/${survivorId}/merge`, { from: mergedId });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      customer: {
        id: survivorId,
        name: "Vera",
        email: "vera@example.test",
        company: "Vera Labs",
        plan: "pro",
        handles: { telegram: "4242" },
        attributes: { seats: 5, region: "eu" },
      },
      movedTicketIds: [byHandle.ticketId],
      movedIdentities: 1,
      movedAccountEvents: 1,
    });

    expect((await api.get(`/customers/${mergedId}`)).status).toBe(404);
    const survivor = await api.get(`/customers/${survivorId}`);
    expect(survivor.body.tickets.map((item: { id: string }) => item.id).sort()).toEqual(
      [byEmail.ticketId, byHandle.ticketId].sort(),
    );
    expect(survivor.body.accountEvents.map((event: { id: string }) => event.id)).toEqual(["vera-login"]);
    expect((await ticket(byHandle.ticketId)).events.at(-1)).toMatchObject({
      type: "customer_merged",
      data: { mergedFrom: mergedId, mergedInto: survivorId },
    });

    const found = await desk.channelDirectory.customerByHandle(
      desk.workspaceId,
      { provider: "telegram", value: "4242" },
      undefined,
    );
    expect(found.id).toBe(survivorId);
  });

  it("finds the survivor when a merged customer's address writes again", async () => {
    const kept = await receive({ email: "walt@example.test" }, "First address");
    const gone = await receive({ email: "walt.home@example.test" }, "Second address");
    const survivorId = (await ticket(kept.ticketId)).customerId;
    const mergedId = (await ticket(gone.ticketId)).customerId;
    expect((await api.post(`/customers/${survivorId}/merge`, { from: mergedId })).status).toBe(200);

    const later = await receive({ email: "Walt.Home@example.test" }, "A new question");
    expect(later.openedTicket).toBe(true);
    expect((await ticket(later.ticketId)).customerId).toBe(survivorId);
  });

  it("refuses merging a customer into itself, unknown customers and customers of another workspace", async () => {
    const own = await receive({ email: "xena@example.test" }, "Hello");
    const customerId = (await ticket(own.ticketId)).customerId;
    const self = await api.post(`/customers/${customerId}/merge`, { from: customerId });
    expect(self.status).toBe(400);
    expect(self.body.message).toContain("itself");
    const unknown = await api.post(`/customers/${customerId}/merge`, { from: "cus_nobody" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain("cus_nobody");

    const outsider = await otherApi.post("/tickets", {
      customer: { email: "yann@example.test" },
      channel: "email",
      message: { body: "Elsewhere" },
    });
    expect(outsider.status, outsider.text).toBe(201);
    const across = await api.post(`/customers/${customerId}/merge`, { from: outsider.body.customerId });
    expect(across.status).toBe(404);
    const reverse = await otherApi.post(`/customers/${outsider.body.customerId}/merge`, { from: customerId });
    expect(reverse.status).toBe(404);
    expect((await otherApi.get(`/customers/${outsider.body.customerId}`)).status).toBe(200);
    expect((await api.get(`/customers/${customerId}`)).status).toBe(200);
  });

  it("makes one result of two customers merged into each other at once", async () => {
    const left = await receive({ email: "zoe@example.test" }, "Left");
    const right = await receive({ email: "zoe@work.example.test" }, "Right");
    const leftId = (await ticket(left.ticketId)).customerId;
    const rightId = (await ticket(right.ticketId)).customerId;
    const responses = await Promise.all([
      api.post(`/customers/${leftId}/merge`, { from: rightId }),
      api.post(`/customers/${rightId}/merge`, { from: leftId }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 404]);
    const survivorId = (responses.find((response) => response.status === 200)?.body.customer.id ?? "") as string;
    const survivor = await api.get(`/customers/${survivorId}`);
    expect(survivor.body.tickets.map((item: { id: string }) => item.id).sort()).toEqual(
      [left.ticketId, right.ticketId].sort(),
    );
  });
});

describe("after merges", () => {
  it("exports a workspace that imports again", async () => {
    const exported = await desk.snapshots.exportSnapshot(desk.workspaceId);
    expect(exported.tickets.some((item) => item.events?.some((event) => event.type === "merged_into"))).toBe(true);
    const snapshot = parseSnapshot(JSON.parse(JSON.stringify(exported)));
    await desk.addWorkspace("copy");
    const imported = await desk.snapshots.importSnapshot("copy", snapshot);
    expect(imported.tickets).toBe(exported.tickets.length);
  });
});

function customerKey(customerId: string) {
  return sql`${schema.customers.workspaceId} = ${desk.workspaceId} and ${schema.customers.id} = ${customerId}`;
}
