import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets } from "../../core/ports.ts";
import { createTestClock } from "../../testing/create-test-desk.ts";
import { type FakeMetaGraph, metaSignature, startFakeMetaGraph } from "../../testing/fake-providers/fake-meta-graph.ts";
import { recordingReceiver, testAccount, webhookRequest } from "../../testing/fake-providers/provider-test-kit.ts";
import { createMessengerChannel } from "./messenger-channel.ts";
import { createMessengerWebhook } from "./messenger-webhook.ts";

const appSecret = "page-app-secret";
const accessToken = "EAAB-page-token";
let graph: FakeMetaGraph;
let messenger: ChannelAccountWithSecrets;
let instagram: ChannelAccountWithSecrets;

beforeAll(async () => {
  graph = await startFakeMetaGraph({ accessToken });
  const secrets = { appSecret, accessToken, verifyToken: "page-verify" };
  messenger = testAccount("messenger", { settings: { pageId: "112233445566", apiBaseUrl: graph.url }, secrets });
  instagram = testAccount("instagram", {
    settings: { instagramAccountId: "17841400000000", apiBaseUrl: graph.url },
    secrets,
  });
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
});

// As the Messenger Platform documents the `messages` webhook event.
function messagingWebhook(
  object: "page" | "instagram",
  message: Record<string, unknown>,
  senderId = "6541236547896541",
) {
  return {
    object,
    entry: [
      {
        id: object === "page" ? "112233445566" : "17841400000000",
        time: 1772442000500,
        messaging: [{ sender: { id: senderId }, recipient: { id: "112233445566" }, timestamp: 1772442000000, message }],
      },
    ],
  };
}

function signed(payload: unknown, secret = appSecret) {
  const body = JSON.stringify(payload);
  return webhookRequest({ body, headers: { "x-hub-signature-256": metaSignature(body, secret) } });
}

describe("Messenger and Instagram webhooks", () => {
  it("turns a page message into an inbound social message with the provider recorded", async () => {
    const receiver = recordingReceiver();
    const webhook = createMessengerWebhook({ ...receiver, clock: createTestClock() });
    const reply = await webhook.handle(
      signed(messagingWebhook("page", { mid: "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM", text: "Where is my refund?" })),
      messenger,
    );
    expect(reply.status).toBe(200);
    expect(receiver.received).toEqual([
      {
        channel: "social",
        provider: "messenger",
        externalId: `messenger:${messenger.id}:6541236547896541:m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM`,
        threadIds: [],
        from: { handle: { provider: "messenger", value: "6541236547896541" } },
        body: "Where is my refund?",
        at: new Date(1772442000000),
        attributes: { provider: "messenger", channelAccountId: messenger.id, recipient: "6541236547896541" },
      },
    ]);
  });

  it("records instagram as the provider of an Instagram direct message", async () => {
    const receiver = recordingReceiver();
    const webhook = createMessengerWebhook({ ...receiver, clock: createTestClock() }, "instagram");
    await webhook.handle(
      signed(messagingWebhook("instagram", { mid: "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE", text: "Hi!" })),
      instagram,
    );
    expect(receiver.received[0]).toMatchObject({
      provider: "instagram",
      from: { handle: { provider: "instagram", value: "6541236547896541" } },
      attributes: { provider: "instagram" },
    });
  });

  it("ignores the page's own echoes and refuses a forged signature", async () => {
    const receiver = recordingReceiver();
    const webhook = createMessengerWebhook({ ...receiver, clock: createTestClock() });
    await webhook.handle(
      signed(messagingWebhook("page", { mid: "m_echo", text: "Our reply", is_echo: true })),
      messenger,
    );
    const forged = await webhook.handle(
      signed(messagingWebhook("page", { mid: "m_1", text: "hi" }), "guessed"),
      messenger,
    );
    expect(forged.status).toBe(403);
    expect(receiver.received).toEqual([]);
  });

  it("downloads an image attachment from its URL", async () => {
    const image = Buffer.from("jpeg bytes");
    graph.addMedia("photo-1", image, "image/jpeg");
    const receiver = recordingReceiver();
    const webhook = createMessengerWebhook({ ...receiver, clock: createTestClock() });
    const payload = messagingWebhook("page", {
      mid: "m_photo",
      attachments: [{ type: "image", payload: { url: `${graph.url}/cdn/photo-1` } }],
    });
    await webhook.handle(signed(payload), messenger);
    expect(receiver.received[0]?.body).toBe("[image]");
    expect(receiver.received[0]?.attachments).toEqual([
      { filename: "messenger-image-1.jpeg", contentType: "image/jpeg", size: image.length, content: image },
    ]);
  });

  it("answers the subscription handshake", async () => {
    const webhook = createMessengerWebhook({ ...recordingReceiver(), clock: createTestClock() });
    const query = { "hub.mode": "subscribe", "hub.verify_token": "page-verify", "hub.challenge": "CHALLENGE_ACCEPTED" };
    expect(await webhook.handle(webhookRequest({ method: "GET", query }), messenger)).toMatchObject({
      status: 200,
      body: "CHALLENGE_ACCEPTED",
    });
  });
});

