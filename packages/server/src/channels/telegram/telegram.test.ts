import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets } from "../../core/ports.ts";
import { createTestClock } from "../../testing/create-test-desk.ts";
import { type FakeTelegram, startFakeTelegram } from "../../testing/fake-providers/fake-telegram.ts";
import { recordingReceiver, testAccount, webhookRequest } from "../../testing/fake-providers/provider-test-kit.ts";
import { createTelegramChannel } from "./telegram-channel.ts";
import { createTelegramWebhook } from "./telegram-webhook.ts";

const botToken = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
const secretToken = "telegram-secret_token-1";
let telegram: FakeTelegram;
let account: ChannelAccountWithSecrets;

beforeAll(async () => {
  telegram = await startFakeTelegram({ botToken });
  account = testAccount("telegram", { settings: { apiBaseUrl: telegram.url }, secrets: { botToken, secretToken } });
});
afterAll(() => telegram.close());
beforeEach(() => {
  telegram.requests.length = 0;
});

// An Update as the Bot API documents it.
function update(updateId: number, message: Record<string, unknown>, field = "message") {
  return {
    update_id: updateId,
    [field]: {
      message_id: 1365,
      from: {
        id: 1111111,
        is_bot: false,
        first_name: "Ada",
        last_name: "Lovelace",
        username: "ada",
        language_code: "en",
      },
      chat: { id: 1111111, first_name: "Ada", last_name: "Lovelace", username: "ada", type: "private" },
      date: 1772442000,
      ...message,
    },
  };
}

const delivered = (payload: unknown, token: string | null = secretToken) =>
  webhookRequest({
    body: JSON.stringify(payload),
    headers: token === null ? {} : { "x-telegram-bot-api-secret-token": token },
  });

describe("Telegram webhook", () => {
  it("turns a message update into an inbound message keyed by its update_id", async () => {
    const receiver = recordingReceiver();
    const webhook = createTelegramWebhook({ ...receiver, clock: createTestClock() });
    expect((await webhook.handle(delivered(update(10000, { text: "The app crashes on start" })), account)).status).toBe(
      200,
    );
    expect(receiver.received).toEqual([
      {
        channel: "social",
        provider: "telegram",
        externalId: `telegram:${account.id}:1111111:update:10000`,
        threadIds: [],
        from: { handle: { provider: "telegram", value: "1111111" }, name: "Ada Lovelace" },
        body: "The app crashes on start",
        at: new Date(1772442000 * 1000),
        attributes: { provider: "telegram", channelAccountId: account.id, recipient: "1111111", username: "ada" },
      },
    ]);
  });

  it("makes one message of an update delivered twice", async () => {
    const receiver = recordingReceiver();
    const webhook = createTelegramWebhook({ ...receiver, clock: createTestClock() });
    await webhook.handle(delivered(update(10001, { text: "Hello" })), account);
    await webhook.handle(delivered(update(10001, { text: "Hello" })), account);
    expect(receiver.received).toHaveLength(1);
  });

  it("refuses a missing or wrong secret token", async () => {
    const receiver = recordingReceiver();
    const webhook = createTelegramWebhook({ ...receiver, clock: createTestClock() });
    expect((await webhook.handle(delivered(update(10002, { text: "x" }), null), account)).status).toBe(403);
    expect((await webhook.handle(delivered(update(10002, { text: "x" }), "guess"), account)).status).toBe(403);
    expect(receiver.received).toEqual([]);
  });

  it("notes an edited message as a message of its own and ignores bots", async () => {
    const receiver = recordingReceiver();
    const webhook = createTelegramWebhook({ ...receiver, clock: createTestClock() });
    await webhook.handle(delivered(update(10003, { text: "Fixed typo" }, "edited_message")), account);
    await webhook.handle(
      delivered(update(10004, { text: "beep", from: { id: 9, is_bot: true, first_name: "Bot" } })),
      account,
    );
    expect(receiver.received.map((message) => message.body)).toEqual(["(edited message) Fixed typo"]);
  });

  it("threads a reply to our message under it and downloads a photo", async () => {
    telegram.addFile("AgACAgIAAxkBAAIB", Buffer.from("photo bytes"));
    const receiver = recordingReceiver();
    const webhook = createTelegramWebhook({ ...receiver, clock: createTestClock() });
    const photo = [
      { file_id: "small", file_unique_id: "s", file_size: 10, width: 90, height: 90 },
      { file_id: "AgACAgIAAxkBAAIB", file_unique_id: "l", file_size: 11, width: 800, height: 800 },
    ];
    await webhook.handle(
      delivered(update(10005, { caption: "See this", photo, reply_to_message: { message_id: 501 } })),
      account,
    );
    const [message] = receiver.received;
    expect(message?.threadIds).toEqual([`telegram:${account.id}:1111111:501`]);
    expect(message?.body).toBe("See this");
    expect(message?.attachments?.[0]).toMatchObject({
      filename: "photo-1365.jpg",
      contentType: "image/jpeg",
      content: Buffer.from("photo bytes"),
    });
  });
});

describe("Telegram channel", () => {
  const deps = {
    clock: createTestClock(),
    accounts: { load: async () => account, lastCustomerMessageAt: async () => null },
  };
  const reply = (body: string): OutboundMessage => ({
    workspaceId: "default",
    ticketId: "1001",
    messageId: "msg_1",
    to: { handle: { provider: "telegram", value: "1111111" } },
    subject: null,
    body,
    externalId: "out-1",
    threadIds: [],
    attributes: { provider: "telegram", channelAccountId: account.id, recipient: "1111111" },
  });

  it("sends plain text with sendMessage and names the message as a reply can reference it", async () => {
    const result = await createTelegramChannel(deps).send(reply("Try **restarting** the app."));
    expect(result).toEqual({
      status: "sent",
      externalId: expect.stringMatching(new RegExp(`^telegram:${account.id}:1111111:\\d+$`)),
    });
    expect(telegram.sent()).toEqual([{ chat_id: "1111111", text: "Try restarting the app." }]);
  });

  it("splits a reply longer than 4,096 characters", async () => {
    const long = `${"a".repeat(3000)}\n\n${"b".repeat(3000)}`;
    expect((await createTelegramChannel(deps).send(reply(long))).status).toBe("sent");
    expect(telegram.sent().map((body) => body.text.length)).toEqual([3000, 3000]);
  });

  it("retries after Telegram's retry_after and rejects a blocked bot", async () => {
    telegram.failNext({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 7",
        parameters: { retry_after: 7 },
      },
    });
    expect(await createTelegramChannel(deps).send(reply("hi"))).toMatchObject({
      status: "retryable",
      retryAfterMs: 7000,
    });
    telegram.failNext({
      status: 403,
      body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    });
    expect(await createTelegramChannel(deps).send(reply("hi"))).toEqual({
      status: "rejected",
      reason: "Telegram: Forbidden: bot was blocked by the user",
    });
  });

  it("never puts the bot token into a failure reason", async () => {
    const wrong = { ...account, secrets: { ...account.secrets, botToken: "999:secret-token-value" } };
    const result = await createTelegramChannel({
      ...deps,
      accounts: { ...deps.accounts, load: async () => wrong },
    }).send(reply("hi"));
    expect(result.status).toBe("rejected");
    expect(JSON.stringify(result)).not.toContain("secret-token-value");
  });
});
