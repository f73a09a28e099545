import { z } from "zod";
import type { Channel, OutboundMessage, SendResult } from "../../core/channels/channel.ts";
import type { ChannelAccountWithSecrets } from "../../core/ports.ts";
import {
  accountFor,
  callProvider,
  externalIdOf,
  failureResult,
  type ProviderDeps,
  plainTextOf,
  sendParts,
  splitText,
} from "../api/provider-support.ts";

export const defaultGraphApiBase = "https://graph.facebook.com/v21.0";
/** WhatsApp's customer service window: free-form replies only within 24 hours of the customer's last message. */
export const whatsappWindowMs = 24 * 60 * 60 * 1000;
const textLimit = 4096;
// Cloud API error codes that mean "this will not go out as it is".
const outsideWindowCodes = new Set([131047, 131026, 470]);

export function whatsappApiBase(account: ChannelAccountWithSecrets): string {
  return (account.settings.apiBaseUrl ?? defaultGraphApiBase).replace(/\/+$/, "");
}

const sendResponse = z.looseObject({ messages: z.array(z.looseObject({ id: z.string() })).min(1) });
const errorResponse = z.looseObject({
  error: z.looseObject({ message: z.string().optional(), code: z.number().optional() }),
});

export function createWhatsAppChannel(deps: ProviderDeps): Channel {
  return {
    channel: "social",
    provider: "whatsapp",
    async send(message) {
      const account = await accountFor(deps, message, "whatsapp");
      if ("rejected" in account) return { status: "rejected", reason: account.rejected };
      const recipient = recipientOf(message);
      if (!recipient) return { status: "rejected", reason: "The customer has no WhatsApp number on this ticket." };
      const lastWrote = await deps.accounts.lastCustomerMessageAt(message.workspaceId, message.ticketId);
      const insideWindow = lastWrote !== null && deps.clock.now().getTime() - lastWrote.getTime() < whatsappWindowMs;
      if (!insideWindow) {
        const template = account.settings.templateName;
        if (!template) {
          return {
            status: "rejected",
            reason:
              "Outside WhatsApp's 24-hour customer service window only a template message may be sent; set templateName on the channel account or wait for the customer to write again.",
          };
        }
        return post(deps, account, {
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: recipient,
          type: "template",
          template: { name: template, language: { code: account.settings.templateLanguage ?? "en_US" } },
        });
      }
      return sendParts(splitText(plainTextOf(message.body), textLimit), (part) =>
        post(deps, account, {
          messaging_product: "whatsapp",
          recipient_type: "individual",
          to: recipient,
          type: "text",
          text: { preview_url: false, body: part },
        }),
      );
    },
  };
}

function recipientOf(message: OutboundMessage): string | null {
  const remembered = message.attributes?.recipient;
  if (typeof remembered === "string" && remembered) return remembered;
  if (message.to.handle?.provider === "whatsapp") return message.to.handle.value;
  return message.to.phone ? message.to.phone.replace(/[^\d]/g, "") : null;
}

async function post(deps: ProviderDeps, account: ChannelAccountWithSecrets, body: unknown): Promise<SendResult> {
  const phoneNumberId = account.settings.phoneNumberId;
  if (!phoneNumberId) return { status: "rejected", reason: "The channel account has no phoneNumberId." };
  const response = await callProvider(
    deps,
    `${whatsappApiBase(account)}/${encodeURIComponent(phoneNumberId)}/messages`,
    {
      method: "POST",
      headers: { authorization: `Bearer ${account.secrets.accessToken ?? ""}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    },
  );
  if (response.ok) {
    const parsed = sendResponse.safeParse(response.body);
    if (!parsed.success)
      return { status: "retryable", reason: "WhatsApp accepted the request but named no message id." };
    return { status: "sent", externalId: externalIdOf("whatsapp", account.id, parsed.data.messages[0]?.id ?? "") };
  }
  const error = errorResponse.safeParse(response.body);
  const code = error.success ? error.data.error.code : undefined;
  const reason = error.success && error.data.error.message ? `WhatsApp: ${error.data.error.message}` : response.reason;
  if (code !== undefined && outsideWindowCodes.has(code)) return { status: "rejected", reason };
  if (code === 130429 || code === 131056 || code === 4 || code === 80007) {
    return { status: "retryable", reason, retryAfterMs: response.retryAfterMs ?? 60_000 };
  }
  return failureResult(response, reason);
}
