import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

const question = "My CSV export times out after 2 minutes, the file is 780MB.";
const conversation = (id: string, agent: string, reply: string, later: { at: string; body: string }[] = []) => ({
  id,
  customerId: "sarah",
  channel: "email",
  status: "open",
  createdAt: "2026-03-10T09:00:00Z",
  messages: [
    { at: "2026-03-10T09:00:00Z", author: "customer", public: true, body: question },
    { at: "2026-03-10T10:00:00Z", author: `agent:${agent}`, public: true, body: reply },
    ...later.map((message) => ({ ...message, author: `agent:${agent}`, public: true })),
  ],
});

const snapshot = {
  format: "support-responder/workspace@1",
  workspace: { name: "Quality", timezone: "UTC" },
  agents: [
    { id: "ana", name: "Ana", email: "ana@example.test", role: "agent" },
    { id: "ben", name: "Ben", email: "ben@example.test", role: "agent" },
  ],
  customers: [{ id: "sarah", name: "Sarah Chen" }],
  tickets: [
    conversation(
      "1",
      "ana",
      "Hi Sarah, I'm sorry the export keeps failing. Your 780MB file is over the 500MB limit for the 2 minute timeout; " +
        "I've triggered it manually. I'll follow up tomorrow to confirm it arrived.",
      [{ at: "2026-03-11T09:00:00Z", body: "Hi Sarah, following up: did the export arrive?" }],
    ),
    conversation("2", "ben", "Dear customer, we are looking into it. Thank you for your patience."),
    conversation("3", "ben", "We will check."),
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

type AgentQuality = {
  agents: {
    agentId: string;
    name: string;
    replies: number;
    scores: Record<string, number | null>;
    coaching: { note: string; replies: number }[];
  }[];
};

describe("GET /reports/agent-quality", () => {
  it("scores each agent's replies of the month, lowest first, with what to coach", async () => {
    const response = await api.get("/reports/agent-quality?month=2026-03");

    expect(response.status).toBe(200);
    const { agents } = response.body as AgentQuality;
    expect(agents.map((agent) => [agent.agentId, agent.name, agent.replies])).toEqual([
      ["ben", "Ben", 2],
      ["ana", "Ana", 2],
    ]);
    const [ben, ana] = agents;
    expect(ben?.scores.overall).toBeLessThan(0.3);
    expect(ben?.coaching).toContainEqual({ note: "the customer is not addressed by name", replies: 2 });
    // Her follow-up ("did the export arrive?") is short on specifics; her first answer is complete.
    expect(ana?.scores.overall).toBeGreaterThan(0.6);
    expect(ana?.scores.followUpKept).toBe(1);
  });

  it("has nothing to score in a month without replies", async () => {
    const response = await api.get("/reports/agent-quality?month=2026-02");

    expect(response.body).toEqual({ month: "2026-02", agents: [] });
  });
});
