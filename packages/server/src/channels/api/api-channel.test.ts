import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../core/channels/channel.ts";
import { createTestClock } from "../../testing/create-test-desk.ts";
import { type FakeApiReceiver, startFakeApiReceiver } from "../../testing/fake-providers/fake-api-receiver.ts";
import { testAccount } from "../../testing/fake-providers/provider-test-kit.ts";
import { createApiChannel } from "./api-channel.ts";
import { signPayload, verifyPayloadSignature } from "./api-signature.ts";

const signingSecret = "api-channel-signing-secret";
let receiver: FakeApiReceiver;
const clock = createTestClock("2026-03-02T09:00:00.000Z");

beforeAll(async () => {
  receiver = await startFakeApiReceiver({ signingSecret });
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
});

const channelFor = (url: string, timeoutMs = 2000) => {
  const account = testAccount("api", { channel: "api", settings: { url }, secrets: { signingSecret } });
  return {
    account,
    channel: createApiChannel({
      clock,
      timeoutMs,
      accounts: { load: async () => account, lastCustomerMessageAt: async () => null },
    }),
  };
};

const reply = (accountId: string): OutboundMessage => ({
  workspaceId: "default",
  ticketId: "1001",
  messageId: "msg_1",
  to: { email: "jane@example.test" },
  subject: "Logged out",
  body: "Sign in **again** please.",
  externalId: "responder-msg_1",
  threadIds: [`api:${accountId}:tweet-1`],
  attributes: {
    provider: "api",
    channelAccountId: accountId,
    recipient: { handle: { provider: "x", value: "@jane" } },
    conversation: "dm-1",
  },
});

describe("payload signatures", () => {
  const body = Buffer.from('{"hello":"world"}');
  const at = new Date("2026-03-02T09:00:00.000Z");

  it("verifies what it signed within five minutes, and nothing else", () => {
    const header = signPayload("secret-one", body, at);
    expect(header).toMatch(/^t=1772442000,v1=[0-9a-f]{64}$/);
    expect(verifyPayloadSignature("secret-one", header, body, new Date(at.getTime() + 299_000))).toEqual({ ok: true });
    expect(verifyPayloadSignature("secret-one", header, body, new Date(at.getTime() + 301_000)).ok).toBe(false);
    expect(verifyPayloadSignature("secret-two", header, body, at).ok).toBe(false);
    expect(verifyPayloadSignature("secret-one", header, Buffer.from('{"hello":"there"}'), at).ok).toBe(false);
    expect(verifyPayloadSignature("secret-one", "v1=abc", body, at).ok).toBe(false);
  });
});

describe("API channel", () => {
  it("posts a signed reply with its id as Idempotency-Key and the receiver's own ids", async () => {
    const { account, channel } = channelFor(`${receiver.url}/replies`);
    const result = await channel.send(reply(account.id));
    expect(result).toEqual({ status: "sent", externalId: `api:${account.id}:remote-1` });
    const [request] = receiver.requests;
    expect(request?.headers["idempotency-key"]).toBe("responder-msg_1");
    expect(receiver.replies()).toEqual([
      {
        type: "message.reply",
        id: "responder-msg_1",
        ticketId: "1001",
        to: { handle: { provider: "x", value: "@jane" } },
        subject: "Logged out",
        body: "Sign in **again** please.",
        text: "Sign in again please.",
        inReplyTo: ["tweet-1"],
        conversation: "dm-1",
      },
    ]);
  });

  it("retries on 5xx, 429 and timeouts, and gives up on other refusals", async () => {
    const { account, channel } = channelFor(`${receiver.url}/replies`, 300);
    receiver.failNext({ status: 502, body: "bad gateway" });
    expect((await channel.send(reply(account.id))).status).toBe("retryable");
    receiver.failNext({ status: 429, headers: { "retry-after": "30" }, body: "slow down" });
    expect(await channel.send(reply(account.id))).toMatchObject({ status: "retryable", retryAfterMs: 30_000 });
    receiver.failNext("hang");
    expect(await channel.send(reply(account.id))).toMatchObject({
      status: "retryable",
      reason: expect.stringContaining("timed out"),
    });
    receiver.failNext({ status: 410, body: "gone" });
    expect((await channel.send(reply(account.id))).status).toBe("rejected");
  });

  it("counts a refused connection as retryable", async () => {
    const { account, channel } = channelFor("http://127.0.0.1:1/replies");
    expect((await channel.send(reply(account.id))).status).toBe("retryable");
  });
});
