import { z } from "zod";
import type { Channel, SendResult } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets } from "../../core/ports.ts";
import {
  accountFor,
  callProvider,
  conversationPartOf,
  externalIdOf,
  failureResult,
  type ProviderDeps,
  plainTextOf,
  sendParts,
  splitText,
} from "../api/provider-support.ts";
import { defaultGraphApiBase } from "../whatsapp/whatsapp-channel.ts";

/** The standard messaging window; the HUMAN_AGENT tag (if the app has it) stretches it to 7 days. */
export const messengerWindowMs = 24 * 60 * 60 * 1000;
export const humanAgentWindowMs = 7 * 24 * 60 * 60 * 1000;
const textLimit = 2000;

const sendResponse = z.looseObject({ message_id: z.string() });
const errorResponse = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
  }),
});

/** Replies through the Send API: POST /{page-id}/messages (Instagram: /{instagram-account-id}/messages). */
export function createMessengerChannel(deps: ProviderDeps, provider: "messenger" | "instagram" = "messenger"): Channel {
  return {
    channel: "social",
    provider,
    async send(message) {
      const account = await accountFor(deps, message, provider);
      if ("rejected" in account) return { status: "rejected", reason: account.rejected };
      const remembered = message.attributes?.recipient;
      const recipient =
        typeof remembered === "string"
          ? remembered
          : message.to.handle?.provider === provider
            ? message.to.handle.value
            : conversationPartOf(message.threadIds, provider, account.id);
      if (!recipient) return { status: "rejected", reason: `The customer has no ${provider} id on this ticket.` };

      const lastWrote = await deps.accounts.lastCustomerMessageAt(message.workspaceId, message.ticketId);
      const sinceMs = lastWrote === null ? Number.POSITIVE_INFINITY : deps.clock.now().getTime() - lastWrote.getTime();
      let envelope: Record<string, unknown> = { messaging_type: "RESPONSE" };
      if (sinceMs >= messengerWindowMs) {
        if (account.settings.humanAgentTag !== "true" || sinceMs >= humanAgentWindowMs) {
          return {
            status: "rejected",
            reason: `The customer last wrote more than 24 hours ago; ${provider} allows replies after that only with the HUMAN_AGENT tag (humanAgentTag on the channel account), within 7 days.`,
          };
        }
        envelope = { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" };
      }
      return sendParts(splitText(plainTextOf(message.body), textLimit), (part) =>
        post(deps, account, recipient, { recipient: { id: recipient }, ...envelope, message: { text: part } }),
      );
    },
  };
}

async function post(
  deps: ProviderDeps,
  account: ChannelAccountWithSecrets,
  recipient: string,
  body: unknown,
): Promise<SendResult> {
  const sender = account.settings.pageId ?? account.settings.instagramAccountId ?? "me";
  const base = (account.settings.apiBaseUrl ?? defaultGraphApiBase).replace(/\/+$/, "");
  const url = `${base}/${encodeURIComponent(sender)}/messages?access_token=${encodeURIComponent(account.secrets.accessToken ?? "")}`;
  const response = await callProvider(deps, url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) {
    const parsed = sendResponse.safeParse(response.body);
    if (!parsed.success)
      return { status: "retryable", reason: `${account.provider} accepted the request but named no message id.` };
    return {
      status: "sent",
      externalId: externalIdOf(account.provider, account.id, `${recipient}:${parsed.data.message_id}`),
    };
  }
  const error = errorResponse.safeParse(response.body);
  const reason =
    error.success && error.data.error.message ? `${account.provider}: ${error.data.error.message}` : response.reason;
  const code = error.success ? error.data.error.code : undefined;
  // 4, 32, 613: rate limits; 1200: a temporary send failure; 2: service unavailable.
  if (code !== undefined && [2, 4, 32, 613, 1200].includes(code)) {
    return { status: "retryable", reason, retryAfterMs: response.retryAfterMs ?? 60_000 };
  }
  return failureResult(response, reason);
}
