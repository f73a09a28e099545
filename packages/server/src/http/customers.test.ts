import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let api: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk();
  api = apiClient(await desk.app(), await desk.issueToken("admin"));
});
afterAll(() => desk.close());

async function openTicket(customer: Record<string, unknown>, channel = "email") {
  const response = await api.post("/tickets", { customer, channel, message: { body: "Hello" } });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; customerId: string };
}

describe("/customers", () => {
  it("shows a customer with their tickets across channels and what their account recorded", async () => {
    const imported = await api.post("/import", {
      format: "support-responder/workspace@1",
      workspace: { name: "Support", timezone: "UTC" },
      customers: [{ id: "c-nina", name: "Nina Park", email: "nina@example.test", phone: "+1 555 0100", plan: "pro" }],
      accountEvents: [
        { id: "ae-1", customerId: "c-nina", at: "2026-03-01T08:00:00Z", type: "login" },
        { id: "ae-2", customerId: "c-nina", at: "2026-03-01T09:00:00Z", type: "export.failed", data: { sizeMb: 780 } },
      ],
      tickets: [],
    });
    expect(imported.status, imported.text).toBe(200);
    const byEmail = await openTicket({ email: "NINA@example.test" }, "email");
    const byPhone = await openTicket({ phone: "+1 (555) 0100" }, "phone");
    expect(byEmail.customerId).toBe("c-nina");
    expect(byPhone.customerId).toBe("c-nina");

    const response = await api.get("/customers/c-nina");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: "c-nina", name: "Nina Park", plan: "pro" });
    expect(response.body.tickets.map((ticket: { id: string }) => ticket.id)).toEqual([byPhone.id, byEmail.id]);
    expect(response.body.accountEvents.map((event: { type: string }) => event.type)).toEqual([
      "export.failed",
      "login",
    ]);
  });

  it("finds customers by part of their name, email or company", async () => {
    await openTicket({ email: "quentin@blue-widgets.test", name: "Quentin Blue" });
    const byName = await api.get("/customers?search=quent");
    expect(byName.body.customers.map((customer: { email: string }) => customer.email)).toEqual([
      "quentin@blue-widgets.test",
    ]);
    const byEmail = await api.get("/customers?search=blue-widgets");
    expect(byEmail.body.customers).toHaveLength(1);
    expect((await api.get("/customers?search=nobody-like-this")).body.customers).toEqual([]);
  });

  it("pages through every customer exactly once", async () => {
    for (let index = 0; index < 5; index++) await openTicket({ email: `paged-${index}@example.test` });
    const everyone = (await api.get("/customers?limit=200")).body.customers.map(
      (customer: { id: string }) => customer.id,
    );
    const seen: string[] = [];
    let url: string | null = "/customers?limit=2";
    while (url) {
      const response = await api.get(url);
      expect(response.status).toBe(200);
      seen.push(...response.body.customers.map((customer: { id: string }) => customer.id));
      url = response.body.nextCursor ? `/customers?limit=2&cursor=${response.body.nextCursor}` : null;
    }
    expect(seen).toEqual(everyone);
  });

  it("answers 404 for a customer that does not exist", async () => {
    const response = await api.get("/customers/c-nobody");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: "not_found", message: "There is no customer c-nobody." });
  });

  it("answers 400 for a ticket naming a customer id that does not exist", async () => {
    const response = await api.post("/tickets", { customer: { id: "c-nobody" }, message: { body: "Hello" } });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("c-nobody");
  });

  it("answers 400 for a list cursor it did not hand out", async () => {
    const response = await api.get("/customers?cursor=bogus");
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("invalid_input");
    expect(response.body.message).toContain("cursor");
  });
});
