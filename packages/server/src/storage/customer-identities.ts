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
