import { createHmac, timingSafeEqual } from "node:crypto";
import type { InboundMessage, OutboundMessage, ReceivedMessage, SendResult } from "../../core/channels/channel.ts";
import type { ChannelAccountStore, ChannelAccountWithSecrets, Clock, WebhookReply } from "../../core/ports.ts";

/** What the social, phone and API adapters need from the desk. */
export type ReceiveInbound = (workspaceId: string, message: InboundMessage) => Promise<ReceivedMessage>;

export type ProviderDeps = {
  accounts: Pick<ChannelAccountStore, "load" | "lastCustomerMessageAt">;
  clock: Clock;
  /** The outside world; tests point accounts at local fake servers instead of replacing this. */
  fetch?: typeof fetch;
  /** How long one provider request may take before it counts as a (retryable) timeout. */
  timeoutMs?: number;
};

export type WebhookDeps = {
  receive: ReceiveInbound;
  conversations: Pick<ChannelAccountStore, "lastConversationMessage" | "rememberConversationMessage">;
  clock: Clock;
  fetch?: typeof fetch;
  /** Largest media file fetched from a provider and stored as an attachment; larger ones keep only their id. */
  maxMediaBytes?: number;
};

export const defaultMaxMediaBytes = 10 * 1024 * 1024;
/** Longest inbound text kept; the rest is cut with a note, so one giant message cannot fill a ticket. */
export const maxInboundBodyCharacters = 20_000;

export function jsonReply(status: number, body: unknown): WebhookReply {
  return { status, contentType: "application/json; charset=utf-8", body: JSON.stringify(body) };
}

export function textReply(status: number, body: string, contentType = "text/plain; charset=utf-8"): WebhookReply {
  return { status, contentType, body };
}

export const forbidden = (reason: string) => jsonReply(403, { code: "forbidden", message: reason });
export const badRequest = (reason: string) => jsonReply(400, { code: "invalid_input", message: reason });

export function hmac(algorithm: "sha1" | "sha256", secret: string, data: string | Buffer, encoding: "hex" | "base64") {
  return createHmac(algorithm, secret).update(data).digest(encoding);
}

/** Compares two signatures in constant time (for equal lengths; different lengths are simply unequal). */
export function sameSignature(given: string, expected: string): boolean {
  const left = Buffer.from(given);
  const right = Buffer.from(expected);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString("utf8"));
  } catch {
    return undefined;
  }
}

export function clipBody(text: string): string {
  if (text.length <= maxInboundBodyCharacters) return text;
  return `${text.slice(0, maxInboundBodyCharacters)}\n\n[message cut at ${maxInboundBodyCharacters} characters]`;
}

/**
 * The external id of a provider's message: provider, account and the provider's own id, so the
 * same delivery twice is one message and any message of a conversation names its account.
 */
export function externalIdOf(provider: string, accountId: string, providerId: string): string {
  return `${provider}:${accountId}:${providerId}`;
}

/** The first part of a provider id after the account (a chat or sender id) among a conversation's ids. */
export function conversationPartOf(threadIds: string[], provider: string, accountId: string): string | null {
  const prefix = `${provider}:${accountId}:`;
  for (const id of threadIds) {
    if (!id.startsWith(prefix)) continue;
    const part = id.slice(prefix.length).split(":")[0];
    if (part) return part;
  }
  return null;
}

/**
 * Stores a message of a chat-like conversation (one customer on one account): it threads under
 * the conversation's newest message, since these providers send no thread id of their own.
 */
export async function receiveInConversation(
  deps: Pick<WebhookDeps, "receive" | "conversations" | "clock">,
  account: ChannelAccountWithSecrets,
  conversation: string,
  message: InboundMessage,
): Promise<ReceivedMessage> {
  const last = await deps.conversations.lastConversationMessage(account.id, conversation);
  const threadIds = last && last !== message.externalId ? [...message.threadIds, last] : message.threadIds;
  // A provider's timestamp out of any date's range ("1e308", ":") would fail only after the message was stored.
  const at = Number.isNaN(message.at.getTime()) ? deps.clock.now() : message.at;
  const received = await deps.receive(account.workspaceId, { ...message, threadIds, at });
  await deps.conversations.rememberConversationMessage(account.id, conversation, message.externalId, at);
  return received;
}

/**
 * The account a message goes out on: the ticket remembers it in `attributes.channelAccountId`; a
 * follow-up ticket may not, but its messages' ids name it (see externalIdOf).
 */
