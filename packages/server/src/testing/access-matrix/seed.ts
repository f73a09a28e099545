import type { FastifyInstance } from "fastify";
import { signUserId } from "../../channels/chat/identity.ts";
import * as schema from "../../storage/schema.ts";
import { apiClient, type TestDesk } from "../create-test-desk.ts";

/** The ids a route's path parameters are filled with, and the text that must never reach a stranger. */
export type SeededWorkspace = {
  workspaceId: string;
  adminAgentId: string;
  agentId: string;
  adminToken: string;
  agentToken: string;
  /** A token nobody uses, for DELETE /tokens/:id (revoking the callers' own would end the run early). */
  spareTokenId: string;
  ids: {
    ticket: string;
    customer: string;
    article: string;
    knownIssue: string;
    macro: string;
    trigger: string;
    webhook: string;
    channel: string;
    followUp: string;
    team: string;
  };
  /** Distinctive words from this workspace's objects: none may appear in an answer to anyone outside it. */
  secrets: string[];
  /** A widget user of this workspace, signed with its identity secret. */
  widgetUser: { userId: string; signature: string };
};

/**
 * Fills a workspace through its own admin's API calls (so the seed itself goes through the front
 * door): a ticket with its customer, an internal article, a known issue, a macro, a trigger, a
 * webhook, a connected channel, a follow-up, a team and an unused token.
 */
export async function seedWorkspace(
  desk: TestDesk,
  app: FastifyInstance,
  workspaceId: string,
  word: string,
): Promise<SeededWorkspace> {
  const admin = await desk.addAgent("admin", { workspaceId, name: `${word} Admin` });
  const agent = await desk.addAgent("agent", { workspaceId, name: `${word} Agent` });
  const spare = await desk.addAgent("agent", { workspaceId, name: `${word} Spare` });
  const team = `${word.toLowerCase()}-team`;
  await desk.database.db.insert(schema.teams).values({ workspaceId, id: team, name: `${word} team` });
  const api = apiClient(app, admin.token);

  const created = async (url: string, body: object): Promise<{ id: string }> => {
    const response = await api.post(url, body);
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`seeding ${workspaceId}: POST ${url} answered ${response.status}: ${response.text}`);
    }
    return response.body;
  };

  const secrets = {
    subject: `${word} refund for order 7731`,
    customerName: `${word} Quillfeather`,
    customerEmail: `${word.toLowerCase()}.quillfeather@example.test`,
    messageBody: `${word} card ending 4242 was charged twice`,
    articleTitle: `${word} internal escalation runbook`,
    knownIssueTitle: `${word} exports stall at midnight`,
    macroName: `${word} refund macro`,
    triggerName: `${word} enterprise trigger`,
    webhookUrl: `https://hooks.${word.toLowerCase()}.example.test/support`,
    channelName: `${word} support line`,
    promise: `${word} promised a callback`,
  };

  const ticket = await created("/tickets", {
    customer: { email: secrets.customerEmail, name: secrets.customerName },
    channel: "email",
    subject: secrets.subject,
    message: { body: secrets.messageBody },
  });
  const detail = await api.get(`/tickets/${ticket.id}`);
  const article = await created("/articles", {
    title: secrets.articleTitle,
    body: `${word} steps for the on-call engineer.`,
    tags: ["internal"],
    public: false,
  });
  const knownIssue = await created("/known-issues", { title: secrets.knownIssueTitle, tags: ["export"] });
  const macro = await created("/macros", {
    name: secrets.macroName,
    body: "Hi, your refund is on its way.",
    actions: [{ type: "add_tags", tags: ["refund"] }],
  });
  const trigger = await created("/triggers", {
    name: secrets.triggerName,
    event: "ticket.created",
    conditions: [{ field: "customer.plan", operator: "is", value: "enterprise" }],
    actions: [{ type: "set_priority", priority: "high" }],
  });
  const webhook = await created("/webhooks", { url: secrets.webhookUrl, kinds: ["ticket.created"] });
  const channel = await created("/channels", {
    provider: "whatsapp",
    name: secrets.channelName,
    settings: { phoneNumberId: "106540352242922" },
    secrets: { accessToken: `${word}-access-token`, appSecret: `${word}-app-secret`, verifyToken: `${word}-verify` },
  });
  const followUp = await created(`/tickets/${ticket.id}/follow-ups`, {
    dueAt: "2026-03-05T10:00:00Z",
    promise: secrets.promise,
  });

  const userId = `${word.toLowerCase()}-user-1`;
  const identitySecret = await desk.widgets.identitySecret(workspaceId);
  return {
    workspaceId,
    adminAgentId: admin.agentId,
    agentId: agent.agentId,
    adminToken: admin.token,
    agentToken: agent.token,
    spareTokenId: spare.id,
    ids: {
      ticket: ticket.id,
      customer: String(detail.body.customerId),
      article: article.id,
      knownIssue: knownIssue.id,
      macro: macro.id,
      trigger: trigger.id,
      webhook: webhook.id,
      channel: channel.id,
      followUp: followUp.id,
      team,
    },
    secrets: [...Object.values(secrets), `${word}-access-token`, `${word}-app-secret`, identitySecret],
    widgetUser: { userId, signature: signUserId(identitySecret, userId) },
  };
}
