import type pg from "pg";
import type { MailSink } from "./mail-sink.ts";
import type { SoakTraffic } from "./traffic.ts";

/** Both sides of a soak, counted: what was sent and acknowledged, what the database holds, what arrived. */
export type Tally = {
  emailsSent: number;
  apiTicketsSent: number;
  acknowledged: number;
  storedOfAcknowledged: number;
  /** Acknowledged, yet not in the database. */
  lost: number;
  /** In the database without the sender ever getting an acknowledgement (the desk died in between). */
  storedUnacknowledged: number;
  /** Inbound mails or API tickets stored more than once. */
  storedTwice: number;
  senderRetries: number;
  repliesRequested: number;
  repliesAcknowledged: number;
  repliesStored: number;
  repliesDelivered: number;
  /** Acknowledged replies not delivered yet, by the state of their delivery. */
  repliesAwaiting: Record<string, number>;
  /** One reply arrived under two or more different Message-IDs: a true duplicate. */
  repliesDuplicated: number;
  /** Extra arrivals of a Message-ID already received: the recipient's mail system drops them. */
  resentSameMessageId: number;
  otherMailDelivered: number;
};

const replyMarker = /soak-reply-\d+/;

export async function countBothSides(database: pg.Pool, traffic: SoakTraffic, sink: MailSink): Promise<Tally> {
  const emailIds = [...traffic.emails.keys()];
  const { rows: storedEmails } = await database.query<{ external_id: string; copies: string }>(
    "select external_id, count(*) as copies from messages where external_id = any($1::text[]) group by external_id",
    [emailIds],
  );
  const storedEmailCopies = new Map(storedEmails.map((row) => [row.external_id, Number(row.copies)]));
  const storedMarkers = await markerCopies(database, "soak-api-");
  const storedReplies = await markerCopies(database, "soak-reply-");

  let acknowledged = 0;
  let storedOfAcknowledged = 0;
  let storedUnacknowledged = 0;
  let storedTwice = 0;
  let senderRetries = 0;
  const add = (record: { acknowledged: boolean; attempts: number }, copies: number) => {
    senderRetries += Math.max(0, record.attempts - 1);
    if (copies > 1) storedTwice += 1;
    if (record.acknowledged) {
      acknowledged += 1;
      if (copies > 0) storedOfAcknowledged += 1;
    } else if (copies > 0) storedUnacknowledged += 1;
  };
  for (const [messageId, record] of traffic.emails) add(record, storedEmailCopies.get(messageId) ?? 0);
  for (const [marker, record] of traffic.apiTickets) add(record, storedMarkers.get(marker) ?? 0);

  const acknowledgedReplies = [...traffic.replies].filter(([, record]) => record.acknowledged);
  const repliesStoredCount = acknowledgedReplies.filter(([marker]) => (storedReplies.get(marker) ?? 0) > 0).length;
  for (const [, copies] of storedReplies) if (copies > 1) storedTwice += 1;

  const messageIdsByReply = new Map<string, Set<string>>();
  const arrivalsByMessageId = new Map<string, number>();
  let otherMailDelivered = 0;
  for (const delivery of sink.deliveries) {
    arrivalsByMessageId.set(delivery.messageId, (arrivalsByMessageId.get(delivery.messageId) ?? 0) + 1);
    const marker = replyMarker.exec(delivery.text)?.[0];
    if (!marker) {
      otherMailDelivered += 1;
      continue;
    }
    const ids = messageIdsByReply.get(marker) ?? new Set<string>();
    ids.add(delivery.messageId);
    messageIdsByReply.set(marker, ids);
  }
  const repliesDelivered = acknowledgedReplies.filter(([marker]) => messageIdsByReply.has(marker)).length;
  const repliesDuplicated = [...messageIdsByReply.values()].filter((ids) => ids.size > 1).length;
  const resentSameMessageId = [...arrivalsByMessageId.values()].reduce((sum, count) => sum + count - 1, 0);

  const undelivered = acknowledgedReplies.filter(([marker]) => !messageIdsByReply.has(marker)).map(([m]) => m);
  const repliesAwaiting = await deliveryStates(database, undelivered);

  return {
    emailsSent: traffic.emails.size,
    apiTicketsSent: traffic.apiTickets.size,
    acknowledged,
    storedOfAcknowledged,
    lost: acknowledged - storedOfAcknowledged + (acknowledgedReplies.length - repliesStoredCount),
    storedUnacknowledged,
    storedTwice,
    senderRetries,
    repliesRequested: traffic.replies.size,
    repliesAcknowledged: acknowledgedReplies.length,
    repliesStored: repliesStoredCount,
    repliesDelivered,
    repliesAwaiting,
    repliesDuplicated,
    resentSameMessageId,
    otherMailDelivered,
  };
}

