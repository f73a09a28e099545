import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

const customerMessages = {
  password: [
    "Password reset email never arrives",
    "I asked for a password reset twice and got no email",
    "The password reset link says it expired",
    "Cannot log in, the password reset link is broken",
  ],
  invoice: [
    "Invoice PDF is missing the VAT number",
    "Please add our VAT number to the invoice",
    "The invoice shows the wrong VAT number",
    "Our invoice needs the company VAT number on it",
  ],
};

let desk: TestDesk;
let api: ApiClient;
let ticketIds: Record<string, string[]>;

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-03-10T10:00:00Z" });
  api = apiClient(await desk.app(), await desk.issueToken("agent"));
  ticketIds = {};
  for (const [theme, bodies] of Object.entries(customerMessages)) {
    ticketIds[theme] = [];
    for (const [index, body] of bodies.entries()) {
      const created = await api.post("/tickets", {
        customer: { email: `${theme}${index}@example.test`, name: `Customer ${index}` },
        channel: "email",
        message: { author: "customer", body },
      });
      expect(created.status).toBe(201);
      ticketIds[theme]?.push((created.body as { id: string }).id);
    }
  }
  // Already named: never offered again.
  const named = await api.post("/tickets", {
    customer: { email: "named@example.test" },
    channel: "email",
    topic: "billing",
    message: { author: "customer", body: "Invoice VAT number question" },
  });
  expect(named.status).toBe(201);
});

afterAll(async () => {
  await desk?.close();
});

type DiscoveredTopics = {
  topics: { label: string; count: number; ticketIds: string[]; keyTerms: string[] }[];
  unclusteredCount: number;
};

describe("discovered topics", () => {
  it("groups the month's untagged tickets by what they are about", async () => {
    const response = await api.get("/reports/topics?month=2026-03");

    expect(response.status).toBe(200);
    const { topics } = response.body as DiscoveredTopics;
    const groups = topics.map((topic) => [...topic.ticketIds].sort());
    expect(groups).toContainEqual([...(ticketIds.password ?? [])].sort());
    expect(groups).toContainEqual([...(ticketIds.invoice ?? [])].sort());
    const invoiceTopic = topics.find((topic) => topic.ticketIds.includes(ticketIds.invoice?.[0] ?? ""));
    expect(invoiceTopic?.keyTerms.join(" ")).toMatch(/vat|invoice/);
  });

  it("keeps a named topic: its tickets carry it, show in the report, and are no longer offered", async () => {
    const keep = await api.post("/topics/keep", { name: "Password reset", ticketIds: ticketIds.password });

    expect(keep.status).toBe(200);
    expect((keep.body as { updated: string[] }).updated).toHaveLength(4);
    const report = await api.get("/reports/monthly?month=2026-03");
    const topIssues = (report.body as { topIssues: { topic: string; count: number }[] }).topIssues;
    expect(topIssues).toContainEqual(expect.objectContaining({ topic: "Password reset", count: 4 }));
    const ticket = await api.get(`/tickets/${ticketIds.password?.[0]}`);
    expect((ticket.body as { events: { type: string; to: string | null }[] }).events).toContainEqual(
      expect.objectContaining({ type: "topic_changed", to: "Password reset" }),
    );
    const again = (await api.get("/reports/topics?month=2026-03")).body as DiscoveredTopics;
    expect(again.topics.flatMap((topic) => topic.ticketIds)).not.toContain(ticketIds.password?.[0]);
  });

  it("leaves a ticket that got another topic meanwhile as it is", async () => {
    const [first] = ticketIds.invoice ?? [];
    await api.patch(`/tickets/${first}`, { topic: "billing" });

    const keep = await api.post("/topics/keep", { name: "VAT on invoices", ticketIds: ticketIds.invoice });

    expect((keep.body as { updated: string[] }).updated).toHaveLength(3);
    expect((keep.body as { skipped: { ticketId: string }[] }).skipped).toEqual([
      { ticketId: first, reason: 'has the topic "billing"' },
    ]);
  });

  it("refuses a keep without a name, saying what is missing", async () => {
    const response = await api.post("/topics/keep", { name: " ", ticketIds: ["1"] });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toContain("give the topic a name");
  });
});
