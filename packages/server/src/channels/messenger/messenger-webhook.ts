import { z } from "zod";
import type { InboundAttachment, InboundMessage } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets, ChannelWebhook } from "../../core/ports.ts";
import {
  badRequest,
  clipBody,
  defaultMaxMediaBytes,
  downloadWithin,
  extensionOf,
  externalIdOf,
  jsonReply,
  parseJson,
  receiveInConversation,
  type WebhookDeps,
} from "../api/provider-support.ts";
import { answerSubscription, checkMetaPost } from "../whatsapp/meta-signature.ts";

// The Messenger Platform's `messages` webhook, which Instagram messaging shares (object "instagram").
const messagingEvent = z.looseObject({
  sender: z.looseObject({ id: z.string() }),
  recipient: z.looseObject({ id: z.string() }),
  timestamp: z.number(),
  message: z
    .looseObject({
      mid: z.string(),
      text: z.string().optional(),
      is_echo: z.boolean().optional(),
      reply_to: z.looseObject({ mid: z.string().optional() }).optional(),
      attachments: z
        .array(z.looseObject({ type: z.string(), payload: z.looseObject({ url: z.string().optional() }).nullish() }))
        .optional(),
    })
    .optional(),
});

const messengerWebhook = z.looseObject({
  object: z.enum(["page", "instagram"]),
  entry: z.array(
    z.looseObject({ id: z.string(), time: z.number().optional(), messaging: z.array(messagingEvent).optional() }),
  ),
});

export type MessengerWebhook = z.infer<typeof messengerWebhook>;

export type MessengerInbound = {
  message: InboundMessage;
  conversation: string;
  mediaUrls: { type: string; url: string }[];
};

/** Pure: the customers' messages in one delivery; our own echoes, deliveries and reads are not messages. */
export function readMessengerWebhook(
  payload: MessengerWebhook,
  account: { id: string; provider: string },
): MessengerInbound[] {
  const found: MessengerInbound[] = [];
  for (const entry of payload.entry) {
    for (const event of entry.messaging ?? []) {
      const message = event.message;
      if (!message || message.is_echo) continue;
      const mediaUrls = (message.attachments ?? []).flatMap((attachment) =>
        attachment.payload?.url ? [{ type: attachment.type, url: attachment.payload.url }] : [],
      );
      const kinds = (message.attachments ?? []).map((attachment) => `[${attachment.type}]`).join(" ");
      found.push({
        conversation: event.sender.id,
        mediaUrls,
        message: {
          channel: "social",
          provider: account.provider,
          // The sender's id in it lets a reply find them from the conversation's ids alone.
          externalId: externalIdOf(account.provider, account.id, `${event.sender.id}:${message.mid}`),
          threadIds: message.reply_to?.mid
            ? [externalIdOf(account.provider, account.id, `${event.sender.id}:${message.reply_to.mid}`)]
            : [],
          from: { handle: { provider: account.provider, value: event.sender.id } },
          body: clipBody(message.text ?? (kinds || "[message]")),
          at: new Date(event.timestamp),
          attributes: {
            provider: account.provider,
            channelAccountId: account.id,
            recipient: event.sender.id,
            ...(mediaUrls.length > 0 ? { media: mediaUrls } : {}),
          },
        },
      });
    }
  }
  return found;
}

/** Messenger and Instagram: the same signature, events and Send API; `provider` says which. */
export function createMessengerWebhook(
  deps: WebhookDeps,
  provider: "messenger" | "instagram" = "messenger",
): ChannelWebhook {
  return {
    provider,
    async handle(request, account) {
      if (request.method === "GET") return answerSubscription(request, account.secrets.verifyToken);
      const refused = checkMetaPost(request, account.secrets.appSecret);
      if (refused) return refused;
      const parsed = messengerWebhook.safeParse(parseJson(request.rawBody));
      if (!parsed.success)
        return badRequest("The body is not a Messenger or Instagram webhook (object page or instagram).");
      let received = 0;
      for (const inbound of readMessengerWebhook(parsed.data, account)) {
        const attachments = await fetchAttachments(deps, account, inbound.mediaUrls);
        const message = attachments.length > 0 ? { ...inbound.message, attachments } : inbound.message;
        await receiveInConversation(deps, account, inbound.conversation, message);
        received += 1;
      }
      return jsonReply(200, { received });
    },
  };
}

async function fetchAttachments(
  deps: WebhookDeps,
  account: ChannelAccountWithSecrets,
  media: MessengerInbound["mediaUrls"],
): Promise<InboundAttachment[]> {
  const attachments: InboundAttachment[] = [];
  for (const [index, item] of media.entries()) {
    const file = await downloadWithin(deps, item.url, deps.maxMediaBytes ?? defaultMaxMediaBytes);
    if (!file) continue;
    const contentType = file.contentType ?? "application/octet-stream";
    attachments.push({
      filename: `${account.provider}-${item.type}-${index + 1}.${extensionOf(contentType)}`,
      contentType,
      size: file.content.length,
      content: file.content,
    });
  }
  return attachments;
}
