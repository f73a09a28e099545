import { z } from "zod";
import type { JobDefinition } from "./job-definition.ts";
import type { JobDeps } from "./job-deps.ts";
import type { JobRunner } from "./job-runner.ts";

export const pruneSharedLimitsJob = "shared-limits.prune";
const pruneEveryMs = 5 * 60_000;
// Expired heartbeats already count for nothing; they are kept a while for whoever looks into an outage.
const keepHeartbeatsMs = 60 * 60_000;

/** Forgets ended rate-limit windows and the heartbeats of desk processes long gone. */
export const pruneSharedLimitsDefinition: JobDefinition<Record<string, never>, JobDeps> = {
  name: pruneSharedLimitsJob,
  payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
  retryLimit: 1,
  async handle(_payload, deps) {
    const now = deps.clock.now();
    await deps.rateLimits?.prune(now);
    await deps.chat.sharedPresence?.prune(new Date(now.getTime() - keepHeartbeatsMs));
  },
};

/**
 * The job runner, plus a timer that schedules the pruning every few minutes while the runner polls;
 * the job is a singleton, so several worker processes schedule it once between them.
 */
export function withSharedLimitPruning(jobs: JobRunner, deps: () => Pick<JobDeps, "rateLimits">): JobRunner {
  let timer: NodeJS.Timeout | null = null;
  const schedule = () => {
    if (!deps().rateLimits) return;
    jobs
      .schedule(pruneSharedLimitsJob, {}, { singletonKey: pruneSharedLimitsJob })
      .catch((error: unknown) =>
        process.stderr.write(
          `shared limits: could not schedule pruning: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
      );
  };
  return {
    ...jobs,
    async start() {
      await jobs.start();
      schedule();
      timer ??= setInterval(schedule, pruneEveryMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await jobs.stop();
    },
  };
}
