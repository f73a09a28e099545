import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../core/channels/channel.ts";
import { receiveMessage } from "../../core/channels/receive-message.ts";
import type { ChannelAccountWithSecrets } from "../../core/ports.ts";
import { createChannelAccountStore } from "../../storage/channel-account-store.ts";
import { createTestClock, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { type FakeTwilio, startFakeTwilio } from "../../testing/fake-providers/fake-twilio.ts";
import { recordingReceiver, testAccount, webhookRequest } from "../../testing/fake-providers/provider-test-kit.ts";
import { fitSms, segmentsOf } from "./sms-rules.ts";
import { createTwilioChannel } from "./twilio-channel.ts";
import { twilioSignature, verifyTwilioSignature } from "./twilio-signature.ts";
import { createTwilioWebhook } from "./twilio-webhook.ts";

const accountSid = "AC00000000000000000000000000000001";
const authToken = "twilio-auth-token";
const webhookUrl = "https://desk.example.com/api/v1/channels/ch_twilio_test/webhook";
let twilio: FakeTwilio;
let account: ChannelAccountWithSecrets;

beforeAll(async () => {
  twilio = await startFakeTwilio({ accountSid, authToken });
  account = testAccount("twilio", {
    channel: "phone",
    settings: { accountSid, phoneNumber: "+15005550006", apiBaseUrl: twilio.url },
    secrets: { authToken },
  });
});
afterAll(() => twilio.close());
beforeEach(() => {
  twilio.requests.length = 0;
});

function signedForm(event: string, fields: Record<string, string>, token = authToken) {
  const params = new URLSearchParams(fields);
  const url = `${webhookUrl}/${event}`;
  return webhookRequest({
    event,
    url,
    body: params.toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(token, url, params),
    },
  });
}

