import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "../channels/api/api-signature.ts";
import { twilioSignature } from "../channels/twilio/twilio-signature.ts";
import type { ChannelAccount } from "../core/ports.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { metaSignature } from "../testing/fake-providers/fake-meta-graph.ts";
import { assertNoProblems, type FuzzRequest, sendAndCheck } from "../testing/fuzz/check-answer.ts";
import { fuzzParameters } from "../testing/fuzz/fuzz-settings.ts";
import { brokenJson, hostileContentType, hostileString, wellFormed } from "../testing/fuzz/hostile-input.ts";
import { countRows } from "../testing/fuzz/row-counts.ts";
import { mutationsOf, shapedLike } from "../testing/fuzz/shaped-like.ts";

let desk: TestDesk;
let app: FastifyInstance;
const accounts: Record<string, ChannelAccount> = {};
const appSecret = "fuzz-app-secret";
const signingSecret = "fuzz-signing-secret-0123456789";
const inboundToken = "fuzz-inbound-token-0123456789";
const authToken = "fuzz-auth-token";
const telegramSecret = "fuzz-telegram-secret";
// Nothing listens here: a media download the fuzzer provokes fails at once instead of leaving the machine.
const nowhere = "http://127.0.0.1:9";

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  const connect = async (
    provider: string,
    channel: ChannelAccount["channel"],
    settings: Record<string, string>,
    secrets: Record<string, string>,
  ) => {
    accounts[provider] = await desk.channelAccounts.create(
      desk.workspaceId,
      { channel, provider, name: provider, settings: { apiBaseUrl: nowhere, ...settings }, secrets, enabled: true },
      desk.clock.now(),
    );
  };
  await connect(
    "whatsapp",
    "social",
    { phoneNumberId: "106540352242922" },
    { appSecret, accessToken: "t", verifyToken: "v" },
  );
  await connect("messenger", "social", { pageId: "112233445566" }, { appSecret, accessToken: "t", verifyToken: "v" });
  await connect("telegram", "social", {}, { botToken: "1:x", secretToken: telegramSecret });
  await connect("twilio", "phone", { accountSid: `AC${"0".repeat(32)}` }, { authToken });
  await connect("api", "api", {}, { signingSecret, inboundToken });
});
afterAll(() => desk?.close());

const whatsappPayload = {
  object: "whatsapp_business_account",
  entry: [
    {
      id: "1",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
            contacts: [{ profile: { name: "Fuzz Customer" }, wa_id: "16505550101" }],
            messages: [
              {
                from: "16505550101",
                id: "wamid.fuzz",
                timestamp: "1772442000",
                type: "text",
                text: { body: "The checkout page is blank" },
                image: { id: "media-1", mime_type: "image/png", caption: "screenshot" },
                context: { id: "wamid.earlier" },
              },
            ],
            statuses: [
              { id: "wamid.reply", status: "failed", recipient_id: "16505550101", errors: [{ code: 131047 }] },
            ],
          },
        },
      ],
    },
  ],
};

const messengerPayload = {
  object: "page",
  entry: [
    {
      id: "112233445566",
      time: 1772442000500,
      messaging: [
        {
          sender: { id: "6541236547896541" },
          recipient: { id: "112233445566" },
          timestamp: 1772442000000,
          message: {
            mid: "m_fuzz",
            text: "Where is my refund?",
            attachments: [{ type: "image", payload: { url: `${nowhere}/image.png` } }],
            reply_to: { mid: "m_earlier" },
          },
          delivery: { mids: ["m_reply"] },
        },
      ],
    },
  ],
};

const telegramPayload = {
  update_id: 1,
  message: {
    message_id: 7,
    from: { id: 42, is_bot: false, first_name: "Ana", username: "ana" },
    chat: { id: 42, type: "private" },
    date: 1772442000,
    text: "Hello",
    caption: "a photo",
    photo: [{ file_id: "file-1", file_size: 100, width: 10, height: 10 }],
    document: { file_id: "file-2", file_name: "invoice.pdf", mime_type: "application/pdf", file_size: 100 },
    reply_to_message: { message_id: 6 },
  },
};

