import { createChannelRegistry } from "../channels/registry.ts";
import type { Channel, OutboundMessage, SendResult } from "../core/channels/channel.ts";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { type ChannelUnderTest, channelContract, type SentMessage, type WireMessage } from "./channel-contract.ts";
import { createTestDesk } from "./create-test-desk.ts";

// The suite run against the smallest possible channel: its wire format is the WireMessage itself,
// so a failure here is the channel core's, not a provider adapter's.
channelContract({
  name: "loopback",
  signsMessages: false,
  async start(): Promise<ChannelUnderTest> {
    const desk = await createTestDesk();
    const sent: SentMessage[] = [];
    let failure: "unavailable" | "refused" | null = null;
    const loopback: Channel = {
      channel: "api",
      provider: "loopback",
      async send(message: OutboundMessage): Promise<SendResult> {
        const failing = failure;
        failure = null;
        if (failing === "unavailable") return { status: "retryable", reason: "503 Service Unavailable" };
        if (failing === "refused") return { status: "rejected", reason: "the address does not exist" };
        sent.push({
          to: message.to.email ?? "",
          text: message.body,
          replyHandle: message.externalId,
          threading: message.threadIds,
        });
        return { status: "sent", externalId: message.externalId };
      },
    };
    const deps = { ...desk, channels: createChannelRegistry([loopback]) };
    return {
      deps,
      workspaceId: desk.workspaceId,
      sender: (n) => `customer-${n}@example.test`,
      async receive(message: WireMessage) {
        await receiveMessage(
          {
            workspaceId: desk.workspaceId,
            message: {
              channel: "api",
              provider: "loopback",
              externalId: message.id,
              threadIds: message.inReplyTo ? [message.inReplyTo] : [],
              from: { email: message.from },
              subject: message.subject,
              body: message.text,
              at: desk.clock.now(),
            },
          },
          deps,
        );
      },
      sent: async () => sent,
      failNextSend: (kind) => {
        failure = kind;
      },
      threadsByMessageId: true,
      close: () => desk.close(),
    };
  },
});
