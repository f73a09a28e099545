import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { DeskError } from "../core/errors.ts";
import type { Clock, JobQueue } from "../core/ports.ts";
import type { DatabaseHandle } from "../storage/database.ts";
import type { DeskNotification, JobDefinition, NotificationSubscriber } from "./job-definition.ts";
import { type SqlExecutor, type SqlSession, sqlSessionOf } from "./job-sql.ts";

export const jobStates = ["pending", "active", "completed", "failed", "retried", "cancelled"] as const;

export type JobState = (typeof jobStates)[number];

/** One job as the API shows it. */
export type JobRecord = {
  id: string;
  name: string;
  state: JobState;
  payload: Record<string, unknown>;
  runAt: Date;
  /** Runs started so far, including the one in progress. */
  attempts: number;
  retryLimit: number;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export type JobListQuery = { workspaceId?: string; state?: JobState[]; name?: string; limit: number };

export type JobRunner = JobQueue & {
  /** Production: pg-boss polls every queue and the outbox relay runs every second. */
  start(): Promise<void>;
  /** Stops polling (waiting for running handlers) and lets go of the database. */
  stop(): Promise<void>;
  /**
   * Runs, one after another, every job due as of `asOf` (the desk clock by default), relaying the
   * outbox first and again after each round, until nothing is due. For tests and one-off catch-up;
   * returns how many jobs ran (failed runs included).
   */
  runDueJobs(options?: { asOf?: Date; maxRuns?: number }): Promise<number>;
  /** Turns undelivered notifications into subscriber jobs; returns how many notifications it took. */
  relayNotifications(): Promise<number>;
  list(query: JobListQuery): Promise<JobRecord[]>;
  get(jobId: string): Promise<JobRecord | null>;
};

export type JobRunnerOptions<Deps> = {
  database: DatabaseHandle;
  clock: Clock;
  // biome-ignore lint/suspicious/noExplicitAny: each definition checks its own payload with zod
  definitions: readonly JobDefinition<any, Deps>[];
  subscribers: readonly NotificationSubscriber<Deps>[];
  /** What handlers get; a function because the desk that owns the runner is built after it. */
  deps: () => Deps;
  pollingIntervalSeconds?: number;
  /** Jobs one poll of a queue takes at most. */
  batchSize?: number;
  /** Hears failed runs and pg-boss's own errors; once started, the default writes one line to stderr. */
  onError?: (error: unknown) => void;
};

const schemaName = "pgboss";
const defaultRetryLimit = 3;
const defaultRetryDelaySeconds = 10;
const subscriberRetryLimit = 5;
const relayBatchSize = 200;
// A queue's worker takes up to a batch per poll: with fast handlers, batch / interval is its ceiling
// (bench/jobs.ts on Postgres: about 1,100 timers/s at 500 per 0.5 s), and half the interval is the mean lag.
export const defaultPollingIntervalSeconds = 0.5;
export const defaultBatchSize = 500;
const maintenanceIntervalSeconds = 60;
// pg-boss deletes a job that is still waiting this long after its run time; ours wait on purpose.
const keepAfterRunAtDays = 30;
const dayMilliseconds = 24 * 60 * 60 * 1000;

type Handler = {
  retryLimit: number;
  retryDelaySeconds: number;
  run(payload: unknown): Promise<void>;
};

/** The queue a subscriber's deliveries go to. */
export function subscriberQueueName(subscriberName: string): string {
  return `notify.${subscriberName}`;
}

/**
 * The durable job runner: pg-boss over the desk's own database (PGlite through a small SQL adapter,
 * or the Postgres pool). Every run time comes from the desk clock, so a test clock decides what is
 * due (`runDueJobs`), while in production pg-boss's own polling runs jobs once they are due.
 */
export function createJobRunner<Deps>(options: JobRunnerOptions<Deps>): JobRunner {
  const session = sqlSessionOf(options.database);
  const handlers = new Map<string, Handler>();
  for (const definition of options.definitions) {
    addHandler(handlers, definition.name, {
      retryLimit: definition.retryLimit ?? defaultRetryLimit,
      retryDelaySeconds: definition.retryDelaySeconds ?? defaultRetryDelaySeconds,
      run: async (payload) => {
        const parsed = definition.payload.safeParse(payload);
        if (!parsed.success) {
          throw new DeskError(
            "invalid_input",
            `Job ${definition.name} got a payload it cannot use: ${parsed.error.message}`,
          );
        }
        await definition.handle(parsed.data, options.deps());
      },
    });
  }
  for (const subscriber of options.subscribers) {
    addHandler(handlers, subscriberQueueName(subscriber.name), {
      retryLimit: subscriberRetryLimit,
      retryDelaySeconds: defaultRetryDelaySeconds,
      run: async (payload) => subscriber.handle(toNotification(payload), options.deps()),
    });
  }
  const queueNames = [...handlers.keys()];

  let boss: PgBoss | null = null;
  let starting: Promise<PgBoss> | null = null;
  let relayTimer: NodeJS.Timeout | null = null;
  let maintenanceTimer: NodeJS.Timeout | null = null;
  let relaying: Promise<number> | null = null;
  let stopped = false;
  let polling = false;
  const report = (error: unknown, what = "job runner") => {
    if (options.onError) options.onError(error);
    else if (polling) process.stderr.write(`${what}: ${describeError(error).message}\n`);
  };

  const ready = (): Promise<PgBoss> => {
    if (stopped) return Promise.reject(new DeskError("unavailable", "The job runner is stopped."));
    if (boss) return Promise.resolve(boss);
    starting ??= (async () => {
      const instance = new PgBoss({
        db: session as never,
        schema: schemaName,
        supervise: false,
        schedule: false,
        migrate: true,
      });
      instance.on("error", (error) => report(error));
      await oneStartAtATime(options.database, session, async () => {
        await instance.start();
        await createMissingQueues(session, instance, handlers);
      });
      boss = instance;
      return instance;
    })();
    starting.catch(() => {
      starting = null;
    });
    return starting;
  };

  const send = async (
    executor: SqlExecutor | null,
    name: string,
    payload: Record<string, unknown>,
    sendOptions: { runAt?: Date; singletonKey?: string; retryLimit?: number },
  ): Promise<string | null> => {
    const handler = handlers.get(name);
    if (!handler) throw new DeskError("invalid_input", `There is no job named ${name}; add it to jobs/registry.ts.`);
    const instance = await ready();
    const runAt = sendOptions.runAt ?? options.clock.now();
    return instance.send(name, payload, {
      startAfter: runAt,
      // The stately policy keeps one waiting job per key; a key of its own for every other job.
      singletonKey: sendOptions.singletonKey ?? randomUUID(),
      retryLimit: sendOptions.retryLimit ?? handler.retryLimit,
      retryDelay: handler.retryDelaySeconds,
      retryBackoff: true,
      keepUntil: new Date(runAt.getTime() + keepAfterRunAtDays * dayMilliseconds).toISOString(),
      ...(executor ? { db: executor as never } : {}),
    } as PgBoss.SendOptions);
  };

  const relayNotifications = async (): Promise<number> => {
    await ready();
    let total = 0;
    for (;;) {
      const taken = await session.transaction(async (transaction) => {
        const { rows } = await transaction.executeSql(
          `select id, workspace_id, kind, ticket_id, payload, created_at from notifications
            where delivered_at is null order by id limit $1 for update skip locked`,
          [relayBatchSize],
        );
        if (rows.length === 0) return 0;
        const now = options.clock.now();
        for (const row of rows) {
          const notification = fromRow(row);
          for (const subscriber of options.subscribers) {
            if (!subscriber.kinds.includes(notification.kind)) continue;
            await send(transaction, subscriberQueueName(subscriber.name), serialiseNotification(notification), {
              runAt: now,
              singletonKey: `notification:${notification.id}`,
            });
          }
        }
        await transaction.executeSql("update notifications set delivered_at = $1 where id = any($2::bigint[])", [
          now,
          rows.map((row) => String(row.id)),
        ]);
        return rows.length;
      });
      total += taken;
      if (taken < relayBatchSize) return total;
    }
  };

  const relayOnce = (): Promise<number> => {
    relaying ??= relayNotifications().finally(() => {
      relaying = null;
    });
    return relaying;
  };

  /** Runs a claimed job; true when it succeeded (the caller completes it), false when it was failed. */
  const runOne = async (instance: PgBoss, job: ClaimedJob, asOf: Date | null): Promise<boolean> => {
    const handler = handlers.get(job.name);
    try {
      if (!handler) throw new Error(`no handler for job ${job.name}`);
      await handler.run(job.data);
      return true;
    } catch (error) {
      // A handler that schedules more work while the runner stops is failed and retried after the
      // next start; saying so once per job would bury everything else the process printed.
      if (!stopped) report(error, job.name);
      if (asOf) await failAsOf(session, job, error, asOf);
      else await instance.fail(job.name, job.id, describeError(error));
      return false;
    }
  };

  return {
    schedule: (name, payload, scheduleOptions = {}) => send(null, name, payload, scheduleOptions),

    async cancel(name, jobId) {
      const instance = await ready();
      const { rows } = await session.executeSql(
        `update ${schemaName}.job set state = 'cancelled', completed_on = now()
          where name = $1 and id = $2::uuid and state < 'active' returning id`,
        [name, jobId],
      );
      void instance;
      return rows.length > 0;
    },

    async start() {
      const instance = await ready();
      polling = true;
      const pollingIntervalSeconds = options.pollingIntervalSeconds ?? defaultPollingIntervalSeconds;
      const batchSize = options.batchSize ?? defaultBatchSize;
      for (const name of queueNames) {
        await instance.work(name, { pollingIntervalSeconds, batchSize }, async (jobs) => {
          // One by one, so that a failing job is retried alone; the others are completed together.
          const succeeded: string[] = [];
          for (const job of jobs) {
            if (await runOne(instance, { id: job.id, name: job.name, data: job.data }, null)) succeeded.push(job.id);
          }
          if (succeeded.length > 0) await instance.complete(name, succeeded);
        });
      }
      relayTimer = setInterval(() => {
        relayOnce().catch((error) => report(error, "outbox relay"));
      }, pollingIntervalSeconds * 1000);
      relayTimer.unref();
      // pg-boss's maintenance: a job left active by a process that died is retried once it expires
      // (15 minutes), and finished jobs are archived after 12 hours and dropped after 7 days.
      const maintain = () => {
        instance.maintain().catch((error: unknown) => report(error, "job maintenance"));
      };
      maintain();
      maintenanceTimer = setInterval(maintain, maintenanceIntervalSeconds * 1000);
      maintenanceTimer.unref();
    },

    async stop() {
      if (relayTimer) clearInterval(relayTimer);
      if (maintenanceTimer) clearInterval(maintenanceTimer);
      relayTimer = null;
      maintenanceTimer = null;
      await relaying?.catch(() => {});
      const instance = boss ?? (await starting?.catch(() => null));
      stopped = true;
      if (instance) await instance.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
    },

    async runDueJobs(runOptions = {}) {
      const instance = await ready();
      const maxRuns = runOptions.maxRuns ?? 10_000;
      let runs = 0;
      for (;;) {
        await relayOnce();
        const asOf = runOptions.asOf ?? options.clock.now();
        const job = await claimDue(session, queueNames, asOf);
        if (!job) return runs;
        if (await runOne(instance, job, asOf)) await instance.complete(job.name, job.id);
        runs += 1;
        if (runs >= maxRuns) return runs;
      }
    },

    relayNotifications: async () => {
      await ready();
      return relayOnce();
    },

    async list(query) {
      await ready();
      return listJobs(session, query);
    },

    async get(jobId) {
      await ready();
      const { rows } = await session.executeSql(`${selectJobs} where id = $1::uuid`, [jobId]);
      return rows[0] ? toJobRecord(rows[0]) : null;
    },
  };
}

const startsByDatabase = new WeakMap<object, Promise<unknown>>();

// Two runners in one process over one database (tests, or two desks on one PGlite) would otherwise
// both find pg-boss's schema missing and race to create it.
// Two desk processes on one Postgres race too (pg-boss's create_queue deadlocks): a transaction-scoped
// advisory lock, held on a connection of its own while the start runs on the pool's others.
const startLockKey = 727_003;

async function oneStartAtATime(
  database: DatabaseHandle,
  session: SqlSession,
  start: () => Promise<void>,
): Promise<void> {
  const key = database.db as object;
  const previous = startsByDatabase.get(key) ?? Promise.resolve();
  const acrossProcesses = () =>
    session.transaction(async (lock) => {
      await lock.executeSql("select pg_advisory_xact_lock($1)", [startLockKey]);
      await start();
    });
  const next = previous.catch(() => {}).then(database.kind === "postgres" ? acrossProcesses : start);
  startsByDatabase.set(key, next);
  await next;
}

function addHandler(handlers: Map<string, Handler>, name: string, handler: Handler): void {
  if (handlers.has(name)) throw new Error(`two jobs are named ${name}; job names must be unique`);
  handlers.set(name, handler);
}

async function createMissingQueues(session: SqlSession, boss: PgBoss, handlers: Map<string, Handler>): Promise<void> {
  const { rows } = await session.executeSql(`select name from ${schemaName}.queue`);
  const existing = new Set(rows.map((row) => String(row.name)));
  for (const [name, handler] of handlers) {
    if (existing.has(name)) continue;
    try {
      await boss.createQueue(name, {
        name,
        policy: "stately",
        retryLimit: handler.retryLimit,
        retryDelay: handler.retryDelaySeconds,
        retryBackoff: true,
      });
    } catch (error) {
      // Another desk process created it at the same moment.
      if (!/duplicate key|already exists/i.test(describeError(error).message)) throw error;
    }
  }
}

type ClaimedJob = { id: string; name: string; data: unknown };

// The same claim pg-boss's fetch makes, but "due" means due as of the desk clock, not the database's.
async function claimDue(session: SqlSession, names: string[], asOf: Date): Promise<ClaimedJob | null> {
  const { rows } = await session.executeSql(
    `with next as (
       select name, id from ${schemaName}.job
        where name = any($1::text[]) and state < 'active' and start_after <= $2
        order by start_after, created_on, id
        limit 1
        for update skip locked
     )
     update ${schemaName}.job j set state = 'active', started_on = now(),
       retry_count = case when j.started_on is not null then j.retry_count + 1 else j.retry_count end
       from next where j.name = next.name and j.id = next.id
     returning j.id, j.name, j.data`,
    [names, asOf],
  );
  const row = rows[0];
  return row ? { id: String(row.id), name: String(row.name), data: row.data } : null;
}

// pg-boss's failure rule (retry while attempts are left, with exponential backoff, else failed),
// counted from `asOf` and without jitter so that a test clock can reach the retry.
async function failAsOf(session: SqlSession, job: ClaimedJob, error: unknown, asOf: Date): Promise<void> {
  await session.executeSql(
    `update ${schemaName}.job set
       state = case when retry_count < retry_limit then 'retry' else 'failed' end::${schemaName}.job_state,
       start_after = case when retry_count < retry_limit
         then $3::timestamptz + (case when retry_backoff then retry_delay * 2 ^ least(16, retry_count + 1) / 2
                                      else retry_delay end) * interval '1 second'
         else start_after end,
       completed_on = case when retry_count < retry_limit then null else now() end,
       output = $4::jsonb
     where name = $1 and id = $2::uuid and state = 'active'`,
    [job.name, job.id, asOf, JSON.stringify(describeError(error))],
  );
}

function describeError(error: unknown): { message: string } {
  return { message: error instanceof Error ? error.message : String(error) };
}

const selectJobs = `select id, name, state, data, start_after, retry_count, retry_limit, started_on, output,
    created_on, completed_on from ${schemaName}.job`;

const stateNames: Record<JobState, string> = {
  pending: "created",
  active: "active",
  completed: "completed",
  failed: "failed",
  retried: "retry",
  cancelled: "cancelled",
};

async function listJobs(session: SqlSession, query: JobListQuery): Promise<JobRecord[]> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (query.workspaceId !== undefined) {
    values.push(query.workspaceId);
    conditions.push(`data->>'workspaceId' = $${values.length}`);
  }
  if (query.state?.length) {
    values.push(query.state.map((state) => stateNames[state]));
    conditions.push(`state::text = any($${values.length}::text[])`);
  }
  if (query.name !== undefined) {
    values.push(query.name);
    conditions.push(`name = $${values.length}`);
  }
  values.push(query.limit);
  const where = conditions.length ? `where ${conditions.join(" and ")}` : "";
  const { rows } = await session.executeSql(
    `${selectJobs} ${where} order by start_after desc, created_on desc limit $${values.length}`,
    values,
  );
  return rows.map(toJobRecord);
}

