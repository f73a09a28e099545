import { z } from "zod";
import type { Channel, SendResult } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets } from "../../core/ports.ts";
import {
  accountFor,
  callProvider,
  conversationPartOf,
  type ProviderDeps,
  plainTextOf,
  sendParts,
  splitText,
} from "../api/provider-support.ts";
import { telegramMessageId } from "./telegram-webhook.ts";

export const defaultTelegramApiBase = "https://api.telegram.org";
const textLimit = 4096;

export function telegramApiBase(account: ChannelAccountWithSecrets): string {
  return (account.settings.apiBaseUrl ?? defaultTelegramApiBase).replace(/\/+$/, "");
}

const botResponse = z.looseObject({
  ok: z.boolean(),
  result: z.looseObject({ message_id: z.number() }).optional(),
  error_code: z.number().optional(),
  description: z.string().optional(),
  parameters: z.looseObject({ retry_after: z.number().optional() }).optional(),
});

/** Replies with the Bot API's sendMessage, as plain text, split at Telegram's 4,096 characters. */
export function createTelegramChannel(deps: ProviderDeps): Channel {
  return {
    channel: "social",
    provider: "telegram",
    async send(message) {
      const account = await accountFor(deps, message, "telegram");
      if ("rejected" in account) return { status: "rejected", reason: account.rejected };
      const remembered = message.attributes?.recipient;
      const chatId =
        typeof remembered === "string"
          ? remembered
          : message.to.handle?.provider === "telegram"
            ? message.to.handle.value
            : conversationPartOf(message.threadIds, "telegram", account.id);
      if (!chatId) return { status: "rejected", reason: "The customer has no Telegram chat on this ticket." };
      return sendParts(splitText(plainTextOf(message.body), textLimit), (part) =>
        sendMessage(deps, account, chatId, part),
      );
    },
  };
}

async function sendMessage(
  deps: ProviderDeps,
  account: ChannelAccountWithSecrets,
  chatId: string,
  text: string,
): Promise<SendResult> {
  const response = await callProvider(
    deps,
    `${telegramApiBase(account)}/bot${account.secrets.botToken ?? ""}/sendMessage`,
    {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: chatId, text }),
    },
  );
  const parsed = botResponse.safeParse(response.body);
  if (response.ok && parsed.success && parsed.data.ok && parsed.data.result) {
    return { status: "sent", externalId: telegramMessageId(account.id, chatId, parsed.data.result.message_id) };
  }
  // The bot token is part of the URL: never repeat the URL in a reason.
  const description = parsed.success ? parsed.data.description : undefined;
  const status = response.status;
  const reason = `Telegram: ${description ?? (status === null ? "no answer" : `HTTP ${status}`)}`;
  if (status === null || status === 429 || status >= 500) {
    const retryAfter = parsed.success ? parsed.data.parameters?.retry_after : undefined;
    return { status: "retryable", reason, ...(retryAfter ? { retryAfterMs: retryAfter * 1000 } : {}) };
  }
  return { status: "rejected", reason };
}
