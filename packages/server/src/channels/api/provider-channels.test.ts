import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../core/channels/channel.ts";
import { createTestClock } from "../../testing/create-test-desk.ts";
import { type FakeTelegram, startFakeTelegram } from "../../testing/fake-providers/fake-telegram.ts";
import { testAccount } from "../../testing/fake-providers/provider-test-kit.ts";
import { createProviderChannels } from "./provider-channels.ts";

const botToken = "77:dispatch-token";
let telegram: FakeTelegram;

beforeAll(async () => {
  telegram = await startFakeTelegram({ botToken });
});
afterAll(() => telegram.close());

describe("provider channels", () => {
  it("sends a follow-up ticket's reply through the provider its messages came from", async () => {
    const account = testAccount("telegram", {
      settings: { apiBaseUrl: telegram.url },
      secrets: { botToken, secretToken: "s" },
    });
    const channels = createProviderChannels({
      clock: createTestClock(),
      accounts: { load: async (id) => (id === account.id ? account : null), lastCustomerMessageAt: async () => null },
    });
    const whatsapp = channels.find((channel) => channel.provider === "whatsapp");
    const followUp: OutboundMessage = {
      workspaceId: "default",
      ticketId: "1002",
      messageId: "msg_2",
      to: {},
      subject: null,
      body: "Following up on your report.",
      externalId: "responder-msg_2",
      threadIds: [`telegram:${account.id}:5550001:update:9001`],
      attributes: { followUpOf: "1001" },
    };
    // As the delivery builds it for a follow-up: the default social sender, the customer's WhatsApp handle (none).
    const result = await whatsapp?.send({ ...followUp, to: { name: "Tess" } });
    expect(result?.status).toBe("sent");
    expect(telegram.sent()).toEqual([{ chat_id: "5550001", text: "Following up on your report." }]);
  });
});
