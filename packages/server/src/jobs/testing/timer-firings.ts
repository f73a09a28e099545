import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "../../storage/database.ts";
import type { JobDefinition } from "../job-definition.ts";
import type { JobDeps } from "../job-deps.ts";

/**
 * Test-only: a timer that records each time it fires as one row of `timer_firings`. The table has
 * no unique constraint on purpose, so a timer that fired twice shows up as two rows.
 */
export const recordFiringJobName = "test.record-firing";

export const createFiringsTable = sql`create table timer_firings (
  timer text not null,
  worker text not null,
  fired_at timestamptz not null default now()
)`;

/**
 * `busyMilliseconds` stands for a handler's real work: while one process works through the batch it
 * took, timers that fall due meanwhile are there for the other process's polls to take.
 */
export function recordFiringJob(
  worker: string,
  busyMilliseconds: number,
): JobDefinition<{ workspaceId: string; timer: string }, JobDeps> {
  return {
    name: recordFiringJobName,
    payload: z.object({ workspaceId: z.string(), timer: z.string() }),
    async handle(payload, deps) {
      await recordFiring(deps.database.db, payload.timer, worker);
      await new Promise((resolve) => setTimeout(resolve, busyMilliseconds));
    },
  };
}

async function recordFiring(db: Database, timer: string, worker: string): Promise<void> {
  await db.execute(sql`insert into timer_firings (timer, worker) values (${timer}, ${worker})`);
}
