import { z } from "zod";
import type { InboundAttachment, InboundMessage } from "../../core/channels/channel.ts";
import { type ProviderReceipt, receiptStatuses } from "../../core/channels/message-receipts.ts";
import type { ChannelAccountWithSecrets, ChannelWebhook } from "../../core/ports.ts";
import {
  badRequest,
  callProvider,
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
import { answerSubscription, checkMetaPost } from "./meta-signature.ts";
import { whatsappApiBase } from "./whatsapp-channel.ts";

// The shapes Meta documents for the Cloud API's `messages` webhook field; unknown fields pass.
const media = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const whatsappMessage = z.looseObject({
  from: z.string(),
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  context: z.looseObject({ id: z.string().optional(), from: z.string().optional() }).optional(),
  image: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  document: media.optional(),
  sticker: media.optional(),
  location: z.looseObject({ latitude: z.number(), longitude: z.number(), name: z.string().optional() }).optional(),
  button: z.looseObject({ text: z.string() }).optional(),
  interactive: z.looseObject({}).optional(),
});

// A status of a message the business sent (Cloud API, "Status messages"): sent, delivered, read or failed.
const whatsappStatus = z.looseObject({
  id: z.string(),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  errors: z
    .array(
      z.looseObject({
        code: z.number().optional(),
        title: z.string().optional(),
        message: z.string().optional(),
        error_data: z.looseObject({ details: z.string().optional() }).optional(),
      }),
    )
    .optional(),
});

const whatsappWebhook = z.looseObject({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.looseObject({
      id: z.string(),
      changes: z.array(
        z.looseObject({
          field: z.string(),
          value: z.looseObject({
            messaging_product: z.string().optional(),
            metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: z.string() }),
            contacts: z
              .array(z.looseObject({ wa_id: z.string(), profile: z.looseObject({ name: z.string() }).optional() }))
              .optional(),
            messages: z.array(whatsappMessage).optional(),
            statuses: z.array(whatsappStatus).optional(),
          }),
        }),
      ),
    }),
  ),
});

export type WhatsAppWebhook = z.infer<typeof whatsappWebhook>;
type WhatsAppMessage = z.infer<typeof whatsappMessage>;

const mediaTypes = ["image", "audio", "video", "document", "sticker"] as const;

/** One customer message as the webhook carried it, before any media is fetched. */
export type WhatsAppInbound = {
  message: InboundMessage;
  /** The customer's WhatsApp id: one conversation per customer and number. */
  conversation: string;
  media: { id: string; mimeType: string | null; filename: string | null } | null;
};

/** Pure: the customer messages in one webhook delivery (statuses of our own messages are not messages). */
export function readWhatsAppWebhook(payload: WhatsAppWebhook, account: { id: string }): WhatsAppInbound[] {
  const found: WhatsAppInbound[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") continue;
      for (const message of change.value.messages ?? []) {
        const contact = change.value.contacts?.find((candidate) => candidate.wa_id === message.from);
        found.push(toInbound(message, { accountId: account.id, name: contact?.profile?.name }));
      }
    }
  }
  return found;
}

/**
 * Pure: the statuses of the desk's own messages in one webhook delivery, under the provider ids
 * their deliveries keep. Statuses WhatsApp may add later (e.g. "deleted") are left out.
 */
export function readWhatsAppStatuses(
  payload: WhatsAppWebhook,
  account: { id: string },
  receivedAt: Date,
): ProviderReceipt[] {
  const found: ProviderReceipt[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") continue;
      for (const status of change.value.statuses ?? []) {
        const known = receiptStatuses.find((candidate) => candidate === status.status);
        if (!known) continue;
        const seconds = Number(status.timestamp);
        found.push({
          channel: "social",
          providerMessageId: externalIdOf("whatsapp", account.id, status.id),
          status: known,
          // A status without a time (never seen from Meta) is stamped when it arrived.
          at: Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : receivedAt,
          error: known === "failed" ? describeErrors(status.errors ?? []) : null,
        });
      }
    }
  }
  return found;
}

function describeErrors(errors: NonNullable<z.infer<typeof whatsappStatus>["errors"]>): string | null {
  const described = errors.map((error) => {
    const words = error.error_data?.details ?? error.message ?? error.title ?? "no reason given";
    return error.code === undefined ? words : `${words} (code ${error.code})`;
  });
  return described.length > 0 ? described.join("; ") : null;
}

