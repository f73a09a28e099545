import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftSchema } from "../responder/draft.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let api: ApiClient;
let anonymous: ApiClient;
let admin: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk();
  const app = await desk.app();
  api = apiClient(app, await desk.issueToken("agent"));
  admin = apiClient(app, await desk.issueToken("admin"));
  anonymous = apiClient(app);
});

async function openLoginTicket(email: string) {
  const created = await api.post("/tickets", {
    customer: { email, name: "Rosa Lindqvist" },
    subject: "Can't sign in after resetting my password",
    message: { body: "I reset my password this morning and now the sign-in page just reloads. What can I do?" },
  });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; version: number };
}

type TicketView = { messages: { author: string; public: boolean; body: string }[] };
afterAll(() => desk.close());

describe("POST /tickets/{id}/draft", () => {
  it("drafts a reply that greets the customer and changes nothing on the ticket", async () => {
    const created = await api.post("/tickets", {
      customer: { email: "rosa@example.test", name: "Rosa Lindqvist" },
      subject: "Can't sign in after resetting my password",
      message: { body: "I reset my password this morning and now the sign-in page just reloads. What can I do?" },
    });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { id: string }).id;

    const response = await api.post(`/tickets/${id}/draft`);
    expect(response.status, response.text).toBe(200);
    const draft = draftSchema.parse(response.body);
    expect(draft.ticketId).toBe(id);
    expect(draft.reply.body).toMatch(/^Hi Rosa,/);
    expect(draft.triage.category).toBe("account_access");
    expect(draft.engine).toBe("offline");

    const ticket = await api.get(`/tickets/${id}`);
    expect((ticket.body as { messages: unknown[]; version: number }).messages).toHaveLength(1);
    expect((ticket.body as { version: number }).version).toBe((created.body as { version: number }).version);
  });

  it("answers 404 for a ticket that does not exist", async () => {
    const response = await api.post("/tickets/no-such-ticket/draft");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: "not_found", message: expect.stringContaining("no-such-ticket") });
  });

  it("needs an agent's token", async () => {
    expect((await anonymous.post("/tickets/any/draft")).status).toBe(401);
  });
});

describe("the autonomy policy", () => {
  it("is off by default: nothing is sent", async () => {
    const ticket = await openLoginTicket("off@example.test");
    expect((await api.get("/responder/autonomy")).body).toEqual({ enabled: false, threshold: 0.9, categories: [] });
    const response = await api.post(`/tickets/${ticket.id}/auto-reply`);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ sent: false, reason: "autonomy is off for this workspace" });
    expect(((await api.get(`/tickets/${ticket.id}`)).body as TicketView).messages).toHaveLength(1);
  });

  it("lets an admin turn it on, and then sends once, marked as the responder's", async () => {
    expect(
      (await api.put("/responder/autonomy", { enabled: true, threshold: 0.1, categories: ["account_access"] })).status,
    ).toBe(403);
    const policy = await admin.put("/responder/autonomy", {
      enabled: true,
      threshold: 0.1,
      categories: ["account_access"],
    });
    expect(policy.status, policy.text).toBe(200);

    const ticket = await openLoginTicket("on@example.test");
    const first = await api.post(`/tickets/${ticket.id}/auto-reply`);
    expect(first.body).toMatchObject({ sent: true });
    const messages = ((await api.get(`/tickets/${ticket.id}`)).body as TicketView).messages;
    expect(messages.map((message) => [message.author, message.public])).toEqual([
      ["customer", true],
      ["responder", true],
      ["responder", false],
    ]);
    expect(messages[1]?.body).toBe((first.body as { draft: { reply: { body: string } } }).draft.reply.body);

    const again = await api.post(`/tickets/${ticket.id}/auto-reply`);
    expect(again.body).toMatchObject({ sent: false });
    expect(((await api.get(`/tickets/${ticket.id}`)).body as TicketView).messages).toHaveLength(3);
  });

  it("refuses a malformed policy with the field named", async () => {
    const response = await admin.put("/responder/autonomy", { enabled: true, threshold: 2, categories: [] });
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toMatch(/threshold/);
  });
});
