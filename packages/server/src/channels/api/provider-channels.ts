import type { Channel } from "../../core/channels/channel.ts";
import type { ChannelWebhook } from "../../core/ports.ts";
import { createMessengerChannel } from "../messenger/messenger-channel.ts";
import { createMessengerWebhook } from "../messenger/messenger-webhook.ts";
import { createTelegramChannel } from "../telegram/telegram-channel.ts";
import { createTelegramWebhook } from "../telegram/telegram-webhook.ts";
import { createTwilioChannel } from "../twilio/twilio-channel.ts";
import { createTwilioWebhook, type TwilioWebhookDeps } from "../twilio/twilio-webhook.ts";
import { createWhatsAppChannel } from "../whatsapp/whatsapp-channel.ts";
import { createWhatsAppWebhook, type WhatsAppWebhookDeps } from "../whatsapp/whatsapp-webhook.ts";
import { createApiChannel } from "./api-channel.ts";
import { createApiWebhook } from "./api-webhook.ts";
import type { ProviderDeps } from "./provider-support.ts";

/**
 * The senders of the account-based providers (social, phone/SMS, generic API), for the channel
 * registry. A ticket that does not name its provider (a follow-up ticket keeps only `followUpOf`)
 * reaches the channel's default sender; the ids of its messages still name their provider, and
 * the reply is handed to that provider's sender.
 */
export function createProviderChannels(deps: ProviderDeps): Channel[] {
  const senders = [
    createWhatsAppChannel(deps),
    createMessengerChannel(deps, "messenger"),
    createMessengerChannel(deps, "instagram"),
    createTelegramChannel(deps),
    createTwilioChannel(deps),
    createApiChannel(deps),
  ];
  const byProvider = new Map(senders.map((sender) => [sender.provider, sender]));
  return senders.map((sender) => ({
    ...sender,
    send(message) {
      const named = typeof message.attributes?.provider === "string" ? null : providerNamedBy(message.threadIds);
      const owner = named && named !== sender.provider ? byProvider.get(named) : undefined;
      return owner && owner.channel === sender.channel ? owner.send(message) : sender.send(message);
    },
  }));
}

function providerNamedBy(threadIds: string[]): string | null {
  for (const id of threadIds) {
    const match = /^([a-z]+):ch_[\w-]+:/.exec(id);
    if (match?.[1]) return match[1];
  }
  return null;
}

/** Their webhook handlers, one per provider, for the /channels/{id}/webhook routes. */
export function createProviderWebhooks(
  deps: TwilioWebhookDeps & Pick<WhatsAppWebhookDeps, "receipts">,
): ChannelWebhook[] {
  return [
    createWhatsAppWebhook(deps),
    createMessengerWebhook(deps, "messenger"),
    createMessengerWebhook(deps, "instagram"),
    createTelegramWebhook(deps),
    createTwilioWebhook(deps),
    createApiWebhook(deps),
  ];
}
