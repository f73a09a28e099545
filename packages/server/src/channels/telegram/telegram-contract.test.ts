import { expect } from "vitest";
import { type ChannelUnderTest, channelContract, type WireMessage } from "../../testing/channel-contract.ts";
import { startFakeTelegram } from "../../testing/fake-providers/fake-telegram.ts";
import { startProviderDesk } from "../../testing/fake-providers/provider-harness.ts";

const botToken = "4242:contract-bot-token";
const secretToken = "contract-secret-token";

channelContract({
  name: "Telegram Bot API",
  signsMessages: true,
  async start(): Promise<ChannelUnderTest> {
    const telegram = await startFakeTelegram({ botToken });
    const { desk, deliver } = await startProviderDesk({
      channel: "social",
      provider: "telegram",
      name: "Telegram",
      settings: { apiBaseUrl: telegram.url },
      secrets: { botToken, secretToken },
    });
    // Telegram's update ids are numbers; the contract's ids are strings, so each gets one.
    const updateIds = new Map<string, number>();
    const send = (message: WireMessage, token: string) => {
      const updateId = updateIds.get(message.id) ?? 100_000 + updateIds.size;
      updateIds.set(message.id, updateId);
      const chatId = Number(message.from);
      const body = JSON.stringify({
        update_id: updateId,
        message: {
          message_id: updateId,
          from: { id: chatId, is_bot: false, first_name: "Customer" },
          chat: { id: chatId, type: "private", first_name: "Customer" },
          date: Math.floor(desk.clock.now().getTime() / 1000),
          text: message.text,
          ...(message.inReplyTo ? { reply_to_message: { message_id: Number(message.inReplyTo) } } : {}),
        },
      });
      return deliver({ body, headers: { "x-telegram-bot-api-secret-token": token } });
    };
    return {
      deps: desk,
      workspaceId: desk.workspaceId,
      sender: (n) => String(7_000_000 + n),
      async receive(message) {
        const response = await send(message, secretToken);
        expect(response.status, response.body).toBe(200);
      },
      async receiveForged(message) {
        return { refused: (await send(message, "not-the-secret")).status === 403 };
      },
      async sent() {
        return telegram.requests.flatMap((request) => {
          const body = request.json as { chat_id?: string; text?: string } | undefined;
          const answer = request.response?.body as { ok?: boolean; result?: { message_id: number } } | undefined;
          return answer?.ok && answer.result && body?.chat_id
            ? [
                {
                  to: String(body.chat_id),
                  text: body.text ?? "",
                  replyHandle: String(answer.result.message_id),
                  threading: [],
                },
              ]
            : [];
        });
      },
      failNextSend(failure) {
        telegram.failNext(
          failure === "unavailable"
            ? { status: 502, body: { ok: false, error_code: 502, description: "Bad Gateway" } }
            : {
                status: 403,
                body: { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
              },
        );
      },
      threadsByMessageId: false,
      async close() {
        await desk.close();
        await telegram.close();
      },
    };
  },
});
