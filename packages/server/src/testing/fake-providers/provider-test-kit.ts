import type { InboundMessage, ReceivedMessage } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets, WebhookRequest } from "../../core/ports.ts";
import type { ChannelName } from "../../core/snapshot/snapshot-schema.ts";

/** A webhook delivery as the HTTP route hands it to a provider's handler. */
export function webhookRequest(fields: Partial<WebhookRequest> & { body?: string | Buffer }): WebhookRequest {
  const { body, ...rest } = fields;
  return {
    method: "POST",
    event: null,
    url: "https://desk.example.com/api/v1/channels/ch_test/webhook",
    query: {},
    headers: {},
    rawBody: Buffer.from(body ?? ""),
    ...rest,
  };
}

export function testAccount(
  provider: string,
  fields: { channel?: ChannelName; settings?: Record<string, string>; secrets?: Record<string, string> } = {},
): ChannelAccountWithSecrets {
  const at = new Date("2026-03-02T09:00:00.000Z");
  const secrets = fields.secrets ?? {};
  return {
    id: `ch_${provider}_test`,
    workspaceId: "default",
    channel: fields.channel ?? "social",
    provider,
    name: `${provider} test`,
    settings: fields.settings ?? {},
    secretNames: Object.keys(secrets),
    secrets,
    enabled: true,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * An in-memory stand-in for the desk's receive use case, for unit tests of one adapter: it
 * records what it was given and, like the real one, makes the same externalId one message.
 */
export function recordingReceiver() {
  const received: InboundMessage[] = [];
  const byExternalId = new Map<string, ReceivedMessage>();
  const receive = async (_workspaceId: string, message: InboundMessage): Promise<ReceivedMessage> => {
    const earlier = byExternalId.get(message.externalId);
    if (earlier) return { ...earlier, duplicate: true, openedTicket: false };
    received.push(message);
    const result = {
      ticketId: `T${received.length}`,
      messageId: `M${received.length}`,
      openedTicket: true,
      duplicate: false,
    };
    byExternalId.set(message.externalId, result);
    return result;
  };
  const newest = new Map<string, { externalId: string; at: Date }>();
  const conversations = {
    lastConversationMessage: async (accountId: string, conversation: string) =>
      newest.get(`${accountId} ${conversation}`)?.externalId ?? null,
    rememberConversationMessage: async (accountId: string, conversation: string, externalId: string, at: Date) => {
      const key = `${accountId} ${conversation}`;
      const current = newest.get(key);
      if (!current || current.at <= at) newest.set(key, { externalId, at });
    },
  };
  return { received, receive, conversations };
}
