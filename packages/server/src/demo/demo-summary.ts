import type { Snapshot, SnapshotTicket } from "../core/snapshot/snapshot-schema.ts";

export type PeriodSummary = {
  volume: number;
  firstResponse: { meanHours: number; medianHours: number; count: number; targetMetPct: number };
  fcrPct: number;
  solvedCount: number;
  csat: { mean: number; count: number };
  openTickets: number;
  escalationRatePct: number;
  channels: Record<string, number>;
  topics: { topic: string; count: number; escalated: number; knownIssueId?: string }[];
};

const isAgentReply = (author: string): boolean => author === "responder" || author.startsWith("agent:");

const statusAt = (ticket: SnapshotTicket, instant: number): string | undefined => {
  if (Date.parse(ticket.createdAt) >= instant) return undefined;
  let status = "new";
  for (const event of ticket.events ?? []) {
    if (event.type === "status_changed" && Date.parse(event.at) < instant && event.to) status = event.to;
  }
  return status;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/**
 * The figures of spec/metrics.md for one period, computed directly from a snapshot, so the demo's story can be
 * checked (and described) without a running desk. `asOf` is "now" for open tickets in an unfinished period.
 */
export const summarizePeriod = (snapshot: Snapshot, start: number, end: number, asOf = end): PeriodSummary => {
  const inPeriod = (instant: string) => {
    const time = Date.parse(instant);
    return time >= start && time < end;
  };
  const slaPolicies = snapshot.workspace.slaPolicies ?? [];
  const created = snapshot.tickets.filter((ticket) => inPeriod(ticket.createdAt));

  const responseHours: number[] = [];
  let targetMet = 0;
  for (const ticket of created) {
    const first = ticket.messages.find((message) => message.public && isAgentReply(message.author));
    if (!first) continue;
    const minutes = (Date.parse(first.at) - Date.parse(ticket.createdAt)) / 60_000;
    responseHours.push(minutes / 60);
    const matching = slaPolicies.filter(
      (policy) =>
        policy.channel === ticket.channel || (policy.priority !== undefined && policy.priority === ticket.priority),
    );
    const target = matching.length > 0 ? Math.min(...matching.map((policy) => policy.firstResponseMinutes)) : 120;
    if (minutes <= target) targetMet++;
  }

  const solved = snapshot.tickets.filter((ticket) =>
    (ticket.events ?? []).some(
      (event) => event.type === "status_changed" && event.to === "solved" && inPeriod(event.at),
    ),
  );
  const resolvedFirst = solved.filter((ticket) => {
    const before = (instant: string) => Date.parse(instant) < end;
    const replies = ticket.messages.filter(
      (message) => message.public && isAgentReply(message.author) && before(message.at),
    );
    const events = (ticket.events ?? []).filter((event) => before(event.at));
    return replies.length === 1 && !events.some((event) => event.type === "escalated" || event.type === "reopened");
  });

  const scores = snapshot.tickets.flatMap((ticket) =>
    ticket.csat && inPeriod(ticket.csat.at) ? [ticket.csat.score] : [],
  );
  const openMoment = Math.min(end, asOf);
  const openTickets = snapshot.tickets.filter((ticket) => {
    const status = statusAt(ticket, openMoment);
    return status === "new" || status === "open" || status === "pending" || status === "on_hold";
  }).length;
  const wasEscalated = (ticket: SnapshotTicket) =>
    (ticket.events ?? []).some((event) => event.type === "escalated" && Date.parse(event.at) < end);

  const topics = new Map<string, { topic: string; count: number; escalated: number; knownIssueId?: string }>();
  const channels: Record<string, number> = {};
  for (const ticket of created) {
    const topic = ticket.topic ?? "(none)";
    const entry = topics.get(topic) ?? { topic, count: 0, escalated: 0 };
    entry.count++;
    if (wasEscalated(ticket)) entry.escalated++;
    if (ticket.knownIssueId) entry.knownIssueId = ticket.knownIssueId;
    topics.set(topic, entry);
    channels[ticket.channel] = (channels[ticket.channel] ?? 0) + 1;
  }

  return {
    volume: created.length,
    firstResponse: {
      meanHours: responseHours.reduce((sum, value) => sum + value, 0) / responseHours.length,
      medianHours: median(responseHours),
      count: responseHours.length,
      targetMetPct: (100 * targetMet) / responseHours.length,
    },
    fcrPct: (100 * resolvedFirst.length) / solved.length,
    solvedCount: solved.length,
    csat: { mean: scores.reduce((sum, score) => sum + score, 0) / scores.length, count: scores.length },
    openTickets,
    escalationRatePct: (100 * created.filter(wasEscalated).length) / created.length,
    channels,
    topics: [...topics.values()].sort(
      (left, right) => right.count - left.count || left.topic.localeCompare(right.topic),
    ),
  };
};

/** The instant of the latest timestamp anywhere in the snapshot. */
export const latestInstant = (snapshot: Snapshot): number => {
  let latest = Number.NEGATIVE_INFINITY;
  const consider = (instant: string | undefined) => {
    if (instant !== undefined) latest = Math.max(latest, Date.parse(instant));
  };
  for (const article of snapshot.articles ?? []) consider(article.updatedAt);
  for (const event of snapshot.accountEvents ?? []) consider(event.at);
  for (const ticket of snapshot.tickets) {
    consider(ticket.createdAt);
    consider(ticket.csat?.at);
    for (const message of ticket.messages) consider(message.at);
    for (const event of ticket.events ?? []) consider(event.at);
  }
  return latest;
};
