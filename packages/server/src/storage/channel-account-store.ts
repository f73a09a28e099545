import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { ChannelAccount, ChannelAccountStore } from "../core/ports.ts";
import type { ChannelName } from "../core/snapshot/snapshot-schema.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type ChannelAccountRow = typeof schema.channelAccounts.$inferSelect;

export function createChannelAccountStore(db: Database): ChannelAccountStore {
  return {
    async list(workspaceId) {
      const rows = await db
        .select()
        .from(schema.channelAccounts)
        .where(eq(schema.channelAccounts.workspaceId, workspaceId))
        .orderBy(asc(schema.channelAccounts.seq));
      return rows.map(toChannelAccount);
    },

    async get(workspaceId, accountId) {
      const row = await findRow(db, accountId);
      return row && row.workspaceId === workspaceId ? toChannelAccount(row) : null;
    },

    async load(accountId) {
      const row = await findRow(db, accountId);
      return row ? { ...toChannelAccount(row), secrets: { ...row.secrets } } : null;
    },

    async create(workspaceId, account, at) {
      // Unguessable, because the id is part of the public webhook URL.
      const id = `ch_${randomBytes(12).toString("base64url")}`;
      const [row] = await db
        .insert(schema.channelAccounts)
        .values({
          id,
          workspaceId,
          channel: account.channel,
          provider: account.provider,
          name: account.name,
          settings: withoutEmpty(account.settings),
          secrets: withoutEmpty(account.secrets),
          enabled: account.enabled,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      return toChannelAccount(row);
    },

    async update(workspaceId, accountId, patch, at) {
      return db.transaction(async (transaction) => {
        const [current] = await transaction
          .select()
          .from(schema.channelAccounts)
          .where(and(eq(schema.channelAccounts.id, accountId), eq(schema.channelAccounts.workspaceId, workspaceId)))
          .for("update");
        if (!current) return null;
        const [row] = await transaction
          .update(schema.channelAccounts)
          .set({
            name: patch.name ?? current.name,
            enabled: patch.enabled ?? current.enabled,
            settings: withoutEmpty({ ...current.settings, ...patch.settings }),
            secrets: withoutEmpty({ ...current.secrets, ...patch.secrets }),
            updatedAt: at,
          })
          .where(eq(schema.channelAccounts.id, accountId))
          .returning();
        return row ? toChannelAccount(row) : null;
      });
    },

    async delete(workspaceId, accountId) {
      const rows = await db
        .delete(schema.channelAccounts)
        .where(and(eq(schema.channelAccounts.id, accountId), eq(schema.channelAccounts.workspaceId, workspaceId)))
        .returning({ id: schema.channelAccounts.id });
      return rows.length > 0;
    },

    async lastCustomerMessageAt(workspaceId, ticketId) {
      const [row] = await db
        .select({ at: schema.messages.at })
        .from(schema.messages)
        .where(
          and(
            eq(schema.messages.workspaceId, workspaceId),
            eq(schema.messages.ticketId, ticketId),
            eq(schema.messages.author, "customer"),
          ),
        )
        .orderBy(desc(schema.messages.position))
        .limit(1);
      return row?.at ?? null;
    },

    async lastConversationMessage(accountId, conversation) {
      const [row] = await db
        .select({ externalId: schema.channelConversations.lastExternalId })
        .from(schema.channelConversations)
        .where(
          and(
            eq(schema.channelConversations.accountId, accountId),
            eq(schema.channelConversations.conversation, conversation),
          ),
        );
      return row?.externalId ?? null;
    },

    async rememberConversationMessage(accountId, conversation, externalId, at) {
      await db
        .insert(schema.channelConversations)
        .values({ accountId, conversation, lastExternalId: externalId, lastAt: at })
        .onConflictDoUpdate({
          target: [schema.channelConversations.accountId, schema.channelConversations.conversation],
          set: { lastExternalId: externalId, lastAt: at },
          // Deliveries can arrive out of order: an older message must not become the newest.
          setWhere: sql`${schema.channelConversations.lastAt} <= excluded.last_at`,
        });
    },
  };
}

async function findRow(db: Database, accountId: string): Promise<ChannelAccountRow | null> {
  const [row] = await db.select().from(schema.channelAccounts).where(eq(schema.channelAccounts.id, accountId));
  return row ?? null;
}

function withoutEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ""));
}

function toChannelAccount(row: ChannelAccountRow): ChannelAccount {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    channel: row.channel as ChannelName,
    provider: row.provider,
    name: row.name,
    settings: { ...row.settings },
    secretNames: Object.keys(row.secrets).sort(),
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
