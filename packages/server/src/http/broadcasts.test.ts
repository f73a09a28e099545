import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let admin: ApiClient;
let agent: ApiClient;

beforeAll(async () => {
  desk = await createTestDesk();
  const app = await desk.app();
  admin = apiClient(app, await desk.issueToken("admin"));
  agent = apiClient(app, await desk.issueToken("agent"));
});
afterAll(async () => desk?.close());

type Affected = { knownIssueId: string; anaFirst: string; anaLatest: string; mei: string };

/** A known issue with three linked tickets: two by Ana on email, one by Mei on chat, in Chinese. */
async function knownIssueWithThreeTickets(title: string): Promise<Affected> {
  const issue = await agent.post("/known-issues", {
    title,
    workaround: "Export one month at a time until the fix ships.",
  });
  expect(issue.status).toBe(201);
  const open = async (body: object) => {
    const created = await agent.post("/tickets", body);
    expect(created.status).toBe(201);
    const linked = await agent.patch(`/tickets/${created.body.id}`, { knownIssueId: issue.body.id });
    expect(linked.status).toBe(200);
    return String(created.body.id);
  };
  const email = `ana-${crypto.randomUUID()}@example.test`;
  const anaFirst = await open({
    customer: { email, name: "Ana Lima" },
    channel: "email",
    subject: "CSV export stalls",
    message: { body: "My CSV export has been stuck for an hour." },
  });
  desk.clock.advance(60_000);
  const anaLatest = await open({
    customer: { email, name: "Ana Lima" },
    channel: "email",
    subject: "Export still stalling",
    message: { body: "The export stalled again this morning, please help." },
  });
  const mei = await open({
    customer: { email: `mei-${crypto.randomUUID()}@example.test`, name: "王梅" },
    channel: "chat",
    message: { body: "我的数据导出一直卡住，已经两天了，请帮忙看看。" },
  });
  return { knownIssueId: issue.body.id, anaFirst, anaLatest, mei };
}

async function fixAndDraft(affected: Affected) {
  const fixed = await agent.patch(`/known-issues/${affected.knownIssueId}`, { status: "fixed" });
  expect(fixed.status).toBe(200);
  await desk.runDueJobs();
  const listed = await agent.get(`/broadcasts?knownIssueId=${affected.knownIssueId}`);
  expect(listed.status).toBe(200);
  expect(listed.body.broadcasts).toHaveLength(1);
  return String(listed.body.broadcasts[0].id);
}

const responderMessages = async (ticketId: string) =>
  ((await agent.get(`/tickets/${ticketId}`)).body.messages as { author: string; public: boolean; body: string }[])
    .filter((message) => message.author === "responder" && message.public)
    .map((message) => message.body);