export async function accountFor(
  deps: ProviderDeps,
  message: Pick<OutboundMessage, "attributes" | "threadIds">,
  provider: string | string[],
): Promise<ChannelAccountWithSecrets | { rejected: string }> {
  const providers = Array.isArray(provider) ? provider : [provider];
  const remembered = message.attributes?.channelAccountId;
  const accountId =
    typeof remembered === "string"
      ? remembered
      : message.threadIds
          .map((id) => /^([a-z]+):(ch_[\w-]+):/.exec(id))
          .find((match) => match && providers.includes(match[1] ?? ""))?.[2];
  if (!accountId) {
    return { rejected: "The ticket does not say which channel account it came through (attributes.channelAccountId)." };
  }
  const account = await deps.accounts.load(accountId);
  if (!account || !providers.includes(account.provider)) {
    return { rejected: `The channel account ${accountId} no longer exists; reconnect it under /api/v1/channels.` };
  }
  if (!account.enabled) return { rejected: `The channel account ${account.name} is disabled.` };
  return account;
}

export type ProviderResponse =
  | { ok: true; status: number; body: unknown; text: string }
  | { ok: false; status: number | null; body: unknown; text: string; reason: string; retryAfterMs?: number };

/** One HTTP request to a provider; network errors and timeouts come back as a status-less failure. */
export async function callProvider(
  deps: Pick<ProviderDeps, "fetch" | "timeoutMs">,
  url: string,
  init: RequestInit,
): Promise<ProviderResponse> {
  const fetcher = deps.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetcher(url, { ...init, signal: AbortSignal.timeout(deps.timeoutMs ?? 15_000) });
  } catch (error) {
    const reason = error instanceof Error && error.name === "TimeoutError" ? "timed out" : String(error);
    return { ok: false, status: null, body: null, text: "", reason: `no answer from ${new URL(url).host}: ${reason}` };
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) return { ok: true, status: response.status, body, text };
  const retryAfter = Number(response.headers.get("retry-after"));
  return {
    ok: false,
    status: response.status,
    body,
    text,
    reason: `${new URL(url).host} answered ${response.status}: ${text.slice(0, 300)}`,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

/** Network trouble, timeouts, rate limits and 5xx may pass; anything else will fail again as it is. */
export function failureResult(
  response: Extract<ProviderResponse, { ok: false }>,
  reason = response.reason,
): SendResult {
  const retryable =
    response.status === null || response.status === 408 || response.status === 429 || response.status >= 500;
  if (!retryable) return { status: "rejected", reason };
  return {
    status: "retryable",
    reason,
    ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
  };
}

/** Markdown as plain text for channels that show no formatting (SMS, WhatsApp, Messenger, Telegram's plain mode). */
export function plainTextOf(markdown: string): string {
  return markdown
    .replace(/\r\n/g, "\n")
    .replace(/```[^\n]*\n([\s\S]*?)```/g, "$1")
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, "$1 ($2)")
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_, text: string, url: string) =>
      text === url ? url : `${text} (${url})`,
    )
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^[ \t]*[-*+][ \t]+/gm, "• ")
    .replace(/^>\s?/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Splits text into parts of at most `limit` characters, at a paragraph, line, sentence or word where it can. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const cut =
      lastBreak(window, "\n\n", limit) ??
      lastBreak(window, "\n", limit) ??
      lastBreak(window, ". ", limit, 1) ??
      lastBreak(window, " ", limit) ??
      limit;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function lastBreak(window: string, separator: string, limit: number, keep = 0): number | null {
  const index = window.lastIndexOf(separator, limit - keep);
  // A break in the first third would make needlessly many parts; cut harder instead.
  return index > limit / 3 ? index + keep : null;
}

/**
 * Sends the parts of a long reply one after another. A failure after the first part went out is
 * `rejected`, never `retryable`: a retry would send the first parts twice.
 */
export async function sendParts(parts: string[], sendOne: (part: string) => Promise<SendResult>): Promise<SendResult> {
  let first: string | null = null;
  for (const [index, part] of parts.entries()) {
    const result = await sendOne(part);
    if (result.status !== "sent") {
      if (first === null) return result;
      return {
        status: "rejected",
        reason: `Only ${index} of ${parts.length} parts went out (not retried, so none is sent twice): ${result.reason}`,
      };
    }
    first ??= result.externalId;
  }
  return first === null ? { status: "rejected", reason: "The reply is empty." } : { status: "sent", externalId: first };
}

/** Downloads a file a provider points to, or null when it fails or is over `limit` bytes. */
export async function downloadWithin(
  deps: Pick<WebhookDeps, "fetch">,
  url: string,
  limit: number,
  headers: Record<string, string> = {},
): Promise<{ content: Buffer; contentType: string | null } | null> {
  try {
    const response = await (deps.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(30_000) });
    if (!response.ok || Number(response.headers.get("content-length") ?? 0) > limit || !response.body) return null;
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.length;
      // Stop reading as soon as it is too big, whatever content-length claimed.
      if (size > limit) {
        await reader.cancel();
        return null;
      }
      chunks.push(Buffer.from(read.value));
    }
    return { content: Buffer.concat(chunks), contentType: response.headers.get("content-type") };
  } catch {
    return null;
  }
}

export function extensionOf(contentType: string): string {
  return contentType.split("/")[1]?.split(";")[0]?.trim() || "bin";
}
