// Tables for the channel-accounts area; re-exported by schema.ts.
import { bigserial, boolean, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { workspaces } from "./schema.ts";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// A provider a workspace connected (a WhatsApp number, a Facebook page, a Telegram bot, a Twilio
// number, a generic API endpoint). The id is unique across workspaces because a provider's
// webhook URL names only the account. `secrets` are never returned by the API after creation.
export const channelAccounts = pgTable(
  "channel_accounts",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    channel: text("channel").notNull(),
    provider: text("provider").notNull(),
    name: text("name").notNull(),
    settings: jsonb("settings").$type<Record<string, string>>().notNull().default({}),
    secrets: jsonb("secrets").$type<Record<string, string>>().notNull().default({}),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: instant("created_at").notNull(),
    updatedAt: instant("updated_at").notNull(),
  },
  (table) => [index("channel_accounts_workspace").on(table.workspaceId, table.seq)],
);

// Chat-like providers (WhatsApp, Messenger, Telegram, SMS) send no thread id with a new message:
// the newest message of each conversation (one customer on one account) is what the next one
// threads under.
export const channelConversations = pgTable(
  "channel_conversations",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => channelAccounts.id, { onDelete: "cascade" }),
    conversation: text("conversation").notNull(),
    lastExternalId: text("last_external_id").notNull(),
    lastAt: instant("last_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.accountId, table.conversation] })],
);
