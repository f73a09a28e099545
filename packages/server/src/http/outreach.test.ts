import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

const snapshot = {
  format: "support-responder/workspace@1",
  workspace: { name: "Outreach", timezone: "UTC" },
  customers: [
    { id: "repeat", name: "Rita", email: "rita@example.test" },
    { id: "angry", name: "Arno", email: "arno@example.test" },
    { id: "happy", name: "Hana", email: "hana@example.test" },
  ],
  tickets: [
    ...["r1", "r2", "r3"].map((id, index) => ({
      id,
      customerId: "repeat",
      channel: "email",
      status: "closed",
      createdAt: `2026-03-1${index}T09:00:00Z`,
      messages: [{ at: `2026-03-1${index}T09:00:00Z`, author: "customer", public: true, body: "Sync question" }],
    })),
    {
      id: "a1",
      customerId: "angry",
      channel: "email",
      status: "open",
      createdAt: "2026-03-19T09:00:00Z",
      messages: [
        {
          at: "2026-03-19T09:00:00Z",
          author: "customer",
          public: true,
          body: "This is UNACCEPTABLE!!! Third time I write, still broken. I will cancel my subscription.",
        },
      ],
    },
    {
      id: "h1",
      customerId: "happy",
      channel: "email",
      status: "solved",
      createdAt: "2026-03-19T09:00:00Z",
      messages: [{ at: "2026-03-19T09:00:00Z", author: "customer", public: true, body: "Quick question" }],
      csat: { score: 5, at: "2026-03-19T12:00:00Z" },
    },
  ],
};

let desk: TestDesk;
let api: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-03-20T12:00:00Z" });
  await desk.snapshots.importSnapshot(desk.workspaceId, parseSnapshot(snapshot));
  api = apiClient(await desk.app(), await desk.issueToken("agent"));
});
afterAll(() => desk?.close());

describe("GET /outreach/at-risk", () => {
  it("lists the customers at risk with why, and leaves out the satisfied", async () => {
    const response = await api.get("/outreach/at-risk");

    expect(response.status).toBe(200);
    const customers = (response.body as { customers: { customerId: string; reasons: { kind: string }[] }[] }).customers;
    expect(customers.map((customer) => customer.customerId).sort()).toEqual(["angry", "repeat"]);
    expect(customers.find((customer) => customer.customerId === "repeat")?.reasons.map((r) => r.kind)).toEqual([
      "repeat_contacts",
    ]);
    expect(customers.find((customer) => customer.customerId === "angry")?.reasons.map((r) => r.kind)).toEqual([
      "frustration",
    ]);
  });

  it("adds a ticket left unresolved past 48 hours", async () => {
    desk.clock.set("2026-03-21T10:00:00Z");

    const response = await api.get("/outreach/at-risk");

    const angry = (response.body as { customers: { customerId: string; reasons: { kind: string }[] }[] }).customers[0];
    expect(angry?.customerId).toBe("angry");
    expect(angry?.reasons.map((reason) => reason.kind)).toEqual(["unresolved", "frustration"]);
  });

  it("needs a token", async () => {
    expect((await apiClient(await desk.app()).get("/outreach/at-risk")).status).toBe(401);
  });
});
