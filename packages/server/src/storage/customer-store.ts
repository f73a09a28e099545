import { randomUUID } from "node:crypto";
import { and, desc, eq, ilike, lt, or, sql } from "drizzle-orm";
import type { AccountEvent, Customer, CustomerReference } from "../core/customers/customer.ts";
import { DeskError } from "../core/errors.ts";
import type { CustomerStore } from "../core/ports.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { identitiesOf, normaliseEmail, normalisePhone } from "./customer-identities.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

type CustomerRow = typeof schema.customers.$inferSelect;

export function createCustomerStore(db: Database): CustomerStore {
  const find = async (workspaceId: string, customerId: string) => {
    const [row] = await db
      .select()
      .from(schema.customers)
      .where(and(eq(schema.customers.workspaceId, workspaceId), eq(schema.customers.id, customerId)));
    return row ? toCustomer(row) : null;
  };

  // Every message from a known address looks its sender up: one prepared join, parsed once per connection.
  const customerByIdentity = db
    .select({ customer: schema.customers })
    .from(schema.customerIdentities)
    .innerJoin(
      schema.customers,
      and(
        eq(schema.customers.workspaceId, schema.customerIdentities.workspaceId),
        eq(schema.customers.id, schema.customerIdentities.customerId),
      ),
    )
    .where(
      and(
        eq(schema.customerIdentities.workspaceId, sql.placeholder("workspaceId")),
        eq(schema.customerIdentities.kind, sql.placeholder("kind")),
        eq(schema.customerIdentities.value, sql.placeholder("value")),
      ),
    )
    .prepare("customer_store_by_identity");
  const findByIdentity = async (workspaceId: string, kind: string, value: string) => {
    const [row] = await customerByIdentity.execute({ workspaceId, kind, value });
    return row ? toCustomer(row.customer) : null;
  };

  return {
    get: find,

    async resolve(workspaceId, reference: CustomerReference) {
      if (reference.id) {
        const customer = await find(workspaceId, reference.id);
        if (!customer) throw new DeskError("invalid_input", `There is no customer ${reference.id}.`);
        return customer;
      }
      const byEmail = reference.email
        ? await findByIdentity(workspaceId, "email", normaliseEmail(reference.email))
        : null;
      if (byEmail) return byEmail;
      const byPhone = reference.phone
        ? await findByIdentity(workspaceId, "phone", normalisePhone(reference.phone))
        : null;
      if (byPhone) return byPhone;

      return createCustomer(db, workspaceId, reference);
    },

    create: (workspaceId, reference) => createCustomer(db, workspaceId, reference),

    async list(workspaceId, query) {
      const conditions = [eq(schema.customers.workspaceId, workspaceId)];
      if (query.search) {
        const pattern = `%${query.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
        const matches = or(
          ilike(schema.customers.name, pattern),
          ilike(schema.customers.email, pattern),
          ilike(schema.customers.company, pattern),
          ilike(schema.customers.phone, pattern),
        );
        if (matches) conditions.push(matches);
      }
      if (query.cursor !== undefined) conditions.push(lt(schema.customers.seq, decodeCursor(query.cursor)));
      const rows = await db
        .select()
        .from(schema.customers)
        .where(and(...conditions))
        .orderBy(desc(schema.customers.seq))
        .limit(query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toCustomer),
        nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null,
      };
    },

    async accountEvents(workspaceId, customerId, limit): Promise<AccountEvent[]> {
      const rows = await db
        .select()
        .from(schema.accountEvents)
        .where(and(eq(schema.accountEvents.workspaceId, workspaceId), eq(schema.accountEvents.customerId, customerId)))
        .orderBy(desc(schema.accountEvents.at))
        .limit(limit);
      return rows.map((row) => ({
        id: row.id,
        customerId: row.customerId,
        at: row.at,
        type: row.type,
        data: row.data,
      }));
    },
  };
}

async function createCustomer(
  db: Database,
  workspaceId: string,
  reference: Omit<CustomerReference, "id">,
): Promise<Customer> {
  const customer: Customer = {
    id: `cus_${randomUUID().replaceAll("-", "").slice(0, 16)}`,
    name: reference.name ?? reference.email?.split("@")[0] ?? reference.phone ?? "Unknown",
    email: reference.email ?? null,
    phone: reference.phone ?? null,
    handles: null,
    company: null,
    plan: null,
    language: null,
    attributes: null,
  };
  await insertCustomer(db, workspaceId, customer);
  return customer;
}

/**
 * A new customer, its identities and the customer.created notification as one statement
 * (data-modifying CTEs): atomic on its own, one round trip. Two first messages from one new address
 * at once: the first wins, the other fails on the identity key and its caller retries into the lookup.
 */
async function insertCustomer(db: Database, workspaceId: string, customer: Customer): Promise<void> {
  const newCustomer = db
    .$with("new_customer")
    .as(
      db
        .insert(schema.customers)
        .values({ workspaceId, id: customer.id, name: customer.name, email: customer.email, phone: customer.phone })
        .returning({ id: schema.customers.id }),
    );
  const notification = db.$with("new_notification").as(
    db
      .insert(schema.notifications)
      .values({ workspaceId, kind: "customer.created", ticketId: null, payload: { customerId: customer.id, customer } })
      .returning({ id: schema.notifications.id }),
  );
  const identities = identitiesOf({ email: customer.email, phone: customer.phone });
  if (identities.length === 0) {
    await db.with(newCustomer, notification).select().from(newCustomer);
    return;
  }
  const newIdentities = db.$with("new_identities").as(
    db
      .insert(schema.customerIdentities)
      .values(identities.map((identity) => ({ workspaceId, ...identity, customerId: customer.id })))
      .returning({ value: schema.customerIdentities.value }),
  );
  await db.with(newCustomer, newIdentities, notification).select().from(newCustomer);
}

/** A customers row as the domain sees it. */
export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    handles: row.handles,
    company: row.company,
    plan: row.plan,
    language: row.language,
    attributes: row.attributes,
  };
}
