import { randomBytes, randomUUID } from "node:crypto";
import { and, arrayContains, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { identitiesOf, normaliseEmail } from "./customer-identities.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

export type WidgetConversation = {
  id: string;
  visitorId: string;
  /** The host app's user id, only when its signature was valid. */
  userId: string | null;
  channel: "chat" | "in_app";
  ticketIds: string[];
  lastExternalId: string | null;
  email: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type WidgetHistoryMessage = {
  id: string;
  ticketId: string;
  at: Date;
  author: string;
  body: string;
  externalId: string | null;
};

export type DeskNotificationRow = {
  id: number;
  workspaceId: string;
  kind: string;
  ticketId: string | null;
  payload: Record<string, unknown>;
};

export type WidgetStore = ReturnType<typeof createWidgetStore>;

/** The handle a verified host-app user is known by among a customer's identities. */
export const appUserHandleProvider = "app";

type ConversationRow = typeof schema.widgetConversations.$inferSelect;

export function createWidgetStore(db: Database) {
  const conversationKey = (workspaceId: string, conversationId: string) =>
    and(eq(schema.widgetConversations.workspaceId, workspaceId), eq(schema.widgetConversations.id, conversationId));

  return {
    /** The workspace's identity secret, made on first use. */
    async identitySecret(workspaceId: string): Promise<string> {
      const [existing] = await db
        .select({ secret: schema.widgetSettings.identitySecret })
        .from(schema.widgetSettings)
        .where(eq(schema.widgetSettings.workspaceId, workspaceId));
      if (existing) return existing.secret;
      await db
        .insert(schema.widgetSettings)
        .values({ workspaceId, identitySecret: randomBytes(32).toString("hex") })
        .onConflictDoNothing();
      const [row] = await db
        .select({ secret: schema.widgetSettings.identitySecret })
        .from(schema.widgetSettings)
        .where(eq(schema.widgetSettings.workspaceId, workspaceId));
      if (!row) throw new Error("the widget settings row was not written");
      return row.secret;
    },

    async rotateIdentitySecret(workspaceId: string, at: Date): Promise<string> {
      const secret = randomBytes(32).toString("hex");
      await db
        .insert(schema.widgetSettings)
        .values({ workspaceId, identitySecret: secret, updatedAt: at })
        .onConflictDoUpdate({
          target: schema.widgetSettings.workspaceId,
          set: { identitySecret: secret, updatedAt: at },
        });
      return secret;
    },

    async conversation(workspaceId: string, conversationId: string): Promise<WidgetConversation | null> {
      const [row] = await db
        .select()
        .from(schema.widgetConversations)
        .where(conversationKey(workspaceId, conversationId));
      return row ? toConversation(row) : null;
    },

    async createConversation(
      workspaceId: string,
      input: { visitorId: string; userId: string | null; channel: "chat" | "in_app"; at: Date },
    ): Promise<WidgetConversation> {
      const [row] = await db
        .insert(schema.widgetConversations)
        .values({
          workspaceId,
          id: `conv_${randomUUID().replaceAll("-", "")}`,
          visitorId: input.visitorId,
          userId: input.userId,
          channel: input.channel,
          createdAt: input.at,
          updatedAt: input.at,
        })
        .returning();
      if (!row) throw new Error("insert returned no conversation");
      return toConversation(row);
    },

    /** Remembers the ticket a visitor message landed on and its id, for threading the next one. */
    async recordInbound(
      workspaceId: string,
      conversationId: string,
      input: { ticketId: string; externalId: string; at: Date },
    ): Promise<void> {
      await db
        .update(schema.widgetConversations)
        .set({
          ticketIds: sql`case when ${input.ticketId} = any(${schema.widgetConversations.ticketIds}) then ${schema.widgetConversations.ticketIds} else array_append(${schema.widgetConversations.ticketIds}, ${input.ticketId}::text) end`,
          lastExternalId: input.externalId,
          updatedAt: input.at,
        })
        .where(conversationKey(workspaceId, conversationId));
    },

    async setEmail(workspaceId: string, conversationId: string, email: string, at: Date): Promise<void> {
      await db
        .update(schema.widgetConversations)
        .set({ email: normaliseEmail(email), updatedAt: at })
        .where(conversationKey(workspaceId, conversationId));
    },

    /** The conversations a ticket belongs to (normally one). */
    async conversationsOfTicket(workspaceId: string, ticketId: string): Promise<WidgetConversation[]> {
      const rows = await db
        .select()
        .from(schema.widgetConversations)
        .where(
          and(
            eq(schema.widgetConversations.workspaceId, workspaceId),
            arrayContains(schema.widgetConversations.ticketIds, [ticketId]),
          ),
        );
      return rows.map(toConversation);
    },

    /** A verified user's conversations, newest first. */
    async conversationsOfUser(workspaceId: string, userId: string, limit: number): Promise<WidgetConversation[]> {
      const rows = await db
        .select()
        .from(schema.widgetConversations)
        .where(
          and(eq(schema.widgetConversations.workspaceId, workspaceId), eq(schema.widgetConversations.userId, userId)),
        )
        .orderBy(desc(schema.widgetConversations.updatedAt))
        .limit(limit);
      return rows.map(toConversation);
    },

    /** The public messages of these tickets, oldest first (internal notes never reach the widget). */
    async publicMessages(workspaceId: string, ticketIds: string[], limit: number): Promise<WidgetHistoryMessage[]> {
      if (ticketIds.length === 0) return [];
      const rows = await db
        .select({
          id: schema.messages.id,
          ticketId: schema.messages.ticketId,
          at: schema.messages.at,
          author: schema.messages.author,
          body: schema.messages.body,
          seq: schema.messages.seq,
          externalId: schema.messages.externalId,
        })
        .from(schema.messages)
        .where(
          and(
            eq(schema.messages.workspaceId, workspaceId),
            inArray(schema.messages.ticketId, ticketIds),
            eq(schema.messages.public, true),
          ),
        )
        .orderBy(desc(schema.messages.at), desc(schema.messages.seq))
        .limit(limit);
      return rows.reverse().map(({ seq: _seq, ...message }) => message);
    },

    /** Gives the ticket's customer the email a visitor left, unless another customer already has it. */
    async addCustomerEmail(workspaceId: string, ticketId: string, email: string): Promise<void> {
      const [ticket] = await db
        .select({ customerId: schema.tickets.customerId })
        .from(schema.tickets)
        .where(and(eq(schema.tickets.workspaceId, workspaceId), eq(schema.tickets.id, ticketId)));
      if (!ticket) return;
      const value = normaliseEmail(email);
      await db.transaction(async (tx) => {
        const inserted = await tx
          .insert(schema.customerIdentities)
          .values({ workspaceId, kind: "email", value, customerId: ticket.customerId })
          .onConflictDoNothing()
          .returning({ value: schema.customerIdentities.value });
        if (inserted.length === 0) return;
        await tx
          .update(schema.customers)
          .set({ email: value })
          .where(
            and(
              eq(schema.customers.workspaceId, workspaceId),
              eq(schema.customers.id, ticket.customerId),
              isNull(schema.customers.email),
            ),
          );
      });
    },

    /** The customer a verified host-app user is, made on first contact. */
    async customerOfAppUser(workspaceId: string, userId: string, name: string | null): Promise<string> {
      const [identity] = identitiesOf({ handles: { [appUserHandleProvider]: userId } });
      if (!identity) throw new Error("an app user id made no identity");
      const find = async () => {
        const [row] = await db
          .select({ customerId: schema.customerIdentities.customerId })
          .from(schema.customerIdentities)
          .where(
            and(
              eq(schema.customerIdentities.workspaceId, workspaceId),
              eq(schema.customerIdentities.kind, identity.kind),
              eq(schema.customerIdentities.value, identity.value),
            ),
          );
        return row?.customerId ?? null;
      };
      const existing = await find();
      if (existing) return existing;
      const id = `cus_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
      try {
        await db.transaction(async (tx) => {
          await tx.insert(schema.customers).values({
            workspaceId,
            id,
            name: name ?? userId,
            handles: { [appUserHandleProvider]: userId },
          });
          await tx.insert(schema.customerIdentities).values({ workspaceId, ...identity, customerId: id });
        });
        return id;
      } catch (error) {
        // Two first contacts at once: the other one made the customer.
        const raced = await find();
        if (raced) return raced;
        throw error;
      }
    },

    async addAccountEvent(
      workspaceId: string,
      event: { customerId: string; type: string; data: Record<string, unknown> | null; at: Date },
    ): Promise<string> {
      const id = `evt_${randomUUID().replaceAll("-", "")}`;
      await db.insert(schema.accountEvents).values({ workspaceId, id, ...event });
      return id;
    },

    /** The newest outbox id: the live feed starts after it. */
    async latestNotificationId(): Promise<number> {
      const [row] = await db
        .select({ id: sql<number>`coalesce(max(${schema.notifications.id}), 0)` })
        .from(schema.notifications);
      return Number(row?.id ?? 0);
    },

    /** Outbox rows after `afterId`, delivered or not (the live feed only reads them). */
    async notificationsAfter(afterId: number, limit: number): Promise<DeskNotificationRow[]> {
      const rows = await db
        .select({
          id: schema.notifications.id,
          workspaceId: schema.notifications.workspaceId,
          kind: schema.notifications.kind,
          ticketId: schema.notifications.ticketId,
          payload: schema.notifications.payload,
        })
        .from(schema.notifications)
        .where(sql`${schema.notifications.id} > ${afterId}`)
        .orderBy(asc(schema.notifications.id))
        .limit(limit);
      return rows.map((row) => ({ ...row, id: Number(row.id) }));
    },
  };
}

function toConversation(row: ConversationRow): WidgetConversation {
  return {
    id: row.id,
    visitorId: row.visitorId,
    userId: row.userId,
    channel: row.channel === "in_app" ? "in_app" : "chat",
    ticketIds: row.ticketIds,
    lastExternalId: row.lastExternalId,
    email: row.email,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
