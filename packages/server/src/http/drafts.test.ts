import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftSchema } from "../responder/draft.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let api: ApiClient;
let anonymous: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk();
  const app = await desk.app();
  api = apiClient(app, await desk.issueToken("agent"));
  anonymous = apiClient(app);
});
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
