import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMessage, openTicket, updateTicket } from "../../core/tickets/ticket-use-cases.ts";
import { interactionReportSubscriber } from "../../jobs/automation-interaction-report.ts";
import { outboxReader, recordingQueue } from "../../jobs/automation-testing.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
let readOutbox: ReturnType<typeof outboxReader>;

beforeAll(async () => {
  desk = await createTestDesk();
  readOutbox = outboxReader(desk);
});
afterAll(async () => desk?.close());

async function relay() {
  const deps = { ...desk, jobs: recordingQueue() };
  for (const notification of await readOutbox()) {
    if (interactionReportSubscriber.kinds.includes(notification.kind)) {
      await interactionReportSubscriber.handle(notification, deps as never);
    }
  }
}

async function answeredTicket() {
  const ticket = await openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: "ana@example.com", name: "Ana Lima" },
      channel: "email",
      subject: "Invoice shows the wrong VAT number",
      priority: "normal",
      message: { author: "customer", body: "My March invoice shows an old VAT number. Can you correct it?" },
      actor: "customer",
    },
    desk,
  );
  desk.clock.advance(30 * 60_000);
  await addMessage(
    {
      workspaceId: desk.workspaceId,
      ticketId: ticket.id,
      author: "agent:maria",
      public: true,
      body: "Hi Ana, I corrected the VAT number and reissued the invoice.",
    },
    desk,
  );
  return ticket.id;
}

describe("the interaction report", () => {
  it("is written when the ticket is solved and served as JSON and Markdown", async () => {
    const token = await desk.issueToken("agent");
    const api = apiClient(await desk.app(), token);
    const ticketId = await answeredTicket();
    const before = await api.get(`/tickets/${ticketId}/interaction-report`);
    expect(before.status).toBe(404);
    expect(before.body.message).toContain("written when it is solved");

    desk.clock.advance(60 * 60_000);
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId, patch: { status: "solved" }, actor: "agent:maria" },
      desk,
    );
    await relay();
    const stored = await desk.interactionReports.get(desk.workspaceId, ticketId);
    expect(stored?.outcome).toMatchObject({ resolutionMinutes: 90, firstContactResolution: true });

    const json = await api.get(`/tickets/${ticketId}/interaction-report`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      ticketId,
      customer: { name: "Ana Lima", channel: "email", priority: "normal" },
      resolution: { customerGoal: "Invoice shows the wrong VAT number" },
      outcome: { firstContactResolution: true, sla: { firstResponse: "met" } },
    });
    expect(json.body.followUps).toHaveLength(3);

    const markdown = await api.get(`/tickets/${ticketId}/interaction-report?format=markdown`);
    expect(markdown.headers["content-type"]).toContain("text/markdown");
    expect(markdown.text).toContain(`# Interaction report: ticket ${ticketId}`);
    expect(markdown.text).toContain("Ana Lima");
  });

  it("is rewritten when a solved ticket changes, e.g. once the customer scores it", async () => {
    const ticketId = await answeredTicket();
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId, patch: { status: "solved" }, actor: "agent:maria" },
      desk,
    );
    await relay();
    expect((await desk.interactionReports.get(desk.workspaceId, ticketId))?.outcome.csat).toBeNull();
    await desk.csat.create({
      workspaceId: desk.workspaceId,
      ticketId,
      tokenHash: `hash-${ticketId}`,
      sentAt: desk.clock.now(),
      messageId: null,
      closesAt: new Date(desk.clock.now().getTime() + 60_000),
    });
    await desk.csat.recordAnswer(desk.workspaceId, ticketId, {
      score: 5,
      comment: null,
      at: desk.clock.now(),
      via: "survey_page",
    });
    await relay();
    expect((await desk.interactionReports.get(desk.workspaceId, ticketId))?.outcome.csat).toEqual({
      score: 5,
      comment: null,
    });
  });

  it("answers 404 for a ticket that does not exist", async () => {
    const api = apiClient(await desk.app(), await desk.issueToken("agent"));
    const missing = await api.get("/tickets/999999/interaction-report");
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain("no ticket 999999");
  });
});
