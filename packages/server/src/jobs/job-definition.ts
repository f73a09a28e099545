import type { z } from "zod";

/**
 * One kind of durable job: its queue name, the shape of its payload and what it does. Each job
 * lives in its own file under jobs/ and is listed in jobs/registry.ts; the runner validates the
 * payload before calling `handle`, and a handler that throws is retried with backoff.
 */
export type JobDefinition<Payload, Deps> = {
  name: string;
  payload: z.ZodType<Payload>;
  /** How often a failed run is retried before the job is marked failed. */
  retryLimit?: number;
  /** Seconds before the first retry; each further retry waits twice as long. */
  retryDelaySeconds?: number;
  handle(payload: Payload, deps: Deps): Promise<void>;
};

/**
 * A change recorded in the notifications outbox (written in the same transaction as the change).
 * The outbox relay hands each one to every subscriber whose `kinds` include it, as a durable job,
 * so a subscriber that fails is retried and one that succeeded is not run again.
 */
export type DeskNotification = {
  id: number;
  workspaceId: string;
  kind: string;
  ticketId: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
};

export type NotificationSubscriber<Deps> = {
  name: string;
  kinds: string[];
  handle(notification: DeskNotification, deps: Deps): Promise<void>;
};
