import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPayload } from "../../channels/api/api-signature.ts";
import { twilioSignature } from "../../channels/twilio/twilio-signature.ts";
import type { ChannelAccount } from "../../core/ports.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { metaSignature } from "../../testing/fake-providers/fake-meta-graph.ts";
import { webhookBodyLimitBytes } from "./channel-webhooks.ts";

let desk: TestDesk;
let app: Awaited<ReturnType<TestDesk["app"]>>;
let whatsapp: ChannelAccount;
let telegram: ChannelAccount;
let twilio: ChannelAccount;
let api: ChannelAccount;
const appSecret = "route-app-secret";
const signingSecret = "route-signing-secret-0123456789";

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  const connect = (
    provider: string,
    channel: ChannelAccount["channel"],
    settings: Record<string, string>,
    secrets: Record<string, string>,
  ) =>
    desk.channelAccounts.create(
      desk.workspaceId,
      { channel, provider, name: provider, settings, secrets, enabled: true },
      desk.clock.now(),
    );
  whatsapp = await connect(
    "whatsapp",
    "social",
    { phoneNumberId: "106540352242922" },
    { appSecret, accessToken: "t", verifyToken: "route-verify" },
  );
  telegram = await connect("telegram", "social", {}, { botToken: "1:x", secretToken: "route-telegram-secret" });
  twilio = await connect("twilio", "phone", { accountSid: `AC${"0".repeat(32)}` }, { authToken: "route-auth-token" });
  api = await connect("api", "api", {}, { signingSecret, inboundToken: "route-inbound-token-0123" });
});
afterAll(() => desk.close());

function whatsappBody(messageId: string, text: string, from = "16505550101") {
  return JSON.stringify({
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
              contacts: [{ profile: { name: "Route Customer" }, wa_id: from }],
              messages: [{ from, id: messageId, timestamp: "1772442000", type: "text", text: { body: text } }],
            },
          },
        ],
      },
    ],
  });
}

const postWhatsApp = (body: string, signature = metaSignature(body, appSecret), account = whatsapp) =>
  app.inject({
    method: "POST",
    url: `/api/v1/channels/${account.id}/webhook`,
    headers: { "content-type": "application/json", "x-hub-signature-256": signature },
    payload: body,
  });

async function ticketsOfPhone(phone: string) {
  const customer = await desk.customers.resolve(desk.workspaceId, { phone });
  const page = await desk.tickets.list(desk.workspaceId, { customerId: customer.id }, { limit: 50 });
  const details = await Promise.all(page.items.map((ticket) => desk.tickets.get(desk.workspaceId, ticket.id)));
  return details.filter((ticket) => ticket !== null);
}

describe("channel webhook routes", () => {
  it("answers Meta's verification GET with the challenge as plain text", async () => {
    const response = await app.inject({
      method: "GET",
      url: `/api/v1/channels/${whatsapp.id}/webhook?hub.mode=subscribe&hub.verify_token=route-verify&hub.challenge=8675309`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe("8675309");
    expect(response.headers["content-type"]).toContain("text/plain");
  });

  it("stores a signed message before answering 200, and a replayed delivery adds nothing", async () => {
    const body = whatsappBody("wamid.route-1", "The checkout page is blank");
    const first = await postWhatsApp(body);
    expect(first.statusCode, first.body).toBe(200);
    const [ticket, ...others] = await ticketsOfPhone("+16505550101");
    expect(others).toEqual([]);
    expect(ticket).toMatchObject({
      channel: "social",
      attributes: { provider: "whatsapp", channelAccountId: whatsapp.id },
    });
    expect(ticket?.messages.map((message) => message.body)).toEqual(["The checkout page is blank"]);

    expect((await postWhatsApp(body)).statusCode).toBe(200);
    expect((await ticketsOfPhone("+16505550101"))[0]?.messages).toHaveLength(1);
  });

  it("threads a customer's next message into their open conversation", async () => {
    await postWhatsApp(whatsappBody("wamid.route-a", "First", "16505550202"));
    await postWhatsApp(whatsappBody("wamid.route-b", "Second", "16505550202"));
    const tickets = await ticketsOfPhone("+16505550202");
    expect(tickets.map((ticket) => ticket.messages.map((message) => message.body))).toEqual([["First", "Second"]]);
  });

  it("refuses a forged signature with 403 and stores nothing", async () => {
    const body = whatsappBody("wamid.forged", "Give me a refund", "16505550303");
    const response = await postWhatsApp(body, metaSignature(body, "guessed-secret"));
    expect(response.statusCode).toBe(403);
    expect(await ticketsOfPhone("+16505550303")).toEqual([]);
  });

  it("refuses a giant payload with 413 before reading it whole", async () => {
    const body = whatsappBody("wamid.giant", "x".repeat(webhookBodyLimitBytes));
    const response = await postWhatsApp(body);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: "too_large" });
  });

  it("answers 404 for an unknown or disabled account, and for the wrong route of an account", async () => {
    const body = whatsappBody("wamid.nobody", "hi");
    expect(
      (
        await app.inject({
          method: "POST",
          url: "/api/v1/channels/ch_unknown/webhook",
          payload: body,
          headers: { "content-type": "application/json" },
        })
      ).statusCode,
    ).toBe(404);
    const disabled = await desk.channelAccounts.create(
      desk.workspaceId,
      { channel: "social", provider: "whatsapp", name: "off", settings: {}, secrets: { appSecret }, enabled: false },
      desk.clock.now(),
    );
    expect((await postWhatsApp(body, metaSignature(body, appSecret), disabled)).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: "POST",
          url: `/api/v1/channels/${whatsapp.id}/messages`,
          payload: "{}",
          headers: { "content-type": "application/json" },
        })
      ).statusCode,
    ).toBe(404);
  });

  it("checks Telegram's secret token through the route", async () => {
    const update = JSON.stringify({
      update_id: 7001,
      message: {
        message_id: 1,
        from: { id: 4242, is_bot: false, first_name: "Tess" },
        chat: { id: 4242, type: "private" },
        date: 1772442000,
        text: "Hello bot",
      },
    });
    const deliver = (token: string) =>
      app.inject({
        method: "POST",
        url: `/api/v1/channels/${telegram.id}/webhook`,
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": token },
        payload: update,
      });
    expect((await deliver("wrong")).statusCode).toBe(403);
    expect((await deliver("route-telegram-secret")).statusCode).toBe(200);
  });

  it("validates Twilio's signature over the public URL the request came in on", async () => {
    const params = new URLSearchParams({
      MessageSid: "SMroute1",
      From: "+14155550404",
      To: "+15005550006",
      Body: "Text me back",
      NumMedia: "0",
    });
    const path = `/api/v1/channels/${twilio.id}/webhook/sms`;
    const deliver = (url: string) =>
      app.inject({
        method: "POST",
        url: path,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-proto": "https",
          "x-forwarded-host": "desk.example.com",
          "x-twilio-signature": twilioSignature("route-auth-token", url, params),
        },
        payload: params.toString(),
      });
    expect((await deliver(`https://desk.example.com${path}?x=1`)).statusCode).toBe(403);
    const accepted = await deliver(`https://desk.example.com${path}`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.headers["content-type"]).toContain("text/xml");
    const [ticket] = await ticketsOfPhone("+14155550404");
    expect(ticket).toMatchObject({ channel: "phone", attributes: { provider: "twilio", medium: "sms" } });
  });

  it("leaves JSON parsing of the other routes as it was", async () => {
    const agent = apiClient(app, await desk.issueToken("agent"));
    const created = await agent.post("/tickets", {
      customer: { email: "parsing@example.test" },
      message: { body: "Still JSON" },
    });
    expect(created.status, created.text).toBe(201);
  });
});