describe("X-Twilio-Signature", () => {
  it("matches the examples in Twilio's documentation", () => {
    const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    const params = (caller: string) =>
      new URLSearchParams({
        CallSid: "CA1234567890ABCDE",
        Caller: caller,
        Digits: "1234",
        From: caller,
        To: "+18005551212",
      });
    expect(twilioSignature("12345", url, params("+14158675310"))).toBe("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    expect(verifyTwilioSignature("12345", url, params("+14158675309"), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).toBe(true);
    expect(verifyTwilioSignature("12345", `${url}&baz=3`, params("+14158675309"), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).toBe(
      false,
    );
  });
});

describe("SMS rules", () => {
  it("counts GSM-7 and UCS-2 segments as carriers do", () => {
    expect(segmentsOf("a".repeat(160))).toEqual({ encoding: "gsm-7", segments: 1 });
    expect(segmentsOf("a".repeat(161))).toEqual({ encoding: "gsm-7", segments: 2 });
    expect(segmentsOf("€".repeat(80))).toEqual({ encoding: "gsm-7", segments: 1 });
    expect(segmentsOf(`${"a".repeat(69)}✓`)).toEqual({ encoding: "ucs-2", segments: 1 });
    expect(segmentsOf("✓".repeat(71))).toEqual({ encoding: "ucs-2", segments: 2 });
  });

  it("cuts a reply that would take too many segments at a word, and marks the cut", () => {
    const long = "word ".repeat(400).trim();
    const fitted = fitSms(long, 3);
    expect(fitted).toMatchObject({ encoding: "gsm-7", truncated: true });
    expect(fitted.segments).toBeLessThanOrEqual(3);
    expect(fitted.body.endsWith("word...")).toBe(true);
    expect(fitSms("Short answer.", 3)).toEqual({
      body: "Short answer.",
      encoding: "gsm-7",
      segments: 1,
      truncated: false,
    });
  });
});

describe("Twilio SMS webhook", () => {
  const sms = {
    ToCountry: "US",
    SmsMessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    NumMedia: "0",
    SmsSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    SmsStatus: "received",
    Body: "Is my appointment still on?",
    To: "+15005550006",
    NumSegments: "1",
    MessageSid: "SM1f0e8ae6ade43cb3c0ce4525424e404f",
    AccountSid: accountSid,
    From: "+14155551212",
    ApiVersion: "2010-04-01",
  };

  it("takes a signed SMS and answers with empty TwiML", async () => {
    const receiver = recordingReceiver();
    const webhook = createTwilioWebhook({ ...receiver, clock: createTestClock(), tickets: unusedTickets });
    const reply = await webhook.handle(signedForm("sms", sms), account);
    expect(reply).toMatchObject({ status: 200, contentType: "text/xml" });
    expect(reply.body).toContain("<Response></Response>");
    expect(receiver.received).toEqual([
      expect.objectContaining({
        channel: "phone",
        provider: "twilio",
        externalId: `twilio:${account.id}:SM1f0e8ae6ade43cb3c0ce4525424e404f`,
        from: { phone: "+14155551212" },
        body: "Is my appointment still on?",
        attributes: { provider: "twilio", channelAccountId: account.id, recipient: "+14155551212", medium: "sms" },
      }),
    ]);
  });

  it("refuses a forged signature, or one made for another URL", async () => {
    const receiver = recordingReceiver();
    const webhook = createTwilioWebhook({ ...receiver, clock: createTestClock(), tickets: unusedTickets });
    expect((await webhook.handle(signedForm("sms", sms, "not-the-token"), account)).status).toBe(403);
    const elsewhere = signedForm("sms", sms);
    elsewhere.url = `${webhookUrl}/voice`;
    expect((await webhook.handle(elsewhere, account)).status).toBe(403);
    expect(receiver.received).toEqual([]);
  });

  it("checks the signature against the public URL when the desk sits behind a proxy", async () => {
    const receiver = recordingReceiver();
    const webhook = createTwilioWebhook({ ...receiver, clock: createTestClock(), tickets: unusedTickets });
    const proxied = { ...account, settings: { ...account.settings, webhookBaseUrl: "https://desk.example.com" } };
    const request = signedForm("sms", sms);
    request.url = "http://127.0.0.1:3000/api/v1/channels/ch_twilio_test/webhook/sms";
    expect((await webhook.handle(request, proxied)).status).toBe(200);
  });

  it("downloads MMS media with the account's credentials", async () => {
    twilio.addMedia("ME1", Buffer.from("gif bytes"), "image/gif");
    const receiver = recordingReceiver();
    const webhook = createTwilioWebhook({ ...receiver, clock: createTestClock(), tickets: unusedTickets });
    await webhook.handle(
      signedForm("sms", {
        ...sms,
        MessageSid: "MM1",
        Body: "",
        NumMedia: "1",
        MediaUrl0: `${twilio.url}/media/ME1`,
        MediaContentType0: "image/gif",
      }),
      account,
    );
    expect(receiver.received[0]?.attachments).toEqual([
      { filename: "mms-1.gif", contentType: "image/gif", size: 9, content: Buffer.from("gif bytes") },
    ]);
  });
});

describe("Twilio voice webhooks on a desk", () => {
  let desk: TestDesk;
  let webhook: ReturnType<typeof createTwilioWebhook>;

  beforeAll(async () => {
    desk = await createTestDesk();
    const accounts = createChannelAccountStore(desk.database.db);
    webhook = createTwilioWebhook({
      receive: (workspaceId, message) => receiveMessage({ workspaceId, message }, desk),
      conversations: accounts,
      clock: desk.clock,
      tickets: desk.tickets,
    });
  });
  afterAll(() => desk.close());

  const call = (callSid: string, fields: Record<string, string> = {}) => ({
    CallSid: callSid,
    AccountSid: accountSid,
    From: "+14155550100",
    To: "+15005550006",
    Direction: "inbound",
    ApiVersion: "2010-04-01",
    ...fields,
  });

  const ticketOfCall = async (callSid: string) => {
    const page = await desk.tickets.list(desk.workspaceId, { channel: ["phone"] }, { limit: 100 });
    const details = await Promise.all(page.items.map((ticket) => desk.tickets.get(desk.workspaceId, ticket.id)));
    return details.filter((ticket) => ticket?.attributes?.callSid === callSid);
  };

  it("makes a phone ticket with a call log and the voicemail transcript as the customer's message", async () => {
    const answer = await webhook.handle(signedForm("voice", call("CA100", { CallStatus: "ringing" })), account);
    expect(answer.body).toContain("<Record");
    expect(answer.body).toContain(`transcribeCallback="${webhookUrl}/voice/transcription"`);
    await webhook.handle(signedForm("voice/status", call("CA100", { CallStatus: "in-progress" })), account);
    await webhook.handle(
      signedForm(
        "voice/recording",
        call("CA100", {
          RecordingSid: "RE100",
          RecordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE100",
          RecordingStatus: "completed",
          RecordingDuration: "42",
        }),
      ),
      account,
    );
    await webhook.handle(
      signedForm(
        "voice/transcription",
        call("CA100", {
          TranscriptionSid: "TR100",
          TranscriptionText: "Hi, my router keeps dropping the connection.",
          TranscriptionStatus: "completed",
          RecordingSid: "RE100",
        }),
      ),
      account,
    );
    await webhook.handle(
      signedForm("voice/status", call("CA100", { CallStatus: "completed", CallDuration: "75" })),
      account,
    );
    // Twilio retries a callback it got no answer to: the same event is one note.
    await webhook.handle(
      signedForm("voice/status", call("CA100", { CallStatus: "completed", CallDuration: "75" })),
      account,
    );

    const [ticket, ...others] = await ticketOfCall("CA100");
    expect(others).toEqual([]);
    expect(ticket).toMatchObject({ channel: "phone", subject: "Phone call from +14155550100", tags: [] });
    expect(ticket?.messages.map((message) => [message.author, message.public, message.body])).toEqual([
      ["system", false, "Call log: incoming call from +14155550100 to +15005550006 (CA100)."],
      ["system", false, "Call log: call answered."],
      ["system", false, "Call log: recording of 42 s: https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE100"],
      ["customer", true, "Hi, my router keeps dropping the connection."],
      ["system", false, "Call log: call ended after 1 min 15 s."],
    ]);
    const customer = await desk.customers.get(desk.workspaceId, ticket?.customerId ?? "");
    expect(customer?.phone).toBe("+14155550100");
  });

  it("tags a missed call's ticket for a call back, once", async () => {
    await webhook.handle(signedForm("voice", call("CA200", { CallStatus: "ringing" })), account);
    await webhook.handle(signedForm("voice/status", call("CA200", { CallStatus: "no-answer" })), account);
    await webhook.handle(signedForm("voice/status", call("CA200", { CallStatus: "no-answer" })), account);
    const [ticket] = await ticketOfCall("CA200");
    expect(ticket?.tags).toEqual(["callback"]);
    expect(ticket?.messages.at(-1)?.body).toBe("Call log: missed call (no-answer) from +14155550100. Call them back.");
    expect(ticket?.messages).toHaveLength(2);
  });

  it("opens the call's ticket from whichever callback arrives first", async () => {
    await webhook.handle(signedForm("voice/status", call("CA300", { CallStatus: "busy" })), account);
    await webhook.handle(signedForm("voice", call("CA300", { CallStatus: "ringing" })), account);
    const tickets = await ticketOfCall("CA300");
    expect(tickets).toHaveLength(1);
    expect(tickets[0]?.tags).toEqual(["callback"]);
  });
});

describe("Twilio SMS channel", () => {
  const deps = {
    clock: createTestClock(),
    accounts: { load: async () => account, lastCustomerMessageAt: async () => null },
  };
  const reply = (body: string, fields: Partial<OutboundMessage> = {}): OutboundMessage => ({
    workspaceId: "default",
    ticketId: "1001",
    messageId: "msg_1",
    to: { phone: "+14155551212" },
    subject: null,
    body,
    externalId: "out-1",
    threadIds: [],
    attributes: { provider: "twilio", channelAccountId: account.id, recipient: "+14155551212" },
    ...fields,
  });

  it("sends plain text through the Messages API with basic auth", async () => {
    const result = await createTwilioChannel(deps).send(
      reply("Your appointment is **on** for [Tuesday](https://example.com/a)."),
    );
    expect(result).toEqual({ status: "sent", externalId: `twilio:${account.id}:SM${"1".padStart(32, "0")}` });
    expect(twilio.sent()).toEqual([
      { To: "+14155551212", Body: "Your appointment is on for Tuesday (https://example.com/a).", From: "+15005550006" },
    ]);
  });

  it("keeps a long reply within ten segments", async () => {
    expect((await createTwilioChannel(deps).send(reply("Please restart the router. ".repeat(200)))).status).toBe(
      "sent",
    );
    const body = twilio.sent()[0]?.Body ?? "";
    expect(segmentsOf(body).segments).toBeLessThanOrEqual(10);
    expect(body.endsWith("...")).toBe(true);
  });

  it("rejects an invalid number and retries a 5xx", async () => {
    const invalid = await createTwilioChannel(deps).send(
      reply("Hi", { attributes: { channelAccountId: account.id, recipient: "12" } }),
    );
    expect(invalid).toMatchObject({ status: "rejected", reason: expect.stringContaining("21211") });
    twilio.failNext({ status: 503, body: { code: 20503, message: "Service unavailable", status: 503 } });
    expect((await createTwilioChannel(deps).send(reply("Hi"))).status).toBe("retryable");
  });
});

const unusedTickets = new Proxy({} as TestDesk["tickets"], {
  get: () => () => {
    throw new Error("the SMS webhook should not touch tickets directly");
  },
});
