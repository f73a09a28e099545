import type { Channel } from "../../core/channels/channel.ts";
import { channelContract, type SentMessage, type WireMessage } from "../../testing/channel-contract.ts";
import { createTestDesk } from "../../testing/create-test-desk.ts";
import { createChannelRegistry } from "../registry.ts";

// The shared channel suite for live chat. The wire format is the widget's socket protocol, spoken
// to the visitor sessions directly (the socket itself is covered by chat-socket.test.ts); the
// "provider" that receives replies is the visitor's open widget.
channelContract({
  name: "chat (widget)",
  signsMessages: false,
  async start() {
    const desk = await createTestDesk();
    let failure: "unavailable" | "refused" | null = null;
    const chat = desk.chat.channel("chat");
    // The widget has no provider that can fail; the harness stands in for a dropped socket or a refusal.
    const failing: Channel = {
      channel: chat.channel,
      provider: chat.provider,
      async send(message) {
        const kind = failure;
        failure = null;
        if (kind === "unavailable") return { status: "retryable", reason: "the visitor's socket dropped mid-send" };
        if (kind === "refused") return { status: "rejected", reason: "the conversation was deleted" };
        return chat.send(message);
      },
    };
    const visitors = new Map<
      string,
      { frames: Record<string, unknown>[]; session: ReturnType<typeof desk.chat.openVisitor> }
    >();

    const visitorOf = async (visitorId: string) => {
      let visitor = visitors.get(visitorId);
      if (!visitor) {
        const frames: Record<string, unknown>[] = [];
        const session = desk.chat.openVisitor(desk.workspaceId, {
          send: (text) => frames.push(JSON.parse(text)),
          close: () => {},
        });
        visitor = { frames, session };
        visitors.set(visitorId, visitor);
        await session.receive(JSON.stringify({ type: "hello", visitorId }));
      }
      return visitor;
    };

    return {
      deps: { ...desk, channels: createChannelRegistry([failing]) },
      workspaceId: desk.workspaceId,
      sender: (n: number) => `contract-visitor-${String(n).padStart(6, "0")}`,
      async receive(message: WireMessage) {
        const visitor = await visitorOf(message.from);
        await visitor.session.receive(JSON.stringify({ type: "message", clientId: message.id, body: message.text }));
        const answer = visitor.frames.findLast(
          (frame) => (frame.type === "ack" || frame.type === "error") && frame.clientId === message.id,
        );
        if (answer?.type !== "ack") throw new Error(`the chat refused the message: ${JSON.stringify(answer)}`);
      },
      async sent(): Promise<SentMessage[]> {
        return [...visitors].flatMap(([visitorId, visitor]) =>
          visitor.frames
            .filter((frame) => frame.type === "message")
            .map((frame) => {
              const item = frame.message as { id: string; body: string };
              return { to: visitorId, text: item.body, replyHandle: item.id, threading: [] };
            }),
        );
      },
      failNextSend(kind: "unavailable" | "refused") {
        failure = kind;
      },
      threadsByMessageId: false,
      async close() {
        for (const visitor of visitors.values()) visitor.session.close();
        await desk.close();
      },
    };
  },
});
