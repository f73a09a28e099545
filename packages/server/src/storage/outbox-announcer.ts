import { sql } from "drizzle-orm";
import type { Database } from "./database.ts";
import { outboxChannel } from "./outbox-signal.ts";

/**
 * The transaction-local setting with which a statement tells the notifications trigger (migration
 * 0006) that its caller announces the rows itself once they are committed.
 */
export const announcedAfterCommitSetting = "responder.outbox_announced_after_commit";

export type OutboxAnnouncer = {
  /** Wakes the outbox listeners of every process for rows committed before this call. */
  announce(): void;
};

/**
 * Announces committed outbox rows with one NOTIFY at a time, at most one per `quietMs`. Postgres
 * lets only one notifying transaction commit at a time, so a NOTIFY per new ticket queues every
 * create behind the others; here a burst of commits shares one NOTIFY, plus one more for the
 * commits that arrived after it was sent (it may have been read before they were visible), so a
 * row is announced within `quietMs` and a round trip of its commit. A failed NOTIFY is not
 * retried: listeners poll as a fallback and find the rows then.
 */
export function createOutboxAnnouncer(db: Database, { quietMs = 5 }: { quietMs?: number } = {}): OutboxAnnouncer {
  let busy = false;
  let requestedMeanwhile = false;
  const send = () => {
    busy = true;
    requestedMeanwhile = false;
    const sent = db.execute(sql`select pg_notify(${outboxChannel}, '')`).catch(() => {});
    const quiet = new Promise<void>((resolve) => setTimeout(resolve, quietMs).unref());
    void Promise.all([sent, quiet]).then(() => {
      busy = false;
      if (requestedMeanwhile) send();
    });
  };
  return {
    announce() {
      if (busy) requestedMeanwhile = true;
      else send();
    },
  };
}
