import { z } from "zod";
import type { SnapshotAgent, SnapshotCustomer, SnapshotTeam } from "../../core/snapshot/snapshot-schema.ts";
import type { ZendeskGroup, ZendeskOrganization, ZendeskUser } from "./zendesk-pages.ts";

/** Stable ids, so that importing the same account again updates rather than duplicates. */
export const zendeskIds = {
  user: (id: number) => `zd-user-${id}`,
  group: (id: number) => `zd-group-${id}`,
  ticket: (id: number) => `zd-${id}`,
  comment: (id: number) => `zd-comment-${id}`,
};

const emailSchema = z.email();

/** Fields with no value (null, "", [], {}) are left out of what is kept. */
export function withoutEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => {
      if (value === null || value === undefined || value === "") return false;
      if (Array.isArray(value)) return value.length > 0;
      if (typeof value === "object") return Object.keys(value).length > 0;
      return true;
    }),
  );
}

export function mapGroups(groups: readonly ZendeskGroup[]): SnapshotTeam[] {
  return groups.map((group) => ({
    id: zendeskIds.group(group.id),
    name: group.name,
    ...(group.deleted ? { attributes: { zendesk: { id: group.id, deleted: true } } } : {}),
  }));
}

export const isAgentRole = (role: string) => role === "agent" || role === "admin";

/**
 * Users: end users become customers (organisation → company and attributes, locale → language),
 * agents and admins become agents (role kept, default group → team). A deleted or suspended user is
 * kept, so that their tickets and comments still have an author, with the state in attributes.
 * An address another user already holds, or that is not a valid address, is kept in attributes only.
 */
export function mapUsers(
  users: readonly ZendeskUser[],
  organizations: readonly ZendeskOrganization[],
  teamIds: ReadonlySet<string>,
): { agents: SnapshotAgent[]; customers: SnapshotCustomer[]; notes: string[] } {
  const organizationsById = new Map(organizations.map((organization) => [organization.id, organization]));
  const agents: SnapshotAgent[] = [];
  const customers: SnapshotCustomer[] = [];
  const takenEmails = new Set<string>();
  const takenAgentEmails = new Set<string>();
  const takenPhones = new Set<string>();
  let placeholderEmails = 0;
  let missingOrganizations = 0;

  for (const user of latestById(users)) {
    const id = zendeskIds.user(user.id);
    const email = user.email?.trim().toLowerCase() || null;
    const validEmail = email && emailSchema.safeParse(email).success ? email : null;
    const state = withoutEmpty({
      id: user.id,
      active: user.active === false ? false : undefined,
      suspended: user.suspended ? true : undefined,
      timeZone: user.iana_time_zone ?? user.time_zone,
      tags: user.tags,
      userFields: withoutEmpty(user.user_fields ?? {}),
    });
    if (isAgentRole(user.role)) {
      let agentEmail = validEmail && !takenAgentEmails.has(validEmail) ? validEmail : null;
      if (!agentEmail) {
        // The desk needs an address for every agent; a deleted agent has none.
        agentEmail = `zendesk-user-${user.id}@deleted.invalid`;
        placeholderEmails += 1;
      }
      takenAgentEmails.add(agentEmail);
      const teamId = user.default_group_id ? zendeskIds.group(user.default_group_id) : undefined;
      agents.push({
        id,
        name: user.name?.trim() || `Zendesk agent ${user.id}`,
        email: agentEmail,
        role: user.role === "admin" ? "admin" : "agent",
        ...(teamId && teamIds.has(teamId) ? { teamId } : {}),
        attributes: withoutEmpty({
          zendesk: withoutEmpty({ ...state, email: agentEmail === email ? undefined : email }),
        }),
      });
      continue;
    }
    const organization = user.organization_id ? organizationsById.get(user.organization_id) : undefined;
    if (user.organization_id && !organization) missingOrganizations += 1;
    const phone = user.phone?.trim() || null;
    const keepsEmail = validEmail !== null && !takenEmails.has(validEmail);
    const keepsPhone = phone !== null && !takenPhones.has(phone);
    if (keepsEmail) takenEmails.add(validEmail);
    if (keepsPhone) takenPhones.add(phone);
    const attributes = withoutEmpty({
      zendesk: withoutEmpty({
        ...state,
        email: email && !keepsEmail ? email : undefined,
        phone: phone && !keepsPhone ? phone : undefined,
      }),
      organization: organization ? organizationAttributes(organization) : undefined,
    });
    customers.push({
      id,
      name: user.name?.trim() || (validEmail ?? `Zendesk user ${user.id}`),
      ...(keepsEmail ? { email: validEmail } : {}),
      ...(keepsPhone ? { phone } : {}),
      ...(organization ? { company: organization.name } : {}),
      ...(user.locale && user.locale.length >= 2 ? { language: user.locale } : {}),
      ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    });
  }
  const notes: string[] = [];
  if (placeholderEmails > 0) {
    notes.push(
      `${placeholderEmails} agents without a usable email address (deleted agents) got a placeholder @deleted.invalid address.`,
    );
  }
  if (missingOrganizations > 0) {
    notes.push(
      `${missingOrganizations} users name an organisation the export does not hold; their company is left empty.`,
    );
  }
  return { agents, customers, notes };
}

function organizationAttributes(organization: ZendeskOrganization): Record<string, unknown> {
  return withoutEmpty({
    id: organization.id,
    name: organization.name,
    domainNames: organization.domain_names,
    tags: organization.tags,
    details: organization.details,
    notes: organization.notes,
    fields: withoutEmpty(organization.organization_fields ?? {}),
  });
}

/** The incremental user export may list a user again after a change: the last one wins, first position kept. */
export function latestById<Item extends { id: number }>(items: readonly Item[]): Item[] {
  const byId = new Map<number, Item>();
  for (const item of items) byId.set(item.id, item);
  return [...byId.values()];
}

/**
 * The workspace's time zone: the one most of the agents work in (Zendesk's `iana_time_zone`, else a
 * `time_zone` that is already an IANA name), UTC when none is known. Reports count months in it.
 */
export function commonTimeZone(users: readonly ZendeskUser[]): string {
  const tally = new Map<string, number>();
  for (const user of users) {
    if (!isAgentRole(user.role)) continue;
    const zone = [user.iana_time_zone, user.time_zone].find((name) => name && isTimeZone(name));
    if (zone) tally.set(zone, (tally.get(zone) ?? 0) + 1);
  }
  const [best] = [...tally.entries()].sort((left, right) => right[1] - left[1] || left[0].localeCompare(right[0]));
  return best?.[0] ?? "UTC";
}

/** The account's name: the subdomain in the records' API addresses (acme in acme.zendesk.com). */
export function accountName(urls: readonly (string | null | undefined)[]): string {
  for (const url of urls) {
    const match = url ? /^https?:\/\/([^./]+)\.zendesk\.com\//i.exec(url) : null;
    if (match?.[1]) return `${match[1]} (Zendesk)`;
  }
  return "Zendesk import";
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