function toJobRecord(row: Record<string, unknown>): JobRecord {
  const state = String(row.state);
  const output = row.output as { message?: unknown } | null;
  const failedOrRetried = state === "failed" || state === "retry";
  return {
    id: String(row.id),
    name: String(row.name),
    state: (Object.entries(stateNames).find(([, value]) => value === state)?.[0] ?? "pending") as JobState,
    payload: (row.data ?? {}) as Record<string, unknown>,
    runAt: new Date(row.start_after as string),
    attempts: Number(row.retry_count) + (row.started_on ? 1 : 0),
    retryLimit: Number(row.retry_limit),
    lastError: failedOrRetried && typeof output?.message === "string" ? output.message : null,
    createdAt: new Date(row.created_on as string),
    finishedAt: row.completed_on ? new Date(row.completed_on as string) : null,
  };
}

function fromRow(row: Record<string, unknown>): DeskNotification {
  return {
    id: Number(row.id),
    workspaceId: String(row.workspace_id),
    kind: String(row.kind),
    ticketId: row.ticket_id === null ? null : String(row.ticket_id),
    payload: (row.payload ?? {}) as Record<string, unknown>,
    createdAt: new Date(row.created_at as string),
  };
}

function serialiseNotification(notification: DeskNotification): Record<string, unknown> {
  return { ...notification, createdAt: notification.createdAt.toISOString() };
}

function toNotification(payload: unknown): DeskNotification {
  const value = payload as Record<string, unknown>;
  return {
    id: Number(value.id),
    workspaceId: String(value.workspaceId),
    kind: String(value.kind),
    ticketId: value.ticketId === null || value.ticketId === undefined ? null : String(value.ticketId),
    payload: (value.payload ?? {}) as Record<string, unknown>,
    createdAt: new Date(String(value.createdAt)),
  };
}
