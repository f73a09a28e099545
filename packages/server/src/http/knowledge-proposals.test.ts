import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

const solvingReplies = [
  "Hi there,\n- Filter the export to a smaller date range (under 500MB each)\n- Use the JSON export for very large projects",
  "Filter the export to a smaller date range (under 500MB each). That works while the fix ships.",
];

const tickets = Array.from({ length: 10 }, (_, index) => {
  const day = String(index + 2).padStart(2, "0");
  return {
    id: `e${index}`,
    customerId: "c1",
    channel: "email",
    status: "solved",
    topic: "export timeout",
    knownIssueId: "ki-export",
    createdAt: `2026-03-${day}T09:00:00Z`,
    messages: [
      { at: `2026-03-${day}T09:00:00Z`, author: "customer", public: true, body: "My CSV export times out." },
      { at: `2026-03-${day}T10:00:00Z`, author: "agent:ana", public: true, body: solvingReplies[index % 2] },
    ],
    events: [{ at: `2026-03-${day}T11:00:00Z`, type: "status_changed", from: "new", to: "solved" }],
  };
});

const snapshot = {
  format: "support-responder/workspace@1",
  workspace: { name: "Knowledge", timezone: "UTC" },
  agents: [{ id: "ana", name: "Ana", email: "ana@example.test", role: "agent" }],
  customers: [{ id: "c1", name: "Casey" }],
  articles: [{ id: "a1", title: "Inviting teammates", body: "Go to Settings, then Team." }],
  knownIssues: [
    {
      id: "ki-export",
      title: "Large exports time out",
      status: "fix_in_progress",
      workaround: "Export smaller ranges.",
    },
  ],
  tickets,
};

type Proposal = {
  id: string;
  topic: string;
  kind: string;
  title: string;
  body: string;
  sources: { ticketIds: string[] };
};

let desk: TestDesk;
let api: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk({ now: "2026-04-02T12:00:00Z" });
  await desk.snapshots.importSnapshot(desk.workspaceId, parseSnapshot(snapshot));
  api = apiClient(await desk.app(), await desk.issueToken("agent"));
});
afterAll(() => desk?.close());

describe("article proposals", () => {
  let proposal: Proposal;

  it("proposes an article for a recurring topic no article covers, drafted from its solving replies", async () => {
    const response = await api.post("/knowledge/proposals", { month: "2026-03" });

    expect(response.status).toBe(200);
    const { created } = response.body as { created: Proposal[] };
    expect(created).toHaveLength(1);
    proposal = created[0] as Proposal;
    expect(proposal).toMatchObject({
      topic: "export timeout",
      kind: "troubleshooting",
      title: "Large exports time out",
    });
    expect(proposal.sources.ticketIds).toHaveLength(10);
    expect(proposal.body).toContain("1. Filter the export to a smaller date range (under 500MB each).");
    expect(proposal.body).toContain("Large exports time out (known issue ki-export, fix in progress).");
  });

  it("does not propose the same topic twice", async () => {
    const again = await api.post("/knowledge/proposals", { month: "2026-03" });

    expect((again.body as { created: Proposal[] }).created).toEqual([]);
    const listed = await api.get("/knowledge/proposals?status=proposed");
    expect((listed.body as { items: Proposal[] }).items.map((item) => item.id)).toEqual([proposal.id]);
  });

  it("publishes an accepted proposal as an internal article with the editor's title, once", async () => {
    const accepted = await api.post(`/knowledge/proposals/${proposal.id}/accept`, { title: "Exports that time out" });

    expect(accepted.status).toBe(200);
    const { article } = accepted.body as { article: { id: string; title: string; public: boolean; body: string } };
    expect(article).toMatchObject({ title: "Exports that time out", public: false });
    expect(article.body).toBe(proposal.body);
    const versions = await api.get(`/articles/${article.id}/versions`);
    expect((versions.body as { versions: unknown[] }).versions).toHaveLength(1);
    const twice = await api.post(`/knowledge/proposals/${proposal.id}/accept`, {});
    expect(twice.status).toBe(409);
    // Now that an article covers the topic, nothing more is proposed and the report stops suggesting one.
    const report = await api.get("/reports/monthly?month=2026-03");
    expect(JSON.stringify((report.body as { recommendations: unknown[] }).recommendations)).not.toContain(
      "Write a self-service article",
    );
  });

  it("answers 404 for a proposal that does not exist", async () => {
    const response = await api.post("/knowledge/proposals/nope/dismiss");

    expect(response.status).toBe(404);
    expect((response.body as { message: string }).message).toBe("There is no article proposal nope.");
  });
});