describe("Messenger channel", () => {
  const clock = createTestClock("2026-03-02T12:00:00.000Z");
  let lastCustomerMessage: Date | null = new Date("2026-03-02T11:00:00.000Z");
  const deps = (account: ChannelAccountWithSecrets) => ({
    clock,
    accounts: { load: async () => account, lastCustomerMessageAt: async () => lastCustomerMessage },
  });
  const reply = (account: ChannelAccountWithSecrets, body = "Your refund was sent today."): OutboundMessage => ({
    workspaceId: "default",
    ticketId: "1001",
    messageId: "msg_1",
    to: { handle: { provider: account.provider, value: "6541236547896541" } },
    subject: null,
    body,
    externalId: "out-1",
    threadIds: [],
    attributes: { provider: account.provider, channelAccountId: account.id },
  });

  it("replies through the Send API inside the 24-hour window", async () => {
    lastCustomerMessage = new Date("2026-03-02T11:00:00.000Z");
    const result = await createMessengerChannel(deps(messenger)).send(reply(messenger));
    expect(result).toEqual({
      status: "sent",
      externalId: expect.stringMatching(new RegExp(`^messenger:${messenger.id}:6541236547896541:m_FAKE`)),
    });
    expect(graph.requests[0]?.path).toBe("/112233445566/messages");
    expect(graph.sent()).toEqual([
      {
        recipient: { id: "6541236547896541" },
        messaging_type: "RESPONSE",
        message: { text: "Your refund was sent today." },
      },
    ]);
  });

  it("sends to the Instagram account for an Instagram ticket", async () => {
    const result = await createMessengerChannel(deps(instagram), "instagram").send(reply(instagram));
    expect(result.status).toBe("sent");
    expect(graph.requests[0]?.path).toBe("/17841400000000/messages");
  });

  it("splits a long reply into parts of at most 2,000 characters", async () => {
    const long = Array.from({ length: 60 }, (_, index) => `Sentence number ${index} explains one more step.`).join(" ");
    expect((await createMessengerChannel(deps(messenger)).send(reply(messenger, long))).status).toBe("sent");
    const texts = graph.sent().map((body) => (body.message as { text: string }).text);
    expect(texts.length).toBe(2);
    expect(texts.every((text) => text.length <= 2000)).toBe(true);
    expect(texts.join(" ")).toBe(long);
  });

  it("uses the HUMAN_AGENT tag after 24 hours only when the account allows it, and never after 7 days", async () => {
    lastCustomerMessage = new Date("2026-02-28T12:00:00.000Z");
    expect((await createMessengerChannel(deps(messenger)).send(reply(messenger))).status).toBe("rejected");
    const tagged = { ...messenger, settings: { ...messenger.settings, humanAgentTag: "true" } };
    expect((await createMessengerChannel(deps(tagged)).send(reply(tagged))).status).toBe("sent");
    expect(graph.sent()[0]).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    lastCustomerMessage = new Date("2026-02-20T12:00:00.000Z");
    expect((await createMessengerChannel(deps(tagged)).send(reply(tagged))).status).toBe("rejected");
  });

  it("retries rate limits and server errors, and gives up on a bad token", async () => {
    lastCustomerMessage = new Date("2026-03-02T11:00:00.000Z");
    graph.failNext({
      status: 400,
      body: { error: { message: "(#613) Calls to this api have exceeded the rate limit.", code: 613 } },
    });
    expect((await createMessengerChannel(deps(messenger)).send(reply(messenger))).status).toBe("retryable");
    graph.failNext({ status: 503, body: "unavailable" });
    expect((await createMessengerChannel(deps(messenger)).send(reply(messenger))).status).toBe("retryable");
    const expired = { ...messenger, secrets: { ...messenger.secrets, accessToken: "expired" } };
    expect((await createMessengerChannel(deps(expired)).send(reply(expired))).status).toBe("rejected");
  });
});
