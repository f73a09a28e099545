import { afterEach, describe, expect, it } from "vitest";
import { escalateTicket } from "../core/follow-through/escalation.ts";
import { customerTime } from "../core/follow-through/escalation-update.ts";
import type { TicketDetail } from "../core/tickets/ticket.ts";
import { addMessage, openTicket } from "../core/tickets/ticket-use-cases.ts";
import * as schema from "../storage/schema.ts";
import { createTestDesk, type TestAgent, type TestDesk } from "../testing/create-test-desk.ts";

const hour = 60 * 60_000;
let desk: TestDesk;
let owner: TestAgent;
afterEach(async () => desk?.close());

async function startDesk(autonomy?: { enabled: boolean; categories: string[] }): Promise<void> {
  desk = await createTestDesk();
  await desk.database.db.insert(schema.teams).values([
    { workspaceId: desk.workspaceId, id: "tier1", name: "General", escalatesTo: "tier2" },
    { workspaceId: desk.workspaceId, id: "tier2", name: "Technical", escalatesTo: null },
  ]);
  if (autonomy) {
    await desk.workspaces.updateSettings(desk.workspaceId, {
      responder: { autonomy: { threshold: 0.9, ...autonomy } },
    });
  }
  owner = await desk.addAgent("agent");
}

async function newTicket(input: { channel: "email" | "chat"; name: string; body: string }): Promise<TicketDetail> {
  return openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: `customer-${crypto.randomUUID()}@example.test`, name: input.name },
      channel: input.channel,
      subject: "Sync drops records",
      teamId: "tier1",
      assigneeId: owner.agentId,
      message: { author: "customer", body: input.body },
      actor: "customer",
    },
    desk,
  );
}

async function escalate(ticketId: string): Promise<void> {
  await escalateTicket(
    { workspaceId: desk.workspaceId, ticketId, reason: "needs an engineer", actor: `agent:${owner.agentId}` },
    desk,
  );
  await desk.runDueJobs();
}

async function answerFromTier2(ticketId: string, body: string, isPublic = false): Promise<void> {
  await addMessage(
    { workspaceId: desk.workspaceId, ticketId, author: "agent:tier2-engineer", public: isPublic, body },
    desk,
  );
  await desk.runDueJobs();
}

async function responderMessages(ticketId: string) {
  const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
  const fromResponder = ticket?.messages.filter((message) => message.author === "responder") ?? [];
  return {
    sent: fromResponder.filter((message) => message.public).map((message) => message.body),
    drafts: fromResponder.filter((message) => !message.public).map((message) => message.body),
  };
}

describe("escalation keeps the customer updated", () => {
  it("drafts the updates for the owner when the autonomy policy does not allow customer updates", async () => {
    await startDesk();
    const ticket = await newTicket({ channel: "email", name: "Ana", body: "The sync drops half of my records." });
    await escalate(ticket.id);

    let messages = await responderMessages(ticket.id);
    expect(messages.sent).toEqual([]);
    expect(messages.drafts).toHaveLength(1);
    const [notice] = messages.drafts;
    expect(notice).toContain(`@${owner.agentId}: an update for the customer is drafted and waits for you`);
    expect(notice).toContain("not sent alone: autonomy is off for this workspace");
    expect(notice).toContain("Hi Ana,");
    expect(notice).toContain("I've brought in our Technical team");
    expect(notice).toContain(customerTime(new Date(desk.clock.now().getTime() + 4 * hour), "en", "UTC"));
    expect(notice).toContain(`Citations: ticket ${ticket.id} (the escalation).`);

    desk.clock.advance(hour);
    await answerFromTier2(ticket.id, "Found it: the ix_records_sync index is corrupt, rebuilding it tonight.");
    messages = await responderMessages(ticket.id);
    expect(messages.sent).toEqual([]);
    expect(messages.drafts).toHaveLength(2);
    expect(messages.drafts[1]).toContain("Our Technical team has found the cause of the problem");
    expect(messages.drafts[1]).not.toContain("ix_records_sync");
    expect(messages.drafts[1]).toContain(`Citations: ticket ${ticket.id} (team tier2's answer).`);

    // A second answer from the team, and other changes, draft nothing more.
    await answerFromTier2(ticket.id, "Rebuild scheduled.");
    expect((await responderMessages(ticket.id)).drafts).toHaveLength(2);
  });

  it("sends the updates itself, in the customer's language and channel, when customer updates may go out alone", async () => {
    await startDesk({ enabled: true, categories: ["customer_update"] });
    const ticket = await newTicket({ channel: "chat", name: "王梅", body: "同步的时候丢了一半的记录，请帮忙看看。" });
    await escalate(ticket.id);

    let messages = await responderMessages(ticket.id);
    expect(messages.drafts).toEqual([]);
    expect(messages.sent).toHaveLength(1);
    expect(messages.sent[0]).toContain("王梅，您好！");
    expect(messages.sent[0]).toContain("我已请我们的Technical团队");
    expect(messages.sent[0]).not.toContain("\n");

    desk.clock.advance(2 * hour);
    await answerFromTier2(ticket.id, "Fix deployed: rebuilt ix_records_sync, the sync keeps every record now.");
    messages = await responderMessages(ticket.id);
    expect(messages.sent).toHaveLength(2);
    expect(messages.sent[1]).toContain("已经完成了修复");
    expect(messages.sent[1]).not.toContain("ix_records_sync");
    await desk.runDueJobs();
    expect((await responderMessages(ticket.id)).sent).toHaveLength(2);
  });

  it("holds customer updates when autonomy is on but customer updates are not among its categories", async () => {
    await startDesk({ enabled: true, categories: ["how_to"] });
    const ticket = await newTicket({ channel: "email", name: "Ana", body: "The sync drops half of my records." });
    await escalate(ticket.id);
    const messages = await responderMessages(ticket.id);
    expect(messages.sent).toEqual([]);
    expect(messages.drafts[0]).toContain("category customer_update is not allowed to auto-send");
  });

  it("adds no update of its own when the other team answered the customer in public", async () => {
    await startDesk({ enabled: true, categories: ["customer_update"] });
    const ticket = await newTicket({ channel: "email", name: "Ana", body: "The sync drops half of my records." });
    await escalate(ticket.id);
    await answerFromTier2(ticket.id, "Hi Ana, we rebuilt the sync index; every record syncs again.", true);
    const messages = await responderMessages(ticket.id);
    expect(messages.sent).toHaveLength(1);
    expect(messages.sent[0]).toContain("I've brought in our Technical team");
  });
});
