import { asc, gt } from "drizzle-orm";
import type { JobQueue } from "../core/ports.ts";
import * as schema from "../storage/schema.ts";
import type { TestDesk } from "../testing/create-test-desk.ts";
import type { DeskNotification } from "./job-definition.ts";

export type ScheduledJob = {
  name: string;
  payload: Record<string, unknown>;
  options: { runAt?: Date; singletonKey?: string; retryLimit?: number };
};

/** A JobQueue that only records what was scheduled, for calling handlers directly in tests. */
export function recordingQueue(): JobQueue & { scheduled: ScheduledJob[]; take(name: string): ScheduledJob[] } {
  const scheduled: ScheduledJob[] = [];
  let next = 0;
  return {
    scheduled,
    async schedule(name, payload, options = {}) {
      next += 1;
      scheduled.push({ name, payload, options });
      return `job-${next}`;
    },
    async cancel() {
      return false;
    },
    take(name) {
      const taken = scheduled.filter((job) => job.name === name);
      scheduled.splice(0, scheduled.length, ...scheduled.filter((job) => job.name !== name));
      return taken;
    },
  };
}

/** Reads the outbox the way the relay hands it to subscribers: every notification after `afterId`. */
export function outboxReader(desk: TestDesk) {
  let lastId = 0;
  return async (): Promise<DeskNotification[]> => {
    const rows = await desk.database.db
      .select()
      .from(schema.notifications)
      .where(gt(schema.notifications.id, lastId))
      .orderBy(asc(schema.notifications.id));
    lastId = rows.at(-1)?.id ?? lastId;
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspaceId,
      kind: row.kind,
      ticketId: row.ticketId,
      payload: row.payload,
      createdAt: row.createdAt,
    }));
  };
}
