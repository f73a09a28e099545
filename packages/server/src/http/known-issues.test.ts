import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let api: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk();
  api = apiClient(await desk.app(), await desk.issueToken("agent"));
});
afterAll(() => desk.close());

async function recordIssue(fields: Record<string, unknown> = {}) {
  const response = await api.post("/known-issues", { title: "Large exports time out", tags: ["export"], ...fields });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; title: string; status: string };
}

async function openTicket() {
  const response = await api.post("/tickets", {
    customer: { email: `issue-${crypto.randomUUID()}@example.test` },
    message: { body: "My export never finishes." },
  });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string };
}

describe("/known-issues", () => {
  it("records an open known issue with no tickets yet", async () => {
    const response = await api.post("/known-issues", {
      title: "Large exports time out",
      tags: ["Export", "timeout"],
      workaround: "Export one month at a time.",
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^ki_/),
      title: "Large exports time out",
      status: "open",
      tags: ["export", "timeout"],
      workaround: "Export one month at a time.",
      ticketCount: 0,
      ticketIds: [],
    });
    expect(response.headers.location).toBe(`/api/v1/known-issues/${response.body.id}`);
    // Reading it back adds its tracker export, none yet.
    expect((await api.get(`/known-issues/${response.body.id}`)).body).toEqual({ ...response.body, export: null });
  });

  it("shows the tickets linked to it and how many there are", async () => {
    const issue = await recordIssue();
    const first = await openTicket();
    const second = await openTicket();
    await openTicket();
    for (const ticket of [first, second]) {
      const linked = await api.patch(`/tickets/${ticket.id}`, { knownIssueId: issue.id });
      expect(linked.status, linked.text).toBe(200);
      expect(linked.body.knownIssueId).toBe(issue.id);
    }
    const response = await api.get(`/known-issues/${issue.id}`);
    expect(response.body).toMatchObject({ ticketIds: [first.id, second.id], ticketCount: 2 });
    const listed = await api.get("/known-issues");
    expect(listed.body.knownIssues.find((item: { id: string }) => item.id === issue.id)?.ticketCount).toBe(2);

    await api.patch(`/tickets/${first.id}`, { knownIssueId: null });
    expect((await api.get(`/known-issues/${issue.id}`)).body).toMatchObject({ ticketIds: [second.id], ticketCount: 1 });
  });

  it("refuses to link a ticket to a known issue that does not exist, naming knownIssueId", async () => {
    const ticket = await openTicket();
    const response = await api.patch(`/tickets/${ticket.id}`, { knownIssueId: "ki_missing" });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("knownIssueId");
  });

  it("moves a known issue through its statuses and changes its workaround", async () => {
    const issue = await recordIssue({ workaround: "Retry at night." });
    const inProgress = await api.patch(`/known-issues/${issue.id}`, { status: "fix_in_progress" });
    expect(inProgress.status).toBe(200);
    expect(inProgress.body).toMatchObject({ status: "fix_in_progress", workaround: "Retry at night." });
    const fixed = await api.patch(`/known-issues/${issue.id}`, {
      status: "fixed",
      workaround: null,
      title: "Exports timed out",
    });
    expect(fixed.body).toMatchObject({
      status: "fixed",
      workaround: null,
      title: "Exports timed out",
      tags: ["export"],
    });
  });

  it("lists newest first, filters by status and pages through all of them once", async () => {
    const open = await recordIssue({ title: "A" });
    const fixed = await recordIssue({ title: "B", status: "fixed" });
    const inProgress = await recordIssue({ title: "C", status: "fix_in_progress" });
    const unresolved = await api.get("/known-issues?status=open,fix_in_progress");
    const unresolvedIds = unresolved.body.knownIssues.map((item: { id: string }) => item.id);
    expect(unresolvedIds).toContain(open.id);
    expect(unresolvedIds).toContain(inProgress.id);
    expect(unresolvedIds).not.toContain(fixed.id);
    expect(unresolvedIds.indexOf(inProgress.id)).toBeLessThan(unresolvedIds.indexOf(open.id));

    const everything = (await api.get("/known-issues?limit=200")).body.knownIssues.map(
      (item: { id: string }) => item.id,
    );
    const seen: string[] = [];
    let url: string | null = "/known-issues?limit=2";
    while (url) {
      const response = await api.get(url);
      seen.push(...response.body.knownIssues.map((item: { id: string }) => item.id));
      url = response.body.nextCursor ? `/known-issues?limit=2&cursor=${response.body.nextCursor}` : null;
    }
    expect(seen).toEqual(everything);
  });

  it("answers 400 naming the field for an unknown status", async () => {
    const created = await api.post("/known-issues", { title: "Bad", status: "wontfix" });
    expect(created.status).toBe(400);
    expect(created.body.message).toContain("status");
    const listed = await api.get("/known-issues?status=wontfix");
    expect(listed.status).toBe(400);
    expect(listed.body.message).toContain("status");
  });

  it("answers 404 for a known issue that does not exist", async () => {
    expect((await api.get("/known-issues/ki_missing")).status).toBe(404);
    const patch = await api.patch("/known-issues/ki_missing", { status: "fixed" });
    expect(patch.status).toBe(404);
    expect(patch.body).toEqual({ code: "not_found", message: "There is no known issue ki_missing." });
  });

  it("answers 409 for an id that is already taken", async () => {
    await recordIssue({ id: "export-timeout" });
    const again = await api.post("/known-issues", { id: "export-timeout", title: "Again" });
    expect(again.status).toBe(409);
  });

  it("keeps known issues inside their workspace", async () => {
    const issue = await recordIssue();
    await desk.addWorkspace("issues-elsewhere");
    const outsider = apiClient(await desk.app(), await desk.issueToken("agent", { workspaceId: "issues-elsewhere" }));
    expect((await outsider.get(`/known-issues/${issue.id}`)).status).toBe(404);
    expect((await outsider.get("/known-issues")).body.knownIssues).toEqual([]);
    expect((await outsider.patch(`/known-issues/${issue.id}`, { status: "fixed" })).status).toBe(404);
  });
});
