import { asc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMessage, planDelivery } from "../../core/channels/deliver-message.ts";
import type { ChannelAccount } from "../../core/ports.ts";
import { addMessage } from "../../core/tickets/ticket-use-cases.ts";
import * as schema from "../../storage/schema.ts";
import { createRecordingJobQueue } from "../../testing/channel-contract.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import {
  type FakeMetaGraph,
  metaSignature,
  startFakeMetaGraph,
  type WhatsAppStatusOptions,
  whatsappStatusWebhook,
} from "../../testing/fake-providers/fake-meta-graph.ts";

const appSecret = "receipts-app-secret";
const accessToken = "EAAG-receipts-token";
const customerNumber = "16505551234";
let desk: TestDesk;
let graph: FakeMetaGraph;
let account: ChannelAccount;
let app: Awaited<ReturnType<TestDesk["app"]>>;
let token: string;

beforeAll(async () => {
  desk = await createTestDesk();
  graph = await startFakeMetaGraph({ accessToken });
  account = await desk.channelAccounts.create(
    desk.workspaceId,
    {
      channel: "social",
      provider: "whatsapp",
      name: "WhatsApp",
      settings: { phoneNumberId: "106540352242922", apiBaseUrl: graph.url },
      secrets: { appSecret, accessToken, verifyToken: "receipts-verify" },
      enabled: true,
    },
    desk.clock.now(),
  );
  app = await desk.app();
  token = await desk.issueToken("agent");
});

afterAll(async () => {
  await graph?.close();
  await desk?.close();
});

const post = (payload: unknown) => {
  const body = JSON.stringify(payload);
  return app.inject({
    method: "POST",
    url: `/api/v1/channels/${account.id}/webhook`,
    headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature(body, appSecret) },
    payload: body,
  });
};

/** A customer writes on WhatsApp and an agent's reply goes out through the fake Graph API. */
async function sentReply(customerMessageId: string) {
  const inbound = {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
              contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: customerNumber }],
              messages: [
                {
                  from: customerNumber,
                  id: customerMessageId,
                  timestamp: String(desk.clock.now().getTime() / 1000),
                  text: { body: "Where is my order?" },
                  type: "text",
                },
              ],
            },
          },
        ],
      },
    ],
  };
  expect((await post(inbound)).statusCode).toBe(200);
  const [found] = (await desk.tickets.list(desk.workspaceId, { channel: ["social"] }, { limit: 1 })).items;
  const ticketId = found?.id ?? "";
  const deps = { ...desk, jobs: createRecordingJobQueue() };
  const { ticket } = await addMessage(
    { workspaceId: desk.workspaceId, ticketId, author: "agent:agent-1", public: true, body: "It ships today." },
    deps,
  );
  const messageId = ticket.messages.at(-1)?.id ?? "";
  await planDelivery({ workspaceId: desk.workspaceId, ticketId, messageId }, deps);
  await deliverMessage({ workspaceId: desk.workspaceId, messageId }, deps);
  const delivery = await desk.deliveries.get(desk.workspaceId, messageId);
  expect(delivery?.status).toBe("sent");
  const wamid = delivery?.providerMessageId?.split(":").at(-1) ?? "";
  expect(wamid).toMatch(/^wamid\./);
  return { ticketId, messageId, wamid };
}

const status = (wamid: string, value: WhatsAppStatusOptions["status"], secondsAfterStart: number) =>
  whatsappStatusWebhook({
    messageId: wamid,
    status: value,
    recipient: customerNumber,
    timestamp: desk.clock.now().getTime() / 1000 + secondsAfterStart,
  });

const messageOf = async (ticketId: string, messageId: string) => {
  const response = await apiClient(app, token).get(`/tickets/${ticketId}`);
  expect(response.status).toBe(200);
  return response.body.messages.find((message: { id: string }) => message.id === messageId);
};

describe("WhatsApp delivery statuses", () => {
  it("keeps sent, delivered and read, once each, and shows the latest on the ticket's message", async () => {
    const { ticketId, messageId, wamid } = await sentReply("wamid.customer-1");
    expect((await messageOf(ticketId, messageId)).receipt).toBeNull();

    expect((await post(status(wamid, "sent", 1))).json()).toEqual({ received: 0, statuses: 1 });
    await post(status(wamid, "delivered", 5));
    expect((await messageOf(ticketId, messageId)).receipt).toEqual({
      status: "delivered",
      at: new Date(desk.clock.now().getTime() + 5000).toISOString(),
      error: null,
    });
    await post(status(wamid, "read", 60));
    // Meta retries webhooks: a replayed status changes nothing.
    await post(status(wamid, "read", 60));
    await post(status(wamid, "delivered", 5));
    const receipts = await desk.messageReceipts.latest(desk.workspaceId, [messageId]);
    expect(receipts.get(messageId)?.status).toBe("read");
    expect((await messageOf(ticketId, messageId)).receipt).toMatchObject({ status: "read" });
    const rows = await desk.database.db
      .select({ status: schema.messageReceipts.status })
      .from(schema.messageReceipts)
      .where(eq(schema.messageReceipts.messageId, messageId))
      .orderBy(asc(schema.messageReceipts.status));
    expect(rows.map((row) => row.status)).toEqual(["delivered", "read", "sent"]);
  });

  it("marks the reply's delivery failed and puts an internal note on the ticket, once, when it failed to arrive", async () => {
    const { ticketId, messageId, wamid } = await sentReply("wamid.customer-2");
    await post(status(wamid, "failed", 2));
    await post(status(wamid, "failed", 2));

    const message = await messageOf(ticketId, messageId);
    expect(message.receipt).toMatchObject({ status: "failed" });
    expect(message.receipt.error).toContain("more than 24 hours have passed");
    expect(message.receipt.error).toContain("131047");
    const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
    const notes = ticket?.messages.filter((candidate) => !candidate.public && candidate.author === "system") ?? [];
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body).toContain("could not deliver a reply");
    expect(notes[0]?.body).toContain("131047");
    const delivery = await desk.deliveries.get(desk.workspaceId, messageId);
    expect(delivery).toMatchObject({ status: "failed" });
    expect(delivery?.lastError).toContain("131047");
  });

  it("acknowledges a status of a message the desk never sent and keeps nothing", async () => {
    const response = await post(status("wamid.not-ours", "delivered", 1));
    expect(response.statusCode).toBe(200);
    const rows = await desk.database.db
      .select()
      .from(schema.messageReceipts)
      .where(like(schema.messageReceipts.providerMessageId, "%not-ours"));
    expect(rows).toEqual([]);
  });
});
