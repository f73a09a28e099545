import { describe, expect, it } from "vitest";
import type { DeliveryStore, StrandedDelivery } from "../core/channels/channel-ports.ts";
import { deliverMessageJob } from "../core/channels/deliver-message.ts";
import type { JobRunner } from "./job-runner.ts";
import { withStrandedDeliverySweeper } from "./stranded-delivery-sweeper.ts";

function fakeRunner(calls: string[], scheduled: { name: string; key?: string }[]): JobRunner {
  return {
    async start() {
      calls.push("start");
    },
    async stop() {
      calls.push("stop");
    },
    async schedule(name, _payload, options) {
      scheduled.push({ name, key: options?.singletonKey });
      return "job-1";
    },
  } as JobRunner;
}

describe("the stranded delivery sweeper", () => {
  it("re-queues stranded deliveries while the runner runs, and stops looking when it stops", async () => {
    const calls: string[] = [];
    const scheduled: { name: string; key?: string }[] = [];
    const stranded: StrandedDelivery[] = [{ workspaceId: "w", messageId: "m", status: "sending", attempts: 2 }];
    let looks = 0;
    const deliveries = {
      async listStranded() {
        looks += 1;
        return stranded;
      },
    } as unknown as DeliveryStore;
    const runner = fakeRunner(calls, scheduled);
    const jobs = withStrandedDeliverySweeper(
      runner,
      () => ({ deliveries, jobs: runner, clock: { now: () => new Date() } }),
      {
        intervalMs: 1,
        idleMs: 60_000,
        limit: 10,
      },
    );

    expect(looks).toBe(0);
    await jobs.start();
    while (looks < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    await jobs.stop();
    const looksAtStop = looks;
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(calls).toEqual(["start", "stop"]);
    expect(looks).toBe(looksAtStop);
    expect(scheduled[0]).toEqual({ name: deliverMessageJob, key: "w:m:stranded:2" });
  });
});
