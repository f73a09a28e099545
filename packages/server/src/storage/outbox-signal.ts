import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { OutboxSignal } from "../core/ports.ts";
import type { DatabaseHandle } from "./database.ts";

/** The channel the notifications table's trigger (migration 0003) announces new rows on. */
export const outboxChannel = "responder_outbox";
const reconnectDelayMs = 1_000;

/**
 * LISTEN on the outbox channel: PGlite delivers its own notifications in process; on a Postgres
 * server one connection of its own (outside the pool) listens, and reconnects after it is dropped,
 * waking the listeners once then because rows may have been missed meanwhile.
 */
export function createOutboxSignal(
  database: DatabaseHandle,
  options: { onError?: (error: unknown) => void } = {},
): OutboxSignal {
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === "pglite") {
    return {
      async subscribe(listener) {
        const stop = await (client as PGlite).listen(outboxChannel, () => listener());
        return async () => {
          await stop().catch(() => {});
        };
      },
    };
  }
  const poolOptions = (client as pg.Pool).options;
  return {
    subscribe: (listener) => listenOnServer(poolOptions, listener, options.onError ?? (() => {})),
  };
}

async function listenOnServer(
  connection: pg.PoolConfig,
  listener: () => void,
  onError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    const { max: _max, idleTimeoutMillis: _idle, ...clientOptions } = connection as pg.PoolConfig;
    const next = new pg.Client(clientOptions);
    next.on("notification", () => listener());
    next.on("error", (error) => {
      onError(error);
      dropped(next);
    });
    next.on("end", () => dropped(next));
    await next.connect();
    await next.query(`listen ${outboxChannel}`);
    if (stopped) {
      await next.end().catch(() => {});
      return;
    }
    current = next;
  };
  const dropped = (client: pg.Client) => {
    if (stopped || current !== client) return;
    current = null;
    scheduleReconnect();
  };
  const scheduleReconnect = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      connect()
        .then(() => listener())
        .catch((error) => {
          onError(error);
          scheduleReconnect();
        });
    }, reconnectDelayMs);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const client = current;
    current = null;
    await client?.end().catch(() => {});
  };
}
