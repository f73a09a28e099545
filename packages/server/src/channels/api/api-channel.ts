import { z } from "zod";
import type { Channel } from "../../core/channels/channel.ts";
import { signPayload } from "./api-signature.ts";
import {
  accountFor,
  callProvider,
  externalIdOf,
  failureResult,
  type ProviderDeps,
  plainTextOf,
} from "./provider-support.ts";

const accepted = z.looseObject({ id: z.string().min(1).max(200).optional() });

/** Strips our account prefix from ids, so the receiver sees the ids it gave us (and ours). */
function ownIds(accountId: string, ids: string[]): string[] {
  const prefix = `api:${accountId}:`;
  return ids.map((id) => (id.startsWith(prefix) ? id.slice(prefix.length) : id));
}

/**
 * Replies go to the account's `url` as a signed JSON POST (X-Responder-Signature, see api-signature.ts)
 * with the reply's id as Idempotency-Key, so a retry after a timeout is recognisable by the receiver.
 * 5xx, 408, 429 and timeouts are retried; any other answer is final.
 */
export function createApiChannel(deps: ProviderDeps): Channel {
  return {
    channel: "api",
    provider: "api",
    async send(message) {
      const account = await accountFor(deps, message, "api");
      if ("rejected" in account) return { status: "rejected", reason: account.rejected };
      const url = account.settings.url;
      const secret = account.secrets.signingSecret;
      if (!url || !secret)
        return {
          status: "rejected",
          reason: "The API channel account needs a url and a signingSecret to deliver replies.",
        };
      const conversation = message.attributes?.conversation;
      const recipient = message.attributes?.recipient;
      const body = JSON.stringify({
        type: "message.reply",
        id: message.externalId,
        ticketId: message.ticketId,
        to: recipient && typeof recipient === "object" ? recipient : message.to,
        subject: message.subject,
        body: message.body,
        text: plainTextOf(message.body),
        inReplyTo: ownIds(account.id, message.threadIds),
        ...(typeof conversation === "string" ? { conversation } : {}),
      });
      const response = await callProvider(deps, url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "idempotency-key": message.externalId,
          "x-responder-signature": signPayload(secret, body, deps.clock.now()),
          "user-agent": "support-responder",
        },
        body,
      });
      if (!response.ok) return failureResult(response);
      const answer = accepted.safeParse(response.body ?? {});
      const id = answer.success && answer.data.id ? answer.data.id : message.externalId;
      return { status: "sent", externalId: externalIdOf("api", account.id, id) };
    },
  };
}
