import { automationJobs, automationSubscribers } from "./automation-jobs.ts";
import { fixedIssueBroadcastSubscriber } from "./broadcasts.ts";
import { confirmationWindowJob } from "./confirmation-window.ts";
import { deliverMessageDefinition, deliverRepliesSubscriber } from "./deliver-message.ts";
import { escalationReminderJob, urgentUnansweredJob } from "./escalation.ts";
import { followThroughSubscriber } from "./follow-through-subscriber.ts";
import { followUpDueJob } from "./follow-up-due.ts";
import type { JobDefinition, NotificationSubscriber } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";
import { pruneSharedLimitsDefinition } from "./prune-shared-limits.ts";
import { routingChatSlotSubscriber, routingSubscriber } from "./routing-subscriber.ts";
import { slaCheckJob } from "./sla-check.ts";

// Every durable job and every outbox subscriber of the desk, one line each.
// biome-ignore lint/suspicious/noExplicitAny: each definition checks its own payload with zod
type AnyJobDefinition = JobDefinition<any, JobDeps>;

export const jobDefinitions: readonly AnyJobDefinition[] = [
  slaCheckJob,
  confirmationWindowJob,
  followUpDueJob,
  escalationReminderJob,
  urgentUnansweredJob,
  ...automationJobs,
  deliverMessageDefinition,
  pruneSharedLimitsDefinition,
];

export const notificationSubscribers: readonly NotificationSubscriber<JobDeps>[] = [
  followThroughSubscriber,
  ...automationSubscribers,
  deliverRepliesSubscriber,
  routingSubscriber,
  routingChatSlotSubscriber,
  fixedIssueBroadcastSubscriber,
];