/** True when the soak holds: nothing acknowledged went missing and nothing went out twice. */
export function tallyHolds(tally: Tally): boolean {
  return tally.lost === 0 && tally.repliesDuplicated === 0 && tally.storedTwice === 0;
}

export function awaitingCount(tally: Tally): number {
  return Object.values(tally.repliesAwaiting).reduce((sum, count) => sum + count, 0);
}

export function tallyRows(tally: Tally): [string, string | number][] {
  const awaiting = Object.entries(tally.repliesAwaiting)
    .map(([state, count]) => `${count} ${state}`)
    .join(", ");
  return [
    [
      "messages sent (email + API)",
      `${tally.emailsSent + tally.apiTicketsSent} (${tally.emailsSent} + ${tally.apiTicketsSent})`,
    ],
    ["messages acknowledged (250 / 2xx)", tally.acknowledged],
    ["messages stored (of acknowledged)", tally.storedOfAcknowledged],
    ["stored, never acknowledged (died between commit and answer)", tally.storedUnacknowledged],
    ["sender retries of unacknowledged mail", tally.senderRetries],
    ["replies requested", tally.repliesRequested],
    ["replies acknowledged (2xx)", tally.repliesAcknowledged],
    ["replies stored (of acknowledged)", tally.repliesStored],
    ["replies delivered (at the sink)", tally.repliesDelivered],
    ["replies awaiting delivery", awaiting ? `${awaitingCount(tally)} (${awaiting})` : 0],
    ["other mail delivered (not soak replies)", tally.otherMailDelivered],
    ["LOST (acknowledged, not stored)", tally.lost],
    ["DUPLICATED (one reply, two Message-IDs; or stored twice)", tally.repliesDuplicated + tally.storedTwice],
    ["resent, same Message-ID (recipient dedupes)", tally.resentSameMessageId],
  ];
}

async function markerCopies(database: pg.Pool, prefix: string): Promise<Map<string, number>> {
  const { rows } = await database.query<{ marker: string; copies: string }>(
    `select substring(body from $1) as marker, count(*) as copies from messages
      where body like $2 group by 1`,
    [`${prefix}[0-9]+`, `${prefix}%`],
  );
  return new Map(rows.map((row) => [row.marker, Number(row.copies)]));
}

/** The delivery state of each reply (by marker) that has not arrived; "not planned" when it has no delivery yet. */
async function deliveryStates(database: pg.Pool, markers: string[]): Promise<Record<string, number>> {
  if (markers.length === 0) return {};
  const { rows } = await database.query<{ marker: string; status: string | null }>(
    `select substring(m.body from 'soak-reply-[0-9]+') as marker, d.status
       from messages m
       left join deliveries d on d.workspace_id = m.workspace_id and d.message_id = m.id
      where substring(m.body from 'soak-reply-[0-9]+') = any($1::text[])`,
    [markers],
  );
  const states: Record<string, number> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.marker);
    const state = row.status ?? "not planned";
    states[state] = (states[state] ?? 0) + 1;
  }
  const missing = markers.length - seen.size;
  if (missing > 0) states["not stored"] = missing;
  return states;
}