const apiPayload = {
  from: { email: "jane@example.com", phone: "+14155550100", handle: { provider: "x", value: "@jane" }, name: "Jane" },
  body: "Your app logged me out",
  subject: "Logged out",
  conversation: "dm-1",
  attachments: [{ filename: "log.txt", contentType: "text/plain", content: "aGVsbG8=" }],
};

const twilioFields = {
  MessageSid: "SM0123",
  SmsSid: "SM0123",
  CallSid: "CA0123",
  From: "+14155550404",
  To: "+14155550000",
  Body: "Text me back",
  NumMedia: "1",
  MediaUrl0: `${nowhere}/media`,
  MediaContentType0: "image/png",
  CallStatus: "completed",
  RecordingUrl: `${nowhere}/recording`,
  TranscriptionText: "Please call me",
  Caller: "+14155550404",
};

const json = (value: fc.Arbitrary<unknown>) => value.map((body) => JSON.stringify(body) ?? "null");
const jsonOrBroken = (template: unknown) =>
  fc.oneof(
    { weight: 6, arbitrary: json(mutationsOf(template)) },
    { weight: 2, arbitrary: json(shapedLike(template)) },
    { weight: 1, arbitrary: brokenJson },
  );

/** Form fields as Twilio posts them: the known ones with any value, some dropped, some unknown added. */
const twilioForm = fc
  .tuple(
    fc.subarray(Object.entries(twilioFields)),
    fc.array(fc.tuple(fc.constantFrom(...Object.keys(twilioFields)), hostileString), { maxLength: 4 }),
    fc.array(fc.tuple(hostileString, hostileString), { maxLength: 2 }),
  )
  .map(
    ([kept, changed, unknown]) =>
      new URLSearchParams(
        [...kept, ...changed, ...unknown].map(([name, value]) => [wellFormed(name), wellFormed(value)]),
      ),
  );

// Mostly a fresh, valid key, so that deliveries get past it to the payload.
const idempotencyKey: fc.Arbitrary<string | null> = fc
  .tuple(fc.nat({ max: 4 }), fc.uuid(), fc.option(hostileString.filter((key) => key.length < 300)))
  .map(([pick, fresh, hostile]) => (pick > 0 ? fresh : hostile));

type Delivery = { url: string; body: string; signed: Record<string, string>; contentType: string };

const path = (provider: string, rest: string) => `/api/v1/channels/${accounts[provider]?.id}${rest}`;

/** Correctly signed deliveries of hostile payloads, per provider. */
const signedDeliveries: Record<string, () => fc.Arbitrary<Delivery>> = {
  whatsapp: () =>
    jsonOrBroken(whatsappPayload).map((body) => ({
      url: path("whatsapp", "/webhook"),
      body,
      signed: { "x-hub-signature-256": metaSignature(body, appSecret) },
      contentType: "application/json",
    })),
  messenger: () =>
    jsonOrBroken(messengerPayload).map((body) => ({
      url: path("messenger", "/webhook"),
      body,
      signed: { "x-hub-signature-256": metaSignature(body, appSecret) },
      contentType: "application/json",
    })),
  telegram: () =>
    jsonOrBroken(telegramPayload).map((body) => ({
      url: path("telegram", "/webhook"),
      body,
      signed: { "x-telegram-bot-api-secret-token": telegramSecret },
      contentType: "application/json",
    })),
  twilio: () =>
    fc
      .tuple(
        fc.constantFrom(
          "sms",
          "sms/status",
          "voice",
          "voice/status",
          "voice/recording",
          "voice/transcription",
          "other",
        ),
        twilioForm,
      )
      .map(([event, params]) => {
        const url = path("twilio", `/webhook/${event}`);
        return {
          url,
          body: params.toString(),
          signed: { "x-twilio-signature": twilioSignature(authToken, `http://localhost:80${url}`, params) },
          contentType: "application/x-www-form-urlencoded",
        };
      }),
  api: () =>
    fc.tuple(jsonOrBroken(apiPayload), idempotencyKey).map(([body, key]) => ({
      url: path("api", "/messages"),
      body,
      signed: {
        "x-responder-signature": signPayload(signingSecret, body, desk.clock.now()),
        ...(key === null ? {} : { "idempotency-key": key.replace(/[^\x20-\x7e]/g, "") }),
      },
      contentType: "application/json",
    })),
};