describe("broadcasts when a known issue is fixed", () => {
  it("drafts one personal message per affected customer on their ticket's channel and sends nothing yet", async () => {
    const affected = await knownIssueWithThreeTickets("CSV exports stall on large accounts");
    const broadcastId = await fixAndDraft(affected);

    const detail = await agent.get(`/broadcasts/${broadcastId}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: "draft", knownIssueId: affected.knownIssueId, recipientCount: 2 });
    const [ana, mei] = detail.body.recipients;
    expect(ana).toMatchObject({ ticketId: affected.anaLatest, channel: "email", language: "en", status: "pending" });
    expect(ana.body).toContain("Hi Ana Lima,");
    expect(ana.body).toContain(affected.anaLatest);
    expect(ana.body).toContain('"CSV exports stall on large accounts"');
    expect(ana.body).toContain("no longer need the workaround");
    expect(ana.citations).toEqual([
      { kind: "known_issue", id: affected.knownIssueId },
      { kind: "ticket", id: affected.anaLatest },
    ]);
    expect(mei).toMatchObject({ ticketId: affected.mei, channel: "chat", language: "zh", status: "pending" });
    expect(mei.body).toContain("王梅，您好！");
    expect(mei.body).toContain("现已修复");
    expect(mei.body).toContain("不再需要");
    // Chat is read in a window: no blank lines, no sign-off.
    expect(mei.body).not.toContain("\n");

    for (const ticketId of [affected.anaFirst, affected.anaLatest, affected.mei]) {
      expect(await responderMessages(ticketId)).toEqual([]);
    }
  });

  it("sends each message once on approval, as a public reply on the customer's ticket", async () => {
    const affected = await knownIssueWithThreeTickets("Exports stall at midnight");
    const broadcastId = await fixAndDraft(affected);

    expect((await agent.post(`/broadcasts/${broadcastId}/approve`)).status).toBe(403);
    const approved = await admin.post(`/broadcasts/${broadcastId}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("sent");
    expect(approved.body.approvedBy).toMatch(/^agent:/);
    expect(approved.body.recipients.map((recipient: { status: string }) => recipient.status)).toEqual(["sent", "sent"]);
    const [ana, mei] = approved.body.recipients;
    expect(await responderMessages(affected.anaLatest)).toEqual([ana.body]);
    expect(await responderMessages(affected.mei)).toEqual([mei.body]);
    expect(await responderMessages(affected.anaFirst)).toEqual([]);
    const sentMessageIds = approved.body.recipients.map((recipient: { messageId: string }) => recipient.messageId);

    await desk.runDueJobs();
    const again = await admin.post(`/broadcasts/${broadcastId}/approve`);
    expect(again.status).toBe(200);
    expect(again.body.recipients.map((recipient: { messageId: string }) => recipient.messageId)).toEqual(
      sentMessageIds,
    );
    expect(await responderMessages(affected.anaLatest)).toEqual([ana.body]);
    expect(await responderMessages(affected.mei)).toEqual([mei.body]);

    const cancelled = await admin.post(`/broadcasts/${broadcastId}/cancel`);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.message).toContain("can no longer be cancelled");
  });

  it("sends nothing for a cancelled broadcast, and refuses to approve it afterwards", async () => {
    const affected = await knownIssueWithThreeTickets("Exports fail for archived projects");
    const broadcastId = await fixAndDraft(affected);

    expect((await agent.post(`/broadcasts/${broadcastId}/cancel`)).status).toBe(403);
    const cancelled = await admin.post(`/broadcasts/${broadcastId}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    const approved = await admin.post(`/broadcasts/${broadcastId}/approve`);
    expect(approved.status).toBe(409);
    expect(approved.body.code).toBe("conflict");
    for (const ticketId of [affected.anaLatest, affected.mei]) expect(await responderMessages(ticketId)).toEqual([]);
  });

  it("answers a closed ticket on a linked follow-up ticket", async () => {
    const affected = await knownIssueWithThreeTickets("Exports drop the last row");
    await desk.tickets.change(desk.workspaceId, affected.mei, () => ({
      at: desk.clock.now(),
      fields: { status: "closed" },
      events: [],
    }));
    const broadcastId = await fixAndDraft(affected);
    const approved = await admin.post(`/broadcasts/${broadcastId}/approve`);
    const mei = approved.body.recipients[1];
    expect(mei).toMatchObject({ ticketId: affected.mei, status: "sent" });
    expect(mei.sentTicketId).not.toBe(affected.mei);
    expect(await responderMessages(mei.sentTicketId)).toEqual([mei.body]);
    expect(await responderMessages(affected.mei)).toEqual([]);
  });

  it("makes no broadcast for a status other than fixed, and says so for an unknown id", async () => {
    const affected = await knownIssueWithThreeTickets("Exports slow on Mondays");
    await agent.patch(`/known-issues/${affected.knownIssueId}`, { status: "fix_in_progress" });
    await desk.runDueJobs();
    expect((await agent.get(`/broadcasts?knownIssueId=${affected.knownIssueId}`)).body.broadcasts).toEqual([]);
    const missing = await agent.get("/broadcasts/bc_nothing");
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain("bc_nothing");
  });

  it("finishes an approval that stopped halfway without sending anything twice", async () => {
    const affected = await knownIssueWithThreeTickets("Exports time out for big teams");
    const broadcastId = await fixAndDraft(affected);
    const draft = await desk.broadcasts.get(desk.workspaceId, broadcastId);
    const [ana, mei] = draft?.recipients ?? [];
    if (!ana || !mei) throw new Error("expected two recipients");
    // An earlier approval claimed both, added Ana's message, and stopped before recording either.
    const now = desk.clock.now();
    await desk.broadcasts.approve(desk.workspaceId, broadcastId, "agent:earlier", now);
    await desk.broadcasts.claimRecipient(desk.workspaceId, broadcastId, ana.customerId, now, now);
    await desk.broadcasts.claimRecipient(desk.workspaceId, broadcastId, mei.customerId, now, now);
    await desk.tickets.change(desk.workspaceId, ana.ticketId, () => ({
      at: now,
      fields: {},
      events: [],
      message: { author: "responder", public: true, body: ana.body },
    }));

    // Within the lease, the claims are still the earlier approval's: nothing is sent.
    const early = await admin.post(`/broadcasts/${broadcastId}/approve`);
    expect(early.body.status).toBe("sending");
    expect(await responderMessages(mei.ticketId)).toEqual([]);

    desk.clock.advance(10 * 60_000);
    const later = await admin.post(`/broadcasts/${broadcastId}/approve`);
    expect(later.body.status).toBe("sent");
    expect(await responderMessages(ana.ticketId)).toEqual([ana.body]);
    expect(await responderMessages(mei.ticketId)).toEqual([mei.body]);
  });
});
