/**
 * Customers to reach out to before they leave, by the rules of spec/service-levels.md ("Proactive
 * outreach: who is at risk"), each with the reasons that put them on the list. Pure: the store
 * gathers the facts, this decides.
 */

export type AtRiskReasonKind = "repeat_contacts" | "low_csat" | "unresolved" | "open_escalation" | "frustration";

export type AtRiskReason = { kind: AtRiskReasonKind; text: string; ticketIds: string[] };

export type CustomerRiskFacts = {
  customerId: string;
  name: string;
  email: string | null;
  plan: string | null;
  /** Tickets created in the last 30 days, newest first. */
  recentTicketIds: string[];
  /** The lowest score received in the last 7 days, with its ticket. */
  lowestRecentCsat: { score: number; ticketId: string } | null;
  /** Tickets not solved or closed, with when they were opened. */
  unresolved: { ticketId: string; createdAt: Date; escalated: boolean; frustration: number | null }[];
};

export type AtRiskCustomer = {
  customerId: string;
  name: string;
  email: string | null;
  plan: string | null;
  reasons: AtRiskReason[];
};

export const atRiskRules = {
  /** "more than 2 tickets in the last 30 days" */
  repeatContactsAbove: 2,
  /** "a CSAT of 3 or less in the last 7 days" */
  lowCsatAtMost: 3,
  /** "a ticket unresolved for more than 48 hours" */
  unresolvedHours: 48,
  /** The responder's frustration (0–1) from which a customer counts as frustrated. */
  frustrationFrom: 0.6,
};

const hour = 3_600_000;

export function atRiskReasons(facts: CustomerRiskFacts, now: Date): AtRiskReason[] {
  const reasons: AtRiskReason[] = [];
  if (facts.recentTicketIds.length > atRiskRules.repeatContactsAbove) {
    reasons.push({
      kind: "repeat_contacts",
      text: `${facts.recentTicketIds.length} tickets in the last 30 days`,
      ticketIds: facts.recentTicketIds,
    });
  }
  if (facts.lowestRecentCsat && facts.lowestRecentCsat.score <= atRiskRules.lowCsatAtMost) {
    reasons.push({
      kind: "low_csat",
      text: `rated ${facts.lowestRecentCsat.score}/5 in the last 7 days`,
      ticketIds: [facts.lowestRecentCsat.ticketId],
    });
  }
  const stale = facts.unresolved.filter(
    (ticket) => now.getTime() - ticket.createdAt.getTime() > atRiskRules.unresolvedHours * hour,
  );
  if (stale.length > 0) {
    const oldest = Math.max(...stale.map((ticket) => now.getTime() - ticket.createdAt.getTime()));
    reasons.push({
      kind: "unresolved",
      text: `${stale.length === 1 ? "a ticket" : `${stale.length} tickets`} unresolved for more than ${atRiskRules.unresolvedHours} hours (the oldest ${Math.floor(oldest / hour)} h)`,
      ticketIds: stale.map((ticket) => ticket.ticketId),
    });
  }
  const escalated = facts.unresolved.filter((ticket) => ticket.escalated);
  if (escalated.length > 0) {
    reasons.push({
      kind: "open_escalation",
      text: `${escalated.length === 1 ? "an escalation" : `${escalated.length} escalations`} still open`,
      ticketIds: escalated.map((ticket) => ticket.ticketId),
    });
  }
  const frustrated = facts.unresolved.filter(
    (ticket) => ticket.frustration !== null && ticket.frustration >= atRiskRules.frustrationFrom,
  );
  if (frustrated.length > 0) {
    const highest = Math.max(...frustrated.map((ticket) => ticket.frustration as number));
    reasons.push({
      kind: "frustration",
      text: `frustration detected by the responder (${Math.round(highest * 100)}%)`,
      ticketIds: frustrated.map((ticket) => ticket.ticketId),
    });
  }
  return reasons;
}

/** Everyone with at least one reason, most reasons first, then by name. */
export function atRiskCustomers(customers: readonly CustomerRiskFacts[], now: Date): AtRiskCustomer[] {
  return customers
    .map((facts) => ({
      customerId: facts.customerId,
      name: facts.name,
      email: facts.email,
      plan: facts.plan,
      reasons: atRiskReasons(facts, now),
    }))
    .filter((customer) => customer.reasons.length > 0)
    .sort(
      (left, right) =>
        right.reasons.length - left.reasons.length ||
        left.name.localeCompare(right.name) ||
        left.customerId.localeCompare(right.customerId),
    );
}
