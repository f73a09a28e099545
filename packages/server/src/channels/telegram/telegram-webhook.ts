import { z } from "zod";
import type { InboundAttachment, InboundMessage } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets, ChannelWebhook } from "../../core/ports.ts";
import {
  badRequest,
  callProvider,
  clipBody,
  defaultMaxMediaBytes,
  downloadWithin,
  externalIdOf,
  forbidden,
  jsonReply,
  parseJson,
  receiveInConversation,
  sameSignature,
  type WebhookDeps,
} from "../api/provider-support.ts";
import { telegramApiBase } from "./telegram-channel.ts";

// The Bot API's Update and Message objects (only what the desk reads; other fields pass).
const file = z.looseObject({
  file_id: z.string(),
  file_unique_id: z.string().optional(),
  file_size: z.number().optional(),
});
const telegramMessage = z.looseObject({
  message_id: z.number(),
  from: z
    .looseObject({
      id: z.number(),
      is_bot: z.boolean().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      username: z.string().optional(),
    })
    .optional(),
  chat: z.looseObject({ id: z.number(), type: z.string() }),
  date: z.number(),
  text: z.string().optional(),
  caption: z.string().optional(),
  reply_to_message: z.looseObject({ message_id: z.number() }).optional(),
  photo: z.array(file).optional(),
  document: file.extend({ file_name: z.string().optional(), mime_type: z.string().optional() }).optional(),
  voice: file.extend({ mime_type: z.string().optional() }).optional(),
});
const telegramUpdate = z.looseObject({
  update_id: z.number(),
  message: telegramMessage.optional(),
  edited_message: telegramMessage.optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdate>;
type TelegramMessage = z.infer<typeof telegramMessage>;

export type TelegramInbound = {
  message: InboundMessage;
  conversation: string;
  file: { id: string; filename: string; contentType: string; size: number | null } | null;
};

/** The id our own sent message has, so a customer's reply to it threads into its ticket. */
export function telegramMessageId(accountId: string, chatId: number | string, messageId: number | string): string {
  return externalIdOf("telegram", accountId, `${chatId}:${messageId}`);
}

/**
 * Pure: the customer message in one Update, or null for updates the desk does not take (a bot's
 * own messages, channel posts, callbacks). An edit is kept as a note-like message of its own.
 */
export function readTelegramUpdate(update: TelegramUpdate, account: { id: string }): TelegramInbound | null {
  const edited = !update.message && update.edited_message !== undefined;
  const message = update.message ?? update.edited_message;
  if (!message?.from || message.from.is_bot) return null;
  const name = [message.from.first_name, message.from.last_name].filter(Boolean).join(" ");
  const attachment = fileOf(message);
  const text = message.text ?? message.caption ?? (attachment ? `[${attachment.kind}]` : "[message]");
  return {
    conversation: String(message.chat.id),
    file: attachment?.file ?? null,
    message: {
      channel: "social",
      provider: "telegram",
      // The update_id is what Telegram redelivers unchanged: it is the dedupe key.
      // The chat id in it lets a reply find the chat from the conversation's ids alone.
      externalId: externalIdOf("telegram", account.id, `${message.chat.id}:update:${update.update_id}`),
      threadIds: message.reply_to_message
        ? [telegramMessageId(account.id, message.chat.id, message.reply_to_message.message_id)]
        : [],
      from: {
        handle: { provider: "telegram", value: String(message.from.id) },
        ...(name ? { name } : {}),
      },
      body: clipBody(edited ? `(edited message) ${text}` : text),
      at: new Date(message.date * 1000),
      attributes: {
        provider: "telegram",
        channelAccountId: account.id,
        recipient: String(message.chat.id),
        ...(message.from.username ? { username: message.from.username } : {}),
        ...(attachment ? { media: { type: attachment.kind, id: attachment.file.id } } : {}),
      },
    },
  };
}

function fileOf(message: TelegramMessage) {
  const photo = message.photo?.at(-1); // the largest size comes last
  if (photo) {
    return {
      kind: "photo",
      file: {
        id: photo.file_id,
        filename: `photo-${message.message_id}.jpg`,
        contentType: "image/jpeg",
        size: photo.file_size ?? null,
      },
    };
  }
  if (message.document) {
    const document = message.document;
    return {
      kind: "document",
      file: {
        id: document.file_id,
        filename: document.file_name ?? `document-${message.message_id}`,
        contentType: document.mime_type ?? "application/octet-stream",
        size: document.file_size ?? null,
      },
    };
  }
  if (message.voice) {
    const voice = message.voice;
    return {
      kind: "voice",
      file: {
        id: voice.file_id,
        filename: `voice-${message.message_id}.ogg`,
        contentType: voice.mime_type ?? "audio/ogg",
        size: voice.file_size ?? null,
      },
    };
  }
  return null;
}

export function createTelegramWebhook(deps: WebhookDeps): ChannelWebhook {
  return {
    provider: "telegram",
    async handle(request, account) {
      if (request.method !== "POST") return badRequest("Telegram delivers updates with POST.");
      const expected = account.secrets.secretToken;
      const given = request.headers["x-telegram-bot-api-secret-token"];
      if (!expected || !given || !sameSignature(given, expected)) {
        return forbidden("X-Telegram-Bot-Api-Secret-Token is missing or is not the secret_token set with setWebhook.");
      }
      const parsed = telegramUpdate.safeParse(parseJson(request.rawBody));
      if (!parsed.success) return badRequest("The body is not a Telegram Update.");
      const inbound = readTelegramUpdate(parsed.data, account);
      if (!inbound) return jsonReply(200, { received: 0 });
      const attachment = inbound.file ? await fetchFile(deps, account, inbound.file) : null;
      const message = attachment ? { ...inbound.message, attachments: [attachment] } : inbound.message;
      await receiveInConversation(deps, account, inbound.conversation, message);
      return jsonReply(200, { received: 1 });
    },
  };
}

/** getFile gives a file_path, downloaded from /file/bot<token>/<file_path>; over the limit, only the id is kept. */
async function fetchFile(
  deps: WebhookDeps,
  account: ChannelAccountWithSecrets,
  file: NonNullable<TelegramInbound["file"]>,
): Promise<InboundAttachment | null> {
  const limit = deps.maxMediaBytes ?? defaultMaxMediaBytes;
  if (file.size !== null && file.size > limit) return null;
  const token = account.secrets.botToken ?? "";
  const base = telegramApiBase(account);
  const described = await callProvider(deps, `${base}/bot${token}/getFile?file_id=${encodeURIComponent(file.id)}`, {});
  const path = z
    .looseObject({ ok: z.literal(true), result: z.looseObject({ file_path: z.string() }) })
    .safeParse(described.body);
  if (!described.ok || !path.success) return null;
  const downloaded = await downloadWithin(deps, `${base}/file/bot${token}/${path.data.result.file_path}`, limit);
  if (!downloaded) return null;
  return {
    filename: file.filename,
    contentType: file.contentType,
    size: downloaded.content.length,
    content: downloaded.content,
  };
}
