import nodemailer, { type Transporter } from "nodemailer";
import type { Channel, OutboundMessage, SendResult } from "../../core/channels/channel.ts";
import { markdownToHtml, markdownToText } from "./markdown.ts";
import { replyMarker } from "./strip-quoted.ts";

export type EmailSenderSettings = {
  /** smtp:// or smtps:// URL of the server replies go out through (credentials in the URL). */
  smtpUrl: string;
  /** The address replies come from, e.g. "Support <support@example.com>"; its domain names our Message-IDs. */
  from: string;
};

/** Email replies over SMTP (nodemailer). */
export function createEmailChannel(settings: EmailSenderSettings, transport?: Transporter): Channel {
  // Under the delivery's 30 s send timeout (docs/decisions/2026-11-25-delivery-lease.md), so a send
  // given up on cannot still complete minutes later; options in the URL's query win.
  const transporter =
    transport ??
    nodemailer.createTransport({
      url: settings.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 25_000,
    });
  const domain = domainOf(settings.from);
  return {
    channel: "email",
    provider: "smtp",
    externalIdFor: ({ ticketId, messageId }) => `${messageId}.${ticketId.replace(/[^A-Za-z0-9_-]/g, "")}@${domain}`,
    async send(message): Promise<SendResult> {
      if (!message.to.email) return { status: "rejected", reason: "The customer has no email address to reply to." };
      try {
        await transporter.sendMail(emailFor(message, settings.from));
        return { status: "sent", externalId: message.externalId };
      } catch (error) {
        return classifySmtpFailure(error);
      }
    },
  };
}

/** The mail a reply becomes: threaded under the conversation's ids, ticket reference in the subject. */
export function emailFor(message: OutboundMessage, from: string) {
  const threadIds = message.threadIds.slice(-20);
  const lastId = threadIds.at(-1);
  return {
    from,
    to: message.to.name ? { name: message.to.name, address: message.to.email ?? "" } : (message.to.email ?? ""),
    subject: replySubject(message.subject, message.ticketId),
    messageId: `<${message.externalId}>`,
    ...(lastId ? { inReplyTo: `<${lastId}>`, references: threadIds.map((id) => `<${id}>`) } : {}),
    text: `${replyMarker}\n\n${markdownToText(message.body)}\n`,
    html: `<p style="color:#888;font-size:12px">${replyMarker}</p>\n${markdownToHtml(message.body)}`,
    headers: { "X-Responder-Ticket": message.ticketId },
  };
}

/** "Re: <subject> [#<ticket>]", without stacking "Re:" or the reference. */
export function replySubject(subject: string | null, ticketId: string): string {
  const reference = `[#${ticketId}]`;
  const base = (subject ?? "").replace(/\[#[A-Za-z0-9_-]+\]/g, "").trim() || "Your request";
  const withoutPrefix = base.replace(/^((re|aw|sv|fwd?|wg)\s*:\s*)+/i, "");
  return `Re: ${withoutPrefix} ${reference}`;
}

/** 5xx: the server refused for good (unknown mailbox, policy); 4xx and network trouble: try again. */
export function classifySmtpFailure(error: unknown): SendResult {
  const failure = error as { responseCode?: number; response?: string; code?: string; message?: string };
  const reason = failure.response ?? failure.message ?? String(error);
  if (typeof failure.responseCode === "number" && failure.responseCode >= 500) return { status: "rejected", reason };
  if (failure.code === "EENVELOPE" && failure.responseCode === undefined) return { status: "rejected", reason };
  return { status: "retryable", reason };
}

function domainOf(from: string): string {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.split("@")[1]?.trim().toLowerCase() || "localhost";
}
