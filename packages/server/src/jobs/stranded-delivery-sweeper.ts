import { requeueStrandedDeliveries } from "../core/channels/deliver-message.ts";
import type { JobDeps } from "./job-deps.ts";
import type { JobRunner } from "./job-runner.ts";

export type StrandedDeliverySweep = {
  /** How often a worker looks for deliveries nobody is working on. */
  intervalMs: number;
  /** How long a due delivery may wait for its job before it counts as stranded. */
  idleMs: number;
  /** Deliveries put back on the queue per look, at most. */
  limit: number;
};

// With the default lease (40 s), a reply a dead worker had claimed goes out again within about 50 s;
// pg-boss alone would retry that worker's job only after its 15-minute expiry.
export const defaultStrandedDeliverySweep: StrandedDeliverySweep = { intervalMs: 10_000, idleMs: 60_000, limit: 200 };

/**
 * The job runner, plus a timer that re-queues stranded deliveries while the runner polls (every
 * worker process runs one; the jobs it schedules are singletons, so several sweepers do not add up).
 */
export function withStrandedDeliverySweeper(
  jobs: JobRunner,
  deps: () => Pick<JobDeps, "deliveries" | "jobs" | "clock">,
  sweep: StrandedDeliverySweep = defaultStrandedDeliverySweep,
): JobRunner {
  let timer: NodeJS.Timeout | null = null;
  let sweeping: Promise<unknown> | null = null;
  const sweepOnce = () => {
    sweeping ??= requeueStrandedDeliveries({ idleMs: sweep.idleMs, limit: sweep.limit }, deps())
      .catch((error) =>
        process.stderr.write(
          `stranded deliveries: could not look for replies to send again: ${error instanceof Error ? error.message : String(error)}\n`,
        ),
      )
      .finally(() => {
        sweeping = null;
      });
  };
  return {
    ...jobs,
    async start() {
      await jobs.start();
      timer ??= setInterval(sweepOnce, sweep.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping;
      await jobs.stop();
    },
  };
}
