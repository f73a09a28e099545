import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  nextWebhookAttempt,
  signWebhook,
  type WebhookStore,
  webhookDeliveryJob,
  webhookPauseAfterFailures,
  webhookTimeoutMs,
} from "../../core/automation/webhooks.ts";
import { DeskError } from "../../core/errors.ts";
import type { Clock, JobQueue, KnownIssueDetail, KnownIssueStore } from "../../core/ports.ts";
import type { KnownIssueExport, KnownIssueExportStore, TrackerLink } from "../../storage/known-issue-export-store.ts";
import { affectedCustomers, type ProductTicket, requestOf } from "./product-report.ts";

/** The outbound webhook event an issue tracker subscribes to; `data.action` says create or update. */
export const knownIssueExportedKind = "known_issue.exported";

export type ExportDeps = {
  knownIssues: KnownIssueStore;
  knownIssueExports: KnownIssueExportStore;
  webhooks: WebhookStore;
  jobs: Pick<JobQueue, "schedule">;
  clock: Clock;
  /** Where people reach the desk; the event's links start with it. */
  publicUrl: string;
};

export type ExportDelivery = {
  subscriptionId: string;
  deliveryId: string;
  status: "succeeded" | "retrying" | "failed";
  responseStatus: number | null;
  error: string | null;
};

export type ExportResult = {
  knownIssueId: string;
  action: "create" | "update";
  eventId: string;
  deliveries: ExportDelivery[];
  export: KnownIssueExport;
};

const featureRequestTags = new Set(["feature-request", "feature_request", "feature request"]);

/** A receiver (the tracker's bridge) may answer with the item it created or updated. */
const trackerAnswer = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  key: z.string().trim().min(1).max(200),
});

const maximumDescriptionTickets = 10;

/** What an issue tracker needs to file or update the issue. */
export function knownIssueExportPayload(
  issue: KnownIssueDetail,
  tickets: readonly ProductTicket[],
  action: "create" | "update",
  tracker: TrackerLink | null,
  publicUrl: string,
) {
  const kind = issue.tags.some((tag) => featureRequestTags.has(tag)) ? "feature_request" : "bug";
  const affected = affectedCustomers(tickets);
  const base = publicUrl.replace(/\/+$/, "");
  const plans = Object.entries(affected.plans)
    .sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]))
    .map(([plan, customers]) => `${plan}: ${customers}`)
    .join(", ");
  const examples = tickets
    .slice(-maximumDescriptionTickets)
    .map((ticket) => `- ${ticket.ticketId}: ${requestOf(ticket.subject)}`);
  const description = [
    `${kind === "bug" ? "Bug" : "Feature request"} reported through support: ${issue.ticketCount} tickets from ${affected.customersAffected} customers.`,
    plans ? `Plans: ${plans}.` : "",
    issue.workaround ? `Workaround given to customers: ${issue.workaround}` : "",
    examples.length ? `Latest tickets:\n${examples.join("\n")}` : "",
    `Known issue: ${base}/known-issues/${encodeURIComponent(issue.id)}`,
  ]
    .filter(Boolean)
    .join("\n\n");
  return {
    action,
    knownIssue: {
      id: issue.id,
      title: issue.title,
      description,
      status: issue.status,
      kind,
      tags: issue.tags,
      workaround: issue.workaround,
      customersAffected: affected.customersAffected,
      plans: affected.plans,
      attributeTotals: affected.attributeTotals,
      ticketCount: issue.ticketCount,
      ticketIds: issue.ticketIds,
      links: {
        knownIssue: `${base}/known-issues/${encodeURIComponent(issue.id)}`,
        tickets: issue.ticketIds.map((id) => `${base}/tickets/${encodeURIComponent(id)}`),
      },
    },
    tracker,
  };
}

/**
 * Sends the known issue to every subscriber of `known_issue.exported`, signed like every webhook: the
 * first export as a create, every later one as an update of the same item (with the tracker's key
 * when it gave one). A 2xx answer with `{ "url", "key" }` stores that link on the known issue. A
 * failed delivery is retried through the job queue like other webhooks (a link in a retry's answer
 * is not read: export again to refresh it).
 */
