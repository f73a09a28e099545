import { customerIdentitiesKey } from "../core/snapshot/snapshot-schema.ts";

/** The ways of reaching a customer that identify them across channels. */
export type CustomerIdentity = { kind: string; value: string };

export function identitiesOf(customer: {
  email?: string | null;
  phone?: string | null;
  handles?: Record<string, string> | null;
}): CustomerIdentity[] {
  const identities: CustomerIdentity[] = [];
  if (customer.email) identities.push({ kind: "email", value: normaliseEmail(customer.email) });
  if (customer.phone) identities.push({ kind: "phone", value: normalisePhone(customer.phone) });
  for (const [channel, handle] of Object.entries(customer.handles ?? {})) {
    if (handle.trim()) identities.push({ kind: `handle:${channel.toLowerCase()}`, value: handle.trim().toLowerCase() });
  }
  return identities;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return digits.startsWith("00") ? `+${digits.slice(2)}` : digits;
}

/** What a snapshot's customer says about how to reach them. */
export type SnapshotContact = {
  email?: string | null;
  phone?: string | null;
  handles?: Record<string, string> | null;
  attributes?: Record<string, unknown> | null;
};

/**
 * A customer's stored identities as the snapshot format can hold them: a handle on a channel the
 * customer's handles do not name yet joins the handles; every other identity beyond the main email,
 * phone and handles (a second address, a second number on one channel) goes into the customer's
 * attributes under `customerIdentitiesKey`, sorted, so that import can restore it.
 */
export function identitiesForSnapshot(
  customer: SnapshotContact,
  stored: readonly CustomerIdentity[],
): { handles: Record<string, string> | null; attributes: Record<string, unknown> | null } {
  const covered = new Set(identitiesOf(customer).map(identityKey));
  const handles: Record<string, string> = { ...(customer.handles ?? {}) };
  const channelsNamed = new Set(Object.keys(handles).map((channel) => channel.toLowerCase()));
  const more: CustomerIdentity[] = [];
  for (const identity of [...stored].sort(compareIdentities)) {
    if (covered.has(identityKey(identity))) continue;
    const channel = identity.kind.startsWith("handle:") ? identity.kind.slice("handle:".length) : null;
    if (channel && !channelsNamed.has(channel)) {
      handles[channel] = identity.value;
      channelsNamed.add(channel);
    } else {
      more.push({ kind: identity.kind, value: identity.value });
    }
  }
  const attributes =
    more.length > 0 ? { ...(customer.attributes ?? {}), [customerIdentitiesKey]: more } : (customer.attributes ?? null);
  return { handles: Object.keys(handles).length > 0 ? handles : (customer.handles ?? null), attributes };
}

/**
 * The other way: a snapshot customer's identities (main email and phone, handles and those kept in
 * its attributes) and its attributes without that key. A snapshot from before the key imports as it did.
 */
export function identitiesFromSnapshot(customer: SnapshotContact): {
  identities: CustomerIdentity[];
  attributes: Record<string, unknown> | null;
} {
  const { [customerIdentitiesKey]: kept, ...rest } = customer.attributes ?? {};
  const more = Array.isArray(kept) ? kept.filter(isIdentity).map(normaliseIdentity) : [];
  const seen = new Set<string>();
  const identities = [...identitiesOf(customer), ...more].filter((identity) => {
    const key = identityKey(identity);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (kept === undefined) return { identities, attributes: customer.attributes ?? null };
  return { identities, attributes: Object.keys(rest).length > 0 ? rest : null };
}

function normaliseIdentity(identity: CustomerIdentity): CustomerIdentity {
  if (identity.kind === "email") return { kind: "email", value: normaliseEmail(identity.value) };
  if (identity.kind === "phone") return { kind: "phone", value: normalisePhone(identity.value) };
  return { kind: identity.kind.toLowerCase(), value: identity.value.trim().toLowerCase() };
}

function isIdentity(value: unknown): value is CustomerIdentity {
  const candidate = value as { kind?: unknown; value?: unknown } | null;
  return typeof candidate?.kind === "string" && typeof candidate.value === "string" && candidate.value.trim() !== "";
}

function identityKey(identity: CustomerIdentity): string {
  return `${identity.kind}\u0000${identity.value}`;
}

function compareIdentities(left: CustomerIdentity, right: CustomerIdentity): number {
  return identityKey(left) < identityKey(right) ? -1 : identityKey(left) > identityKey(right) ? 1 : 0;
}
