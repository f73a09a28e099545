// The audit log of admin actions; re-exported by schema.ts.
import { bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./schema.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One admin action (or sign-in, sign-out, token issue or revoke) and how it ended. `actor` is an
 * agent id, or "admin-token" for the RESPONDER_ADMIN_TOKEN principal, "local-cli" for a command run beside the desk; `action` is the route
 * ("PUT /routing"); `status` is the HTTP status the desk answered with.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetId: text("target_id"),
    at: instant("at").notNull(),
    requestId: text("request_id").notNull(),
    status: integer("status").notNull(),
  },
  (table) => [index("audit_log_workspace").on(table.workspaceId, table.seq)],
);