export async function exportKnownIssue(
  input: { workspaceId: string; knownIssueId: string },
  deps: ExportDeps,
): Promise<ExportResult> {
  const issue = await deps.knownIssues.get(input.workspaceId, input.knownIssueId);
  if (!issue) throw new DeskError("not_found", `There is no known issue ${input.knownIssueId}.`);
  const subscriptions = await deps.webhooks.subscribersOf(input.workspaceId, knownIssueExportedKind);
  if (subscriptions.length === 0) {
    throw new DeskError(
      "conflict",
      `No active webhook subscribes to ${knownIssueExportedKind}: add one (POST /api/v1/webhooks with kinds ["${knownIssueExportedKind}"]) pointing at your issue tracker, then export again.`,
    );
  }
  const previous = await deps.knownIssueExports.get(input.workspaceId, issue.id);
  const action = previous ? "update" : "create";
  const tickets = await deps.knownIssueExports.linkedTickets(input.workspaceId, issue.id);
  const at = deps.clock.now();
  const eventId = `evt_${randomUUID().replaceAll("-", "")}`;
  const body = JSON.stringify({
    id: eventId,
    kind: knownIssueExportedKind,
    occurredAt: at.toISOString(),
    workspaceId: input.workspaceId,
    data: knownIssueExportPayload(issue, tickets, action, previous?.tracker ?? null, deps.publicUrl),
  });

  const deliveries: ExportDelivery[] = [];
  let link: TrackerLink | null = null;
  for (const subscription of subscriptions) {
    const delivery = await deps.webhooks.addDelivery(
      subscription.id,
      { notificationId: null, kind: knownIssueExportedKind, body },
      at,
    );
    if (!delivery) continue;
    const secret = (await deps.webhooks.get(input.workspaceId, subscription.id))?.secret;
    if (!secret) continue;
    const sent = await send(subscription.url, secret, delivery.id, body, at);
    if (sent.error === null) {
      await deps.webhooks.recordAttempt(
        delivery.id,
        { ok: true, at, responseStatus: sent.responseStatus ?? 200 },
        webhookPauseAfterFailures,
      );
      link = link ?? sent.tracker;
      deliveries.push({
        subscriptionId: subscription.id,
        deliveryId: delivery.id,
        status: "succeeded",
        responseStatus: sent.responseStatus,
        error: null,
      });
      continue;
    }
    const retryAt = nextWebhookAttempt(1, at);
    const updated = await deps.webhooks.recordAttempt(
      delivery.id,
      { ok: false, at, responseStatus: sent.responseStatus, error: sent.error, retryAt },
      webhookPauseAfterFailures,
    );
    const retrying = retryAt !== null && updated.status === "active";
    if (retrying) {
      await deps.jobs.schedule(
        webhookDeliveryJob,
        { deliveryId: delivery.id },
        { runAt: retryAt, singletonKey: `${delivery.id}:2` },
      );
    }
    deliveries.push({
      subscriptionId: subscription.id,
      deliveryId: delivery.id,
      status: retrying ? "retrying" : "failed",
      responseStatus: sent.responseStatus,
      error: sent.error,
    });
  }
  const recorded = await deps.knownIssueExports.record(input.workspaceId, issue.id, at, link);
  return { knownIssueId: issue.id, action, eventId, deliveries, export: recorded };
}

async function send(
  url: string,
  secret: string,
  deliveryId: string,
  body: string,
  at: Date,
): Promise<{ responseStatus: number | null; error: string | null; tracker: TrackerLink | null }> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "SupportResponder-Webhooks/1",
        "x-responder-event": knownIssueExportedKind,
        "x-responder-delivery": deliveryId,
        "x-responder-signature": signWebhook(secret, body, at),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(webhookTimeoutMs),
    });
    if (response.status < 200 || response.status >= 300) {
      await response.body?.cancel();
      return { responseStatus: response.status, error: `the receiver answered HTTP ${response.status}`, tracker: null };
    }
    const text = (await response.text()).slice(0, 64 * 1024);
    let tracker: TrackerLink | null = null;
    try {
      const parsed = trackerAnswer.safeParse(JSON.parse(text));
      if (parsed.success) tracker = parsed.data;
    } catch {
      // Any 2xx is success; an answer that is not the tracker's JSON just leaves the link as it was.
    }
    return { responseStatus: response.status, error: null, tracker };
  } catch (cause) {
    return {
      responseStatus: null,
      error: cause instanceof Error ? `could not deliver: ${cause.message}` : "could not deliver",
      tracker: null,
    };
  }
}
