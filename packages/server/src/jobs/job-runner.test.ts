import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Clock } from "../core/ports.ts";
import type { DatabaseHandle } from "../storage/database.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import type { JobDefinition, NotificationSubscriber } from "./job-definition.ts";
import { createJobRunner, type JobRunner } from "./job-runner.ts";

type Deps = { seen: string[] };

const minute = 60_000;

// Like the test desk's clock, without building a desk: it stands still until a test moves it.
function createTestClock() {
  let current = new Date("2026-03-02T09:00:00.000Z").getTime();
  return {
    now: () => new Date(current),
    advance: (milliseconds: number) => {
      current += milliseconds;
    },
  };
}

function fixture(database: DatabaseHandle, clock: Clock, deps: Deps, options: { failures?: number } = {}) {
  let failuresLeft = options.failures ?? 0;
  const remember: JobDefinition<{ workspaceId: string; note: string }, Deps> = {
    name: "test.remember",
    payload: z.object({ workspaceId: z.string(), note: z.string() }),
    async handle(payload, handlerDeps) {
      handlerDeps.seen.push(payload.note);
    },
  };
  const flaky: JobDefinition<{ workspaceId: string }, Deps> = {
    name: "test.flaky",
    payload: z.object({ workspaceId: z.string() }),
    retryLimit: 2,
    retryDelaySeconds: 60,
    async handle(_payload, handlerDeps) {
      handlerDeps.seen.push("flaky");
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error("the mail server said no");
      }
    },
  };
  const subscriber: NotificationSubscriber<Deps> = {
    name: "test-subscriber",
    kinds: ["ticket.created"],
    async handle(notification, handlerDeps) {
      handlerDeps.seen.push(`${notification.kind}:${notification.ticketId}`);
    },
  };
  return createJobRunner({
    database,
    clock,
    definitions: [remember, flaky],
    subscribers: [subscriber],
    deps: () => deps,
  });
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

async function database(): Promise<DatabaseHandle> {
  const handle = await createTestDatabase();
  opened.push(handle);
  return handle;
}

function track(runner: JobRunner): JobRunner {
  opened.push({ close: () => runner.stop() });
  return runner;
}

describe("the job runner", () => {
  it("runs a job only once it is due by the desk clock", async () => {
    const clock = createTestClock();
    const deps: Deps = { seen: [] };
    const runner = track(fixture(await database(), clock, deps));
    await runner.schedule(
      "test.remember",
      { workspaceId: "default", note: "later" },
      {
        runAt: new Date(clock.now().getTime() + 30 * minute),
      },
    );

    expect(await runner.runDueJobs()).toBe(0);
    clock.advance(29 * minute);
    expect(await runner.runDueJobs()).toBe(0);
    clock.advance(minute);
    expect(await runner.runDueJobs()).toBe(1);
    expect(deps.seen).toEqual(["later"]);
    expect(await runner.runDueJobs()).toBe(0);
    const [job] = await runner.list({ limit: 10, name: "test.remember" });
    expect(job).toMatchObject({ state: "completed", attempts: 1, payload: { note: "later" } });
  });

  it("keeps a scheduled job across a restart and fires it once", async () => {
    const clock = createTestClock();
    const handle = await database();
    const before: Deps = { seen: [] };
    const first = fixture(handle, clock, before);
    await first.schedule(
      "test.remember",
      { workspaceId: "default", note: "survives" },
      {
        runAt: new Date(clock.now().getTime() + 10 * minute),
      },
    );
    await first.stop();

    const after: Deps = { seen: [] };
    const second = track(fixture(handle, clock, after));
    clock.advance(10 * minute);
    expect(await second.runDueJobs()).toBe(1);
    expect(await second.runDueJobs()).toBe(0);
    expect(before.seen).toEqual([]);
    expect(after.seen).toEqual(["survives"]);
  });

  it("fires each job exactly once when two runners share one database", async () => {
    const clock = createTestClock();
    const handle = await database();
    const seen: Deps = { seen: [] };
    const one = track(fixture(handle, clock, seen));
    const two = track(fixture(handle, clock, seen));
    await one.relayNotifications();
    await two.relayNotifications();
    const notes = Array.from({ length: 20 }, (_, index) => `job-${index}`);
    for (const note of notes) await one.schedule("test.remember", { workspaceId: "default", note });

    const [runsOne, runsTwo] = await Promise.all([one.runDueJobs(), two.runDueJobs()]);
    expect(runsOne + runsTwo).toBe(notes.length);
    expect([...seen.seen].sort()).toEqual([...notes].sort());
  });

  it("retries a failing job with growing waits and then marks it failed", async () => {
    const clock = createTestClock();
    const deps: Deps = { seen: [] };
    const runner = track(fixture(await database(), clock, deps, { failures: 5 }));
    const id = await runner.schedule("test.flaky", { workspaceId: "default" });
    if (!id) throw new Error("no job id");

    expect(await runner.runDueJobs()).toBe(1);
    let job = await runner.get(id);
    expect(job).toMatchObject({ state: "retried", attempts: 1, lastError: "the mail server said no" });
    const firstWait = (job?.runAt.getTime() ?? 0) - clock.now().getTime();
    expect(firstWait).toBe(60_000);

    clock.advance(firstWait);
    expect(await runner.runDueJobs()).toBe(1);
    job = await runner.get(id);
    expect(job).toMatchObject({ state: "retried", attempts: 2 });
    const secondWait = (job?.runAt.getTime() ?? 0) - clock.now().getTime();
    expect(secondWait).toBe(120_000);

    clock.advance(secondWait);
    expect(await runner.runDueJobs()).toBe(1);
    job = await runner.get(id);
    expect(job).toMatchObject({ state: "failed", attempts: 3, lastError: "the mail server said no" });
    clock.advance(60 * minute);
    expect(await runner.runDueJobs()).toBe(0);
    expect(deps.seen).toEqual(["flaky", "flaky", "flaky"]);
    expect((await runner.list({ limit: 10, state: ["failed"] })).map((failed) => failed.id)).toEqual([id]);
  });

  it("keeps one waiting job per singleton key", async () => {
    const clock = createTestClock();
    const runner = track(fixture(await database(), clock, { seen: [] }));
    const payload = { workspaceId: "default", note: "once" };
    expect(await runner.schedule("test.remember", payload, { singletonKey: "k" })).toEqual(expect.any(String));
    expect(await runner.schedule("test.remember", payload, { singletonKey: "k" })).toBeNull();
  });

  it("cancels a waiting job", async () => {
    const clock = createTestClock();
    const deps: Deps = { seen: [] };
    const runner = track(fixture(await database(), clock, deps));
    const id = await runner.schedule("test.remember", { workspaceId: "default", note: "never" });
    if (!id) throw new Error("no job id");
    expect(await runner.cancel("test.remember", id)).toBe(true);
    expect(await runner.runDueJobs()).toBe(0);
    expect(await runner.cancel("test.remember", id)).toBe(false);
    expect(deps.seen).toEqual([]);
  });

  it("runs due jobs by itself when started, as in production", async () => {
    const deps: Deps = { seen: [] };
    const runner = track(fixture(await database(), { now: () => new Date() }, deps));
    await runner.start();
    await runner.schedule("test.remember", { workspaceId: "default", note: "polled" });
    for (let attempt = 0; attempt < 100 && deps.seen.length === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(deps.seen).toEqual(["polled"]);
  });
});
