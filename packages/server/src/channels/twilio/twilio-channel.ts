import { z } from "zod";
import type { Channel } from "../../core/channels/channel.ts";
import {
  accountFor,
  callProvider,
  externalIdOf,
  failureResult,
  type ProviderDeps,
  plainTextOf,
} from "../api/provider-support.ts";
import { fitSms } from "./sms-rules.ts";

export const defaultTwilioApiBase = "https://api.twilio.com";

const createdMessage = z.looseObject({ sid: z.string(), status: z.string().optional() });
const twilioError = z.looseObject({ code: z.number().optional(), message: z.string().optional() });
// Error codes that will not change on a retry: invalid or unreachable number, opted out, not allowed.
const permanentCodes = new Set([21211, 21408, 21610, 21612, 21614, 21617, 21606, 21660, 20003]);

/**
 * Replies as SMS through Twilio's Messages API (form-encoded, basic auth): plain text, fitted to
 * at most `maxSegments` parts (10 unless the account says otherwise), so one reply is one message.
 */
export function createTwilioChannel(deps: ProviderDeps): Channel {
  return {
    channel: "phone",
    provider: "twilio",
    async send(message) {
      const account = await accountFor(deps, message, "twilio");
      if ("rejected" in account) return { status: "rejected", reason: account.rejected };
      const remembered = message.attributes?.recipient;
      const to = typeof remembered === "string" ? remembered : (message.to.phone ?? null);
      if (!to) return { status: "rejected", reason: "The customer has no phone number to text." };
      const { accountSid, phoneNumber, messagingServiceSid } = account.settings;
      if (!accountSid || !(phoneNumber || messagingServiceSid)) {
        return {
          status: "rejected",
          reason: "The Twilio account needs accountSid and phoneNumber (or messagingServiceSid).",
        };
      }
      const maxSegments = Number(account.settings.maxSegments ?? 10) || 10;
      const sms = fitSms(plainTextOf(message.body), maxSegments);
      const form = new URLSearchParams({ To: to, Body: sms.body });
      if (messagingServiceSid) form.set("MessagingServiceSid", messagingServiceSid);
      else if (phoneNumber) form.set("From", phoneNumber);

      const base = (account.settings.apiBaseUrl ?? defaultTwilioApiBase).replace(/\/+$/, "");
      const credentials = Buffer.from(`${accountSid}:${account.secrets.authToken ?? ""}`).toString("base64");
      const response = await callProvider(
        deps,
        `${base}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`,
        {
          method: "POST",
          headers: { authorization: `Basic ${credentials}`, "content-type": "application/x-www-form-urlencoded" },
          body: form.toString(),
        },
      );
      if (response.ok) {
        const created = createdMessage.safeParse(response.body);
        if (!created.success)
          return { status: "retryable", reason: "Twilio accepted the request but named no message sid." };
        return { status: "sent", externalId: externalIdOf("twilio", account.id, created.data.sid) };
      }
      const error = twilioError.safeParse(response.body);
      const reason =
        error.success && error.data.message
          ? `Twilio ${error.data.code ?? ""}: ${error.data.message}`.replace(" :", ":")
          : response.reason;
      if (error.success && error.data.code !== undefined && permanentCodes.has(error.data.code))
        return { status: "rejected", reason };
      return failureResult(response, reason);
    },
  };
}