const providers = ["whatsapp", "messenger", "telegram", "twilio", "api"];

// Without a valid signature: 401/403 from the provider's check, or 413/415 when the body is refused unread.
const refusedUnread = new Set([401, 403, 413, 415]);

async function checkDeliveries(arbitrary: fc.Arbitrary<FuzzRequest>, runs: number, mustRefuse: boolean) {
  let counts = await countRows(desk.database.db);
  await fc.assert(
    fc.asyncProperty(arbitrary, async (request) => {
      const check = await sendAndCheck(app, desk.database.db, request, { before: counts });
      counts = check.after;
      if (mustRefuse && !refusedUnread.has(check.status)) {
        check.problems.push(`an unsigned delivery got ${check.status}, not one of ${[...refusedUnread].join(", ")}`);
      }
      assertNoProblems(request, check);
    }),
    fuzzParameters(runs),
  );
  return counts;
}

describe("every channel webhook, sent hostile deliveries", () => {
  for (const provider of providers) {
    it(`${provider}: checks the signature before anything else and stores nothing without a valid one`, async () => {
      const forged = signedDeliveries[provider]?.() as fc.Arbitrary<Delivery>;
      const signature = fc.oneof(
        fc.constant<Record<string, string>>({}),
        fc
          .constantFrom(
            "x-hub-signature-256",
            "x-telegram-bot-api-secret-token",
            "x-twilio-signature",
            "x-responder-signature",
            "authorization",
          )
          .chain((name) => hostileString.map((value) => ({ [name]: value.replace(/[^\x20-\x7e]/g, "") || "x" }))),
      );
      await checkDeliveries(
        fc.tuple(forged, signature, hostileContentType).map(([delivery, headers, contentType]) => ({
          method: "POST",
          url: delivery.url,
          headers: { ...headers, ...(contentType ? { "content-type": contentType } : {}) },
          payload: delivery.body,
        })),
        25,
        true,
      );
    });

    it(`${provider}: a correctly signed hostile payload is stored or refused, never a 5xx or a half-stored message`, async () => {
      const deliveries = signedDeliveries[provider]?.() as fc.Arbitrary<Delivery>;
      const before = await countRows(desk.database.db);
      const after = await checkDeliveries(
        deliveries.map((delivery) => ({
          method: "POST",
          url: delivery.url,
          headers: { ...delivery.signed, "content-type": delivery.contentType },
          payload: delivery.body,
        })),
        60,
        false,
      );
      // The payloads stay close enough to real ones that some get all the way in.
      expect(after.messages).toBeGreaterThan(before.messages ?? 0);
    });
  }

  it("answers Meta's subscription handshake only with the verify token, whatever the query", async () => {
    const query = fc
      .array(
        fc.tuple(
          fc.constantFrom("hub.mode", "hub.verify_token", "hub.challenge", "hub.mode[]", "x"),
          fc.oneof(fc.constantFrom("subscribe", "v"), hostileString),
        ),
        { maxLength: 4 },
      )
      .map((pairs) => new URLSearchParams(pairs.map(([name, value]) => [name, wellFormed(value)])).toString());
    await checkDeliveries(
      fc.tuple(fc.constantFrom("whatsapp", "messenger"), query).map(([provider, search]) => ({
        method: "GET",
        url: `${path(provider, "/webhook")}?${search}`,
      })),
      40,
      false,
    );
  });

  it("refuses a delivery to an account that does not exist, whatever it carries", async () => {
    const before = await countRows(desk.database.db);
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/channels/ch_nobody/webhook",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify(whatsappPayload),
    });
    expect(response.statusCode).toBe(404);
    expect(await countRows(desk.database.db)).toEqual(before);
  });
});