function toInbound(
  message: WhatsAppMessage,
  context: { accountId: string; name: string | undefined },
): WhatsAppInbound {
  const mediaType = mediaTypes.find((type) => message[type]);
  const mediaItem = mediaType ? message[mediaType] : undefined;
  const body =
    message.text?.body ??
    mediaItem?.caption ??
    message.button?.text ??
    (message.location
      ? `Location: ${message.location.name ? `${message.location.name} ` : ""}(${message.location.latitude}, ${message.location.longitude})`
      : mediaType
        ? `[${mediaType}]`
        : `[${message.type} message]`);
  return {
    conversation: message.from,
    message: {
      channel: "social",
      provider: "whatsapp",
      externalId: externalIdOf("whatsapp", context.accountId, message.id),
      threadIds: message.context?.id ? [externalIdOf("whatsapp", context.accountId, message.context.id)] : [],
      from: {
        phone: `+${message.from}`,
        handle: { provider: "whatsapp", value: message.from },
        ...(context.name ? { name: context.name } : {}),
      },
      body: clipBody(body),
      at: new Date(Number(message.timestamp) * 1000),
      attributes: {
        provider: "whatsapp",
        channelAccountId: context.accountId,
        recipient: message.from,
        ...(mediaItem && mediaType ? { media: { type: mediaType, id: mediaItem.id } } : {}),
      },
    },
    media: mediaItem
      ? { id: mediaItem.id, mimeType: mediaItem.mime_type ?? null, filename: mediaItem.filename ?? null }
      : null,
  };
}

export type WhatsAppWebhookDeps = WebhookDeps & {
  /** Keeps the delivery statuses of the desk's replies; without it they are acknowledged and dropped. */
  receipts?: ((workspaceId: string, receipt: ProviderReceipt) => Promise<unknown>) | null;
};

export function createWhatsAppWebhook(deps: WhatsAppWebhookDeps): ChannelWebhook {
  return {
    provider: "whatsapp",
    async handle(request, account) {
      if (request.method === "GET") return answerSubscription(request, account.secrets.verifyToken);
      const refused = checkMetaPost(request, account.secrets.appSecret);
      if (refused) return refused;
      const parsed = whatsappWebhook.safeParse(parseJson(request.rawBody));
      if (!parsed.success)
        return badRequest("The body is not a WhatsApp Cloud API webhook (object whatsapp_business_account).");
      let received = 0;
      for (const inbound of readWhatsAppWebhook(parsed.data, account)) {
        const attachment = inbound.media ? await fetchMedia(deps, account, inbound.media) : null;
        const message = attachment ? { ...inbound.message, attachments: [attachment] } : inbound.message;
        await receiveInConversation(deps, account, inbound.conversation, message);
        received += 1;
      }
      let statuses = 0;
      for (const receipt of readWhatsAppStatuses(parsed.data, account, deps.clock.now())) {
        if (!deps.receipts) break;
        await deps.receipts(account.workspaceId, receipt);
        statuses += 1;
      }
      return jsonReply(200, { received, statuses });
    },
  };
}

/**
 * Media arrive as an id: GET /{media-id} gives a short-lived URL, which is fetched with the same
 * token. Failures and files over the limit leave the id in the ticket's attributes instead.
 */
async function fetchMedia(
  deps: WebhookDeps,
  account: ChannelAccountWithSecrets,
  media: NonNullable<WhatsAppInbound["media"]>,
): Promise<InboundAttachment | null> {
  const limit = deps.maxMediaBytes ?? defaultMaxMediaBytes;
  const authorization = { authorization: `Bearer ${account.secrets.accessToken ?? ""}` };
  const described = await callProvider(deps, `${whatsappApiBase(account)}/${encodeURIComponent(media.id)}`, {
    headers: authorization,
  });
  if (!described.ok) return null;
  const info = z
    .looseObject({ url: z.string().url(), mime_type: z.string().optional(), file_size: z.number().optional() })
    .safeParse(described.body);
  if (!info.success || (info.data.file_size ?? 0) > limit) return null;
  const file = await downloadWithin(deps, info.data.url, limit, authorization);
  if (!file) return null;
  const contentType = info.data.mime_type ?? media.mimeType ?? file.contentType ?? "application/octet-stream";
  return {
    filename: media.filename ?? `${media.id}.${extensionOf(contentType)}`,
    contentType,
    size: file.content.length,
    content: file.content,
  };
}
