import { createHash } from "node:crypto";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import type { InboundAttachment, InboundMessage } from "../../core/channels/channel.ts";
import { DeskError } from "../../core/errors.ts";
import { htmlToText } from "./email-html.ts";
import { stripQuotedReply } from "./strip-quoted.ts";

/** What the SMTP conversation or the mailbox says about a mail besides its content. */
export type EmailEnvelope = {
  /** The SMTP MAIL FROM address; "" for the null sender of bounces. */
  mailFrom?: string | null;
  provider: "smtp" | "imap";
  receivedAt: Date;
};

/** A ticket named in a subject, as our own subjects carry it: "Re: Invoice [#1042]". */
const ticketReferencePattern = /\[#([A-Za-z0-9_-]{1,64})\]/;

/**
 * One raw RFC 5322 message as the desk's InboundMessage: ids without angle brackets, the ids it
 * answers newest first (In-Reply-To, then References from the end), the new words only, automatic
 * mail flagged, a delivery report turned into a note about the message it concerns.
 */
export async function parseEmail(raw: Buffer, envelope: EmailEnvelope): Promise<InboundMessage> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const header = (name: string) => headerValue(mail, name);
  const from = firstAddress(mail.from) ?? addressOnly(envelope.mailFrom);
  if (!from?.address) {
    throw new DeskError("invalid_input", "The mail names no sender: it has no From header and no envelope sender.");
  }
  const externalId = messageIds(mail.messageId)[0] ?? `sha256-${digest(raw)}@mail.invalid`;
  const references = messageIds(mail.references).reverse();
  const threadIds = unique([...messageIds(mail.inReplyTo), ...references]);
  const subject = withoutNul(mail.subject ?? "").trim();
  const reference = ticketReferencePattern.exec(subject)?.[1];
  const report = deliveryReport(mail);
  const automatic = report !== null || isAutomatic(mail, header, from.address, envelope.mailFrom);

  const message: InboundMessage = {
    channel: "email",
    provider: envelope.provider,
    externalId,
    threadIds: report ? unique([...report.concerns, ...threadIds]) : threadIds,
    ...(reference ? { ticketReference: reference } : {}),
    from: { email: withoutNul(from.address).toLowerCase(), ...(from.name ? { name: withoutNul(from.name) } : {}) },
    subject:
      subject
        .replace(ticketReferencePattern, "")
        .replace(/\s{2,}/g, " ")
        .trim() || undefined,
    body: report ? report.summary : bodyOf(mail),
    at: envelope.receivedAt,
    attachments: attachmentsOf(mail),
    ...(automatic ? { automatic: true } : {}),
    ...(report ? { internalNote: true } : {}),
  };
  return message;
}

/** Message-IDs in a header value, without their angle brackets. */
export function messageIds(value: string | string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value ? [value] : [];
  const ids: string[] = [];
  for (const text of values) {
    const bracketed = [...text.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] ?? "");
    ids.push(...(bracketed.length > 0 ? bracketed : text.split(/\s+/)));
  }
  // An encoded word can smuggle control characters (even NUL) into an id; no real id has them.
  return ids
    .map((id) => withoutCharacters(id, (code) => code < 0x20 || code === 0x7f).trim())
    .filter((id) => id.length > 0 && id.length <= 998);
}

function bodyOf(mail: ParsedMail): string {
  const text = typeof mail.text === "string" && mail.text.trim() !== "" ? mail.text : null;
  const html = typeof mail.html === "string" ? mail.html : null;
  const readable = text ?? (html ? htmlToText(html) : "");
  return stripQuotedReply(withoutCharacters(readable, (code) => code === 0));
}

function isAutomatic(
  mail: ParsedMail,
  header: (name: string) => string,
  fromAddress: string,
  mailFrom: string | null | undefined,
): boolean {
  const autoSubmitted = header("auto-submitted").toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return true;
  if (/^(bulk|list|junk|auto_reply)$/i.test(header("precedence"))) return true;
  if (header("list-id") || header("list-unsubscribe") || mail.headers.has("list")) return true;
  if (header("x-autoreply") || header("x-autorespond")) return true;
  if (mailFrom === "") return true;
  return /^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@/i.test(fromAddress);
}

type DeliveryReport = { concerns: string[]; summary: string };

/** A delivery status notification (RFC 3464): which of our messages bounced, for whom, and why. */
function deliveryReport(mail: ParsedMail): DeliveryReport | null {
  const contentType = headerValue(mail, "content-type").toLowerCase();
  if (!contentType.startsWith("multipart/report")) return null;
  const original = mail.attachments.find(
    (attachment) => attachment.contentType === "message/rfc822" || attachment.contentType === "text/rfc822-headers",
  );
  const originalHeaders = original?.content.toString("utf8").split(/\r?\n\r?\n/)[0] ?? "";
  const originalId = /^Message-ID:\s*(.+)$/im.exec(originalHeaders)?.[1];
  const status = typeof mail.text === "string" ? mail.text : "";
  const recipient = /^Final-Recipient:\s*[^;]*;\s*(.+)$/im.exec(status)?.[1]?.trim();
  const diagnostic = /^Diagnostic-Code:\s*[^;]*;\s*(.+)$/im.exec(status)?.[1]?.trim();
  const action = /^Action:\s*(\S+)/im.exec(status)?.[1]?.toLowerCase() ?? "failed";
  const summary = [
    `Delivery report: our mail${recipient ? ` to ${recipient}` : ""} ${action === "delayed" ? "is delayed" : "could not be delivered"}.`,
    diagnostic ? `The receiving server said: ${diagnostic}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  return { concerns: messageIds(originalId), summary };
}

function attachmentsOf(mail: ParsedMail): InboundAttachment[] {
  return mail.attachments
    .filter((attachment) => !attachment.related && attachment.contentType !== "message/delivery-status")
    .map((attachment, index) => ({
      filename: safeFilename(attachment.filename, index, attachment.contentType),
      contentType: attachment.contentType || "application/octet-stream",
      size: attachment.content.length,
      content: attachment.content,
    }));
}

function safeFilename(name: string | undefined, index: number, contentType: string): string {
  const base = withoutCharacters((name ?? "").replace(/[\\/]/g, "_"), (code) => code < 0x20 || code === 0x7f)
    .trim()
    .slice(0, 200);
  if (base && base !== "." && base !== "..") return base;
  return contentType === "message/rfc822" ? `message-${index + 1}.eml` : `attachment-${index + 1}`;
}

function headerValue(mail: ParsedMail, name: string): string {
  const line = mail.headerLines.find((candidate) => candidate.key === name)?.line;
  if (!line) return "";
  return line.slice(line.indexOf(":") + 1).trim();
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address?: string; name?: string } | null {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  for (const object of objects) {
    for (const entry of object.value) {
      if (entry.address) return { address: entry.address, name: entry.name || undefined };
    }
  }
  return null;
}

function addressOnly(address: string | null | undefined): { address?: string; name?: string } | null {
  return address ? { address } : null;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

function digest(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex").slice(0, 40);
}

const withoutNul = (text: string) => withoutCharacters(text, (code) => code === 0);

/** Postgres text cannot hold NUL, and file names should hold no control characters at all. */
function withoutCharacters(text: string, drop: (code: number) => boolean): string {
  let result = "";
  for (const character of text) {
    if (!drop(character.codePointAt(0) ?? 0)) result += character;
  }
  return result;
}