describe("POST /channels/{id}/messages (the generic API channel)", () => {
  const post = (body: string, headers: Record<string, string>) =>
    app.inject({
      method: "POST",
      url: `/api/v1/channels/${api.id}/messages`,
      headers: { "content-type": "application/json", ...headers },
      payload: body,
    });
  const signed = (body: string, key: string, at = desk.clock.now()) =>
    post(body, { "idempotency-key": key, "x-responder-signature": signPayload(signingSecret, body, at) });
  const message = JSON.stringify({
    from: { handle: { provider: "x", value: "@jane" }, name: "Jane" },
    body: "Your app logged me out",
    conversation: "dm-1",
  });

  it("opens a ticket once per Idempotency-Key", async () => {
    const first = await signed(message, "tweet-1");
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ openedTicket: true, duplicate: false });
    const again = await signed(message, "tweet-1");
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), openedTicket: false, duplicate: true });
    const ticket = await desk.tickets.get(desk.workspaceId, first.json().ticketId);
    expect(ticket).toMatchObject({ channel: "api", attributes: { provider: "api", conversation: "dm-1" } });
    expect(ticket?.messages).toHaveLength(1);
  });

  it("accepts the account's inbound token instead of a signature", async () => {
    const response = await post(message, {
      "idempotency-key": "tweet-token",
      authorization: "Bearer route-inbound-token-0123",
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it("refuses a bad signature, a stale one (a replay) and a wrong token with 401", async () => {
    const wrong = await post(message, {
      "idempotency-key": "tweet-2",
      "x-responder-signature": signPayload("not-the-secret-at-all", message, desk.clock.now()),
    });
    expect(wrong.statusCode).toBe(401);
    const stale = await signed(message, "tweet-2", new Date(desk.clock.now().getTime() - 10 * 60_000));
    expect(stale.statusCode).toBe(401);
    expect(stale.json().message).toContain("300 seconds");
    expect(
      (await post(message, { "idempotency-key": "tweet-2", authorization: "Bearer guessed-token-guessed" })).statusCode,
    ).toBe(401);
  });

  it("needs an Idempotency-Key and says what is wrong with a body", async () => {
    const missingKey = await post(message, {
      "x-responder-signature": signPayload(signingSecret, message, desk.clock.now()),
    });
    expect(missingKey.statusCode).toBe(400);
    expect(missingKey.json().message).toContain("Idempotency-Key");
    const noSender = JSON.stringify({ from: {}, body: "hi" });
    const invalid = await signed(noSender, "tweet-3");
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toContain("body.from");
  });
});

describe("the API document", () => {
  it("lists the channel routes with a summary and their success answers", async () => {
    const document = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, Record<string, { summary?: string; responses: Record<string, unknown> }>>;
    };
    const channelPaths = Object.entries(document.paths).filter(([path]) => path.startsWith("/api/v1/channels"));
    expect(channelPaths.map(([path]) => path).sort()).toEqual([
      "/api/v1/channels",
      "/api/v1/channels/{id}",
      "/api/v1/channels/{id}/messages",
      "/api/v1/channels/{id}/webhook",
      "/api/v1/channels/{id}/webhook/{*}",
    ]);
    for (const [path, operations] of channelPaths) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(
          Object.keys(operation.responses).some((status) => status.startsWith("2")),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });
});
