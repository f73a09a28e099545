/**
 * What support tells the product team: the bugs (known issues and the tickets linked to them) and
 * the feature requests, each with how many customers it touches, on which plans, and the totals of
 * their revenue-like attributes (mrr, arr, revenue, seats...), so the team can weigh them.
 */

export type ProductTicket = {
  ticketId: string;
  createdAt: number;
  subject: string | null;
  customerId: string;
  plan: string | null;
  customerAttributes: Record<string, unknown> | null;
};

export type AffectedCustomers = {
  customersAffected: number;
  /** Customers by plan ("(no plan)" when unknown). */
  plans: Record<string, number>;
  /** Sums over the affected customers of each numeric attribute named like revenue, mrr, arr or seats. */
  attributeTotals: Record<string, number>;
};

export type ProductBug = AffectedCustomers & {
  knownIssueId: string;
  title: string;
  status: string;
  ticketsInPeriod: number;
  ticketsTotal: number;
};

export type FeatureRequest = AffectedCustomers & { request: string; tickets: number; ticketIds: string[] };

export type ProductReport = { bugs: ProductBug[]; featureRequests: FeatureRequest[] };

const weighingAttribute = /revenue|mrr|arr|seats|value/i;
export const noPlan = "(no plan)";

export function affectedCustomers(tickets: readonly ProductTicket[]): AffectedCustomers {
  const customers = new Map<string, ProductTicket>();
  for (const ticket of tickets) if (!customers.has(ticket.customerId)) customers.set(ticket.customerId, ticket);
  const plans: Record<string, number> = {};
  const attributeTotals: Record<string, number> = {};
  for (const customer of customers.values()) {
    const plan = customer.plan ?? noPlan;
    plans[plan] = (plans[plan] ?? 0) + 1;
    for (const [name, value] of Object.entries(customer.customerAttributes ?? {})) {
      if (typeof value === "number" && Number.isFinite(value) && weighingAttribute.test(name)) {
        attributeTotals[name] = (attributeTotals[name] ?? 0) + value;
      }
    }
  }
  return { customersAffected: customers.size, plans, attributeTotals };
}

/** "Feature request: a custom fiscal year" and "feature request - Custom fiscal year" are one request. */
export function requestOf(subject: string | null): string {
  const cleaned = (subject ?? "")
    .replace(/^\s*(feature request|idea|suggestion|request)\s*[:\-–—]\s*/i, "")
    .replace(/^(a|an|the)\s+/i, "")
    .trim();
  return cleaned === "" ? "(no subject)" : cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
}

const byWeight = <T extends AffectedCustomers & { title?: string; request?: string }>(left: T, right: T) =>
  right.customersAffected - left.customersAffected ||
  (left.title ?? left.request ?? "").localeCompare(right.title ?? right.request ?? "");

export function productReport(input: {
  period: { start: number; end: number };
  knownIssues: { id: string; title: string; status: string; tickets: ProductTicket[] }[];
  featureRequestTickets: ProductTicket[];
}): ProductReport {
  const inPeriod = (ticket: ProductTicket) =>
    ticket.createdAt >= input.period.start && ticket.createdAt < input.period.end;
  const bugs = input.knownIssues
    .map((issue) => ({
      knownIssueId: issue.id,
      title: issue.title,
      status: issue.status,
      ticketsInPeriod: issue.tickets.filter(inPeriod).length,
      ticketsTotal: issue.tickets.length,
      ...affectedCustomers(issue.tickets),
    }))
    .filter((bug) => bug.ticketsTotal > 0)
    .sort(byWeight);
  const requests = new Map<string, ProductTicket[]>();
  for (const ticket of input.featureRequestTickets.filter(inPeriod)) {
    const request = requestOf(ticket.subject);
    const key = request.toLowerCase();
    const group = requests.get(key);
    if (group) group.push(ticket);
    else requests.set(key, [ticket]);
  }
  const featureRequests = [...requests.values()]
    .map((tickets) => ({
      request: requestOf((tickets[0] as ProductTicket).subject),
      tickets: tickets.length,
      ticketIds: tickets.map((ticket) => ticket.ticketId),
      ...affectedCustomers(tickets),
    }))
    .sort(byWeight);
  return { bugs, featureRequests };
}
