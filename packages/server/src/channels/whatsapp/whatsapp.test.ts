import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets } from "../../core/ports.ts";
import { createTestClock } from "../../testing/create-test-desk.ts";
import { type FakeMetaGraph, metaSignature, startFakeMetaGraph } from "../../testing/fake-providers/fake-meta-graph.ts";
import { recordingReceiver, testAccount, webhookRequest } from "../../testing/fake-providers/provider-test-kit.ts";
import { createWhatsAppChannel } from "./whatsapp-channel.ts";
import { createWhatsAppWebhook } from "./whatsapp-webhook.ts";

const appSecret = "whatsapp-app-secret";
const accessToken = "EAAG-whatsapp-token";
let graph: FakeMetaGraph;
let account: ChannelAccountWithSecrets;

beforeAll(async () => {
  graph = await startFakeMetaGraph({ accessToken });
  account = testAccount("whatsapp", {
    settings: { phoneNumberId: "106540352242922", apiBaseUrl: graph.url },
    secrets: { appSecret, accessToken, verifyToken: "my-verify-token" },
  });
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.requests.length = 0;
});

// As Meta documents the `messages` webhook field (Cloud API, "Text messages" / "Media messages").
function textWebhook(messageId: string, text: string, extra: Record<string, unknown> = {}) {
  return {
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
              contacts: [{ profile: { name: "Sheena Nelson" }, wa_id: "16505551234" }],
              messages: [
                {
                  from: "16505551234",
                  id: messageId,
                  timestamp: "1772442000",
                  text: { body: text },
                  type: "text",
                  ...extra,
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

function signed(payload: unknown, secret = appSecret) {
  const body = JSON.stringify(payload);
  return webhookRequest({ body, headers: { "x-hub-signature-256": metaSignature(body, secret) } });
}

describe("WhatsApp webhook", () => {
  it("echoes the challenge when the verify token matches, and refuses another token", async () => {
    const webhook = createWhatsAppWebhook({ ...recordingReceiver(), clock: createTestClock() });
    const query = { "hub.mode": "subscribe", "hub.verify_token": "my-verify-token", "hub.challenge": "1158201444" };
    expect(await webhook.handle(webhookRequest({ method: "GET", query }), account)).toMatchObject({
      status: 200,
      body: "1158201444",
    });
    const wrong = await webhook.handle(
      webhookRequest({ method: "GET", query: { ...query, "hub.verify_token": "guess" } }),
      account,
    );
    expect(wrong.status).toBe(403);
  });

  it("turns a text message into an inbound message from the customer's number", async () => {
    const receiver = recordingReceiver();
    const webhook = createWhatsAppWebhook({ ...receiver, clock: createTestClock() });
    const reply = await webhook.handle(
      signed(textWebhook("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", "My order has not arrived")),
      account,
    );
    expect(reply.status).toBe(200);
    expect(receiver.received).toEqual([
      expect.objectContaining({
        channel: "social",
        provider: "whatsapp",
        externalId: `whatsapp:${account.id}:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=`,
        threadIds: [],
        from: { phone: "+16505551234", handle: { provider: "whatsapp", value: "16505551234" }, name: "Sheena Nelson" },
        body: "My order has not arrived",
        at: new Date(1772442000 * 1000),
        attributes: { provider: "whatsapp", channelAccountId: account.id, recipient: "16505551234" },
      }),
    ]);
  });

  it("threads a customer's next message under their previous one, and a quoted reply under what it quotes", async () => {
    const receiver = recordingReceiver();
    const webhook = createWhatsAppWebhook({ ...receiver, clock: createTestClock() });
    await webhook.handle(signed(textWebhook("wamid.first", "Hello")), account);
    await webhook.handle(
      signed(textWebhook("wamid.second", "Anyone there?", { context: { from: "15550783881", id: "wamid.ours" } })),
      account,
    );
    expect(receiver.received.map((message) => message.threadIds)).toEqual([
      [],
      [`whatsapp:${account.id}:wamid.ours`, `whatsapp:${account.id}:wamid.first`],
    ]);
  });

  it("refuses a forged or missing signature and stores nothing", async () => {
    const receiver = recordingReceiver();
    const webhook = createWhatsAppWebhook({ ...receiver, clock: createTestClock() });
    expect((await webhook.handle(signed(textWebhook("wamid.1", "hi"), "not-the-secret"), account)).status).toBe(403);
    const unsigned = webhookRequest({ body: JSON.stringify(textWebhook("wamid.1", "hi")) });
    expect((await webhook.handle(unsigned, account)).status).toBe(403);
    const tampered = signed(textWebhook("wamid.1", "hi"));
    tampered.rawBody = Buffer.from(tampered.rawBody.toString().replace("hi", "ho"));
    expect((await webhook.handle(tampered, account)).status).toBe(403);
    expect(receiver.received).toEqual([]);
  });

  it("fetches an image through the Graph API and attaches it", async () => {
    const image = Buffer.from("\x89PNG fake image bytes");
    graph.addMedia("1480937815791240", image, "image/png");
    const receiver = recordingReceiver();
    const webhook = createWhatsAppWebhook({ ...receiver, clock: createTestClock() });
    const payload = textWebhook("wamid.image1", "", {
      type: "image",
      text: undefined,
      image: { caption: "The broken part", mime_type: "image/png", sha256: "abc", id: "1480937815791240" },
    });
    expect((await webhook.handle(signed(payload), account)).status).toBe(200);
    const [message] = receiver.received;
    expect(message?.body).toBe("The broken part");
    expect(message?.attachments).toEqual([
      { filename: "1480937815791240.png", contentType: "image/png", size: image.length, content: image },
    ]);
    expect(graph.requests.map((request) => request.path)).toEqual([
      "/1480937815791240",
      "/media-download/1480937815791240",
    ]);
  });

  it("keeps only the media id of a file over the size limit", async () => {
    graph.addMedia("big-video", Buffer.alloc(2048, 1), "video/mp4");
    const receiver = recordingReceiver();
    const webhook = createWhatsAppWebhook({ ...receiver, clock: createTestClock(), maxMediaBytes: 1024 });
    const payload = textWebhook("wamid.video1", "", {
      type: "video",
      text: undefined,
      video: { id: "big-video", mime_type: "video/mp4" },
    });
    await webhook.handle(signed(payload), account);
    const [message] = receiver.received;
    expect(message?.attachments).toBeUndefined();
    expect(message?.attributes).toMatchObject({ media: { type: "video", id: "big-video" } });
    expect(message?.body).toBe("[video]");
  });

  it("acknowledges delivery statuses without making messages of them", async () => {
    const receiver = recordingReceiver();
    const webhook = createWhatsAppWebhook({ ...receiver, clock: createTestClock() });
    const payload = textWebhook("unused", "");
    const value = payload.entry[0]?.changes[0]?.value as Record<string, unknown>;
    delete value.messages;
    value.statuses = [{ id: "wamid.sent1", status: "delivered", timestamp: "1772442100", recipient_id: "16505551234" }];
    expect(await webhook.handle(signed(payload), account)).toMatchObject({ status: 200 });
    expect(receiver.received).toEqual([]);
  });

  it("answers 400 to a signed body that is not a WhatsApp webhook", async () => {
    const webhook = createWhatsAppWebhook({ ...recordingReceiver(), clock: createTestClock() });
    expect((await webhook.handle(signed({ object: "page", entry: [] }), account)).status).toBe(400);
  });
});

describe("WhatsApp channel", () => {
  const clock = createTestClock("2026-03-02T12:00:00.000Z");
  let lastCustomerMessage: Date | null = new Date("2026-03-02T10:00:00.000Z");
  const deps = {
    clock,
    accounts: {
      load: async (id: string) => (id === account.id ? account : null),
      lastCustomerMessageAt: async () => lastCustomerMessage,
    },
  };
  const reply = (fields: Partial<OutboundMessage> = {}): OutboundMessage => ({
    workspaceId: "default",
    ticketId: "1001",
    messageId: "msg_1",
    to: { phone: "+16505551234", handle: { provider: "whatsapp", value: "16505551234" } },
    subject: null,
    body: "**Thanks**, Sheena. Your parcel left the depot today.",
    externalId: "out-1",
    threadIds: [],
    attributes: { provider: "whatsapp", channelAccountId: account.id, recipient: "16505551234" },
    ...fields,
  });

  it("sends a plain-text reply inside the 24-hour window", async () => {
    lastCustomerMessage = new Date("2026-03-02T10:00:00.000Z");
    const result = await createWhatsAppChannel(deps).send(reply());
    expect(result).toEqual({
      status: "sent",
      externalId: expect.stringMatching(/^whatsapp:ch_whatsapp_test:wamid\.FAKE/),
    });
    expect(graph.requests[0]?.path).toBe("/106540352242922/messages");
    expect(graph.sent()).toEqual([
      {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "16505551234",
        type: "text",
        text: { preview_url: false, body: "Thanks, Sheena. Your parcel left the depot today." },
      },
    ]);
  });

  it("refuses a free-form reply outside the window when no template is configured", async () => {
    lastCustomerMessage = new Date("2026-03-01T11:59:00.000Z");
    const result = await createWhatsAppChannel(deps).send(reply());
    expect(result).toMatchObject({ status: "rejected", reason: expect.stringContaining("24-hour") });
    expect(graph.requests).toEqual([]);
  });

  it("sends the configured template outside the window", async () => {
    lastCustomerMessage = null;
    const withTemplate = {
      ...account,
      settings: { ...account.settings, templateName: "ticket_update", templateLanguage: "en" },
    };
    const channel = createWhatsAppChannel({ ...deps, accounts: { ...deps.accounts, load: async () => withTemplate } });
    expect((await channel.send(reply())).status).toBe("sent");
    expect(graph.sent()[0]).toMatchObject({
      type: "template",
      template: { name: "ticket_update", language: { code: "en" } },
    });
  });

  it("sorts provider failures into retryable and rejected", async () => {
    lastCustomerMessage = new Date("2026-03-02T11:00:00.000Z");
    const channel = createWhatsAppChannel({ ...deps, timeoutMs: 300 });
    graph.failNext({ status: 500, body: { error: { message: "Service temporarily unavailable", code: 2 } } });
    expect((await channel.send(reply())).status).toBe("retryable");
    graph.failNext({ status: 400, body: { error: { message: "Re-engagement message", code: 131047 } } });
    expect(await channel.send(reply())).toMatchObject({
      status: "rejected",
      reason: "WhatsApp: Re-engagement message",
    });
    graph.failNext("hang");
    expect(await channel.send(reply())).toMatchObject({
      status: "retryable",
      reason: expect.stringContaining("timed out"),
    });
    const badToken = { ...account, secrets: { ...account.secrets, accessToken: "expired" } };
    const unauthorised = createWhatsAppChannel({ ...deps, accounts: { ...deps.accounts, load: async () => badToken } });
    expect((await unauthorised.send(reply())).status).toBe("rejected");
  });

  it("rejects a reply whose ticket names no channel account", async () => {
    expect((await createWhatsAppChannel(deps).send(reply({ attributes: null }))).status).toBe("rejected");
  });

  it("finds the account from the conversation's ids when the ticket's attributes do not name it", async () => {
    lastCustomerMessage = new Date("2026-03-02T11:00:00.000Z");
    const followUp = reply({ attributes: { followUpOf: "1000" }, threadIds: [`whatsapp:${account.id}:wamid.first`] });
    expect((await createWhatsAppChannel(deps).send(followUp)).status).toBe("sent");
    expect(graph.sent()[0]).toMatchObject({ to: "16505551234" });
  });
});
