import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

const ticket = (id: string, customerId: string, createdAt: string, extra: Record<string, unknown>) => ({
  id,
  customerId,
  channel: "email",
  status: "open",
  createdAt,
  messages: [{ at: createdAt, author: "customer", public: true, body: "Hello" }],
  ...extra,
});

const snapshot = {
  format: "support-responder/workspace@1",
  workspace: { name: "Product", timezone: "UTC" },
  customers: [
    { id: "big", name: "Big Co", plan: "enterprise", attributes: { mrr: 900, seats: 40, accountId: "X-1" } },
    { id: "mid", name: "Mid Co", plan: "pro", attributes: { mrr: 100, seats: 5 } },
    { id: "small", name: "Small", attributes: { note: "no plan" } },
  ],
  knownIssues: [
    { id: "ki-export", title: "Exports time out", status: "fix_in_progress" },
    { id: "ki-none", title: "Nobody hit this", status: "open" },
  ],
  tickets: [
    ticket("1", "big", "2026-02-20T10:00:00Z", { knownIssueId: "ki-export" }),
    ticket("2", "big", "2026-03-03T10:00:00Z", { knownIssueId: "ki-export" }),
    ticket("3", "mid", "2026-03-04T10:00:00Z", { knownIssueId: "ki-export" }),
    ticket("4", "small", "2026-03-05T10:00:00Z", {
      tags: ["feature-request"],
      subject: "Feature request: a custom fiscal year",
    }),
    ticket("5", "big", "2026-03-06T10:00:00Z", {
      tags: ["feature-request"],
      subject: "Feature request - Custom fiscal year",
    }),
    ticket("6", "mid", "2026-03-07T10:00:00Z", { topic: "feature request", subject: "Idea: dark mode" }),
    // Next month: not in March's requests.
    ticket("7", "mid", "2026-04-02T10:00:00Z", { tags: ["feature-request"], subject: "Feature request: SSO" }),
  ],
};

let desk: TestDesk;
let api: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-04-10T12:00:00Z" });
  await desk.snapshots.importSnapshot(desk.workspaceId, parseSnapshot(snapshot));
  api = apiClient(await desk.app(), await desk.issueToken("agent"));
});
afterAll(() => desk?.close());

describe("GET /reports/product", () => {
  it("lists bugs with the customers, plans and revenue they touch", async () => {
    const response = await api.get("/reports/product?month=2026-03");

    expect(response.status).toBe(200);
    expect((response.body as { bugs: unknown[] }).bugs).toEqual([
      {
        knownIssueId: "ki-export",
        title: "Exports time out",
        status: "fix_in_progress",
        ticketsInPeriod: 2,
        ticketsTotal: 3,
        customersAffected: 2,
        plans: { enterprise: 1, pro: 1 },
        attributeTotals: { mrr: 1000, seats: 45 },
      },
    ]);
  });

  it("groups the month's feature requests by what is asked, most customers first", async () => {
    const response = await api.get("/reports/product?month=2026-03");

    expect((response.body as { featureRequests: unknown[] }).featureRequests).toEqual([
      {
        request: "Custom fiscal year",
        tickets: 2,
        ticketIds: ["4", "5"],
        customersAffected: 2,
        plans: { "(no plan)": 1, enterprise: 1 },
        attributeTotals: { mrr: 900, seats: 40 },
      },
      {
        request: "Dark mode",
        tickets: 1,
        ticketIds: ["6"],
        customersAffected: 1,
        plans: { pro: 1 },
        attributeTotals: { mrr: 100, seats: 5 },
      },
    ]);
  });
});
