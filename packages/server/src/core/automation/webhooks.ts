import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The event kinds a subscription may name; `ticket.*` style wildcards match a whole family. */
export const webhookEventKinds = [
  "ticket.created",
  "ticket.updated",
  "message.added",
  "customer.created",
  "customer.updated",
  "known_issue.exported",
] as const;

export const webhookDeliveryJob = "webhook-deliver";
/** Tries per delivery: the first plus five retries, 1, 2, 4, 8 and 16 minutes apart. */
export const webhookMaxAttempts = 6;
export const webhookFirstRetryMs = 60_000;
/** A subscription whose last this-many attempts all failed is paused until an admin resumes it. */
export const webhookPauseAfterFailures = 10;
export const webhookTimeoutMs = 10_000;

export type WebhookStatus = "active" | "paused";

export type WebhookSubscription = {
  id: string;
  url: string;
  kinds: string[];
  description: string | null;
  status: WebhookStatus;
  consecutiveFailures: number;
  pausedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed" | "skipped";

export type WebhookDelivery = {
  id: string;
  subscriptionId: string;
  notificationId: number | null;
  kind: string;
  body: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
};

export type WebhookAttempt =
  | { ok: true; at: Date; responseStatus: number }
  | { ok: false; at: Date; responseStatus: number | null; error: string; retryAt: Date | null };

export type WebhookStore = {
  list(workspaceId: string): Promise<WebhookSubscription[]>;
  get(workspaceId: string, id: string): Promise<(WebhookSubscription & { secret: string }) | null>;
  create(
    workspaceId: string,
    input: { url: string; kinds: string[]; description: string | null; secret: string },
    at: Date,
  ): Promise<WebhookSubscription>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<WebhookSubscription, "url" | "kinds" | "description" | "status">>,
    at: Date,
  ): Promise<WebhookSubscription | null>;
  delete(workspaceId: string, id: string): Promise<boolean>;
  /** Active subscriptions of a workspace that want this kind. */
  subscribersOf(workspaceId: string, kind: string): Promise<WebhookSubscription[]>;
  /** A pending delivery; null when this notification already has one for the subscription. */
  addDelivery(
    subscriptionId: string,
    delivery: { notificationId: number | null; kind: string; body: string },
    at: Date,
  ): Promise<WebhookDelivery | null>;
  delivery(deliveryId: string): Promise<{ delivery: WebhookDelivery; workspaceId: string } | null>;
  deliveries(workspaceId: string, subscriptionId: string, limit: number): Promise<WebhookDelivery[]>;
  /**
   * Records one attempt; a failure counts against the subscription and pauses it once
   * `pauseAfter` attempts in a row failed; a success resets the count. Returns the subscription.
   */
  recordAttempt(deliveryId: string, attempt: WebhookAttempt, pauseAfter: number): Promise<WebhookSubscription>;
  skipDelivery(deliveryId: string, reason: string): Promise<void>;
};

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export function kindMatches(subscribed: readonly string[], kind: string): boolean {
  return subscribed.some(
    (pattern) =>
      pattern === kind || pattern === "*" || (pattern.endsWith(".*") && kind.startsWith(pattern.slice(0, -1))),
  );
}

/** `X-Responder-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>`. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}

/** What a receiver does: checks the signature and that it is recent (default tolerance 5 minutes). */
export function verifyWebhookSignature(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex"));
  const given = Buffer.from(parts.v1);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** When to try again after `attempts` failed tries, or null when the delivery has used them all. */
export function nextWebhookAttempt(attempts: number, failedAt: Date): Date | null {
  if (attempts >= webhookMaxAttempts) return null;
  return new Date(failedAt.getTime() + webhookFirstRetryMs * 2 ** (attempts - 1));
}
