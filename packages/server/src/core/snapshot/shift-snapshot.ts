import type { Snapshot } from "./snapshot-schema.ts";

const dayMilliseconds = 86_400_000;

/**
 * Moves every instant of a snapshot by whole days so that its latest instant falls on `today`:
 * a demo recorded once stays a living month, weekdays and times of day intact.
 */
export function shiftSnapshotToDay(snapshot: Snapshot, today: Date): Snapshot {
  const latest = latestInstant(snapshot);
  if (latest === null) return snapshot;
  const days = Math.floor(today.getTime() / dayMilliseconds) - Math.floor(latest / dayMilliseconds);
  const shift = (value: string) => new Date(Date.parse(value) + days * dayMilliseconds).toISOString();
  return {
    ...snapshot,
    articles: snapshot.articles?.map((article) =>
      article.updatedAt === undefined ? article : { ...article, updatedAt: shift(article.updatedAt) },
    ),
    accountEvents: snapshot.accountEvents?.map((event) => ({ ...event, at: shift(event.at) })),
    tickets: snapshot.tickets.map((ticket) => ({
      ...ticket,
      createdAt: shift(ticket.createdAt),
      messages: ticket.messages.map((message) => ({ ...message, at: shift(message.at) })),
      events: ticket.events?.map((event) => ({ ...event, at: shift(event.at) })),
      csat: ticket.csat ? { ...ticket.csat, at: shift(ticket.csat.at) } : undefined,
    })),
  };
}

function latestInstant(snapshot: Snapshot): number | null {
  let latest: number | null = null;
  const see = (value: string | undefined) => {
    if (value === undefined) return;
    const at = Date.parse(value);
    if (latest === null || at > latest) latest = at;
  };
  for (const event of snapshot.accountEvents ?? []) see(event.at);
  for (const ticket of snapshot.tickets) {
    see(ticket.createdAt);
    for (const message of ticket.messages) see(message.at);
    for (const event of ticket.events ?? []) see(event.at);
    see(ticket.csat?.at);
  }
  return latest;
}
