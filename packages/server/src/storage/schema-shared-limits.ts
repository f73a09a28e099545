// Counters and presence shared by every desk process on one database; re-exported by schema.ts.
import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * The current window of one rate limit's key: it starts with the key's first request and lasts the
 * limit's time window. The key is a hash of the limit's name and the caller (an address, a survey
 * link), so no survey token is stored here.
 */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").primaryKey(),
    windowStart: instant("window_start").notNull(),
    hits: integer("hits").notNull().default(1),
    expiresAt: instant("expires_at").notNull(),
  },
  (table) => [index("rate_limit_windows_expires").on(table.expiresAt)],
);

/**
 * How many agents of a workspace one desk process has connected, as of its last heartbeat. A row
 * whose heartbeat is older than the expiry no longer counts (its process stopped or died).
 */
export const agentPresence = pgTable(
  "agent_presence",
  {
    processId: text("process_id").notNull(),
    workspaceId: text("workspace_id").notNull(),
    agents: integer("agents").notNull(),
    seenAt: instant("seen_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.processId, table.workspaceId] }),
    index("agent_presence_workspace").on(table.workspaceId, table.seenAt),
  ],
);
