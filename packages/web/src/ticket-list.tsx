import { useEffect, useState } from "react";
import { api, encode, type Ticket } from "./api.ts";
import { dateTime, statusLabel } from "./format.ts";
import { onLinkClick } from "./router.ts";

// Filters GET /tickets understands; anything else in the address is ignored.
const filters = [
  "status",
  "channel",
  "priority",
  "topic",
  "tag",
  "teamId",
  "assigneeId",
  "createdAfter",
  "createdBefore",
];

/** Tickets behind a figure of the report: the address carries the filter, so a drill-down can be shared. */
export function TicketList({ search }: { search: string }) {
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const params = new URLSearchParams(search);
  const query = new URLSearchParams();
  for (const name of filters) {
    const value = params.get(name);
    if (value) query.set(name, value);
  }
  const title = params.get("title") ?? "Tickets";
  const filter = query.toString();

  useEffect(() => {
    setTickets(null);
    api
      .get<{ tickets: Ticket[]; nextCursor: string | null }>(`/tickets?${filter}&limit=100`)
      .then((page) => {
        setTickets(page.tickets);
        setNextCursor(page.nextCursor);
      })
      .catch((caught: Error) => setError(caught.message));
  }, [filter]);

  async function more() {
    if (!nextCursor) return;
    const page = await api.get<{ tickets: Ticket[]; nextCursor: string | null }>(
      `/tickets?${filter}&limit=100&cursor=${encode(nextCursor)}`,
    );
    setTickets((previous) => [...(previous ?? []), ...page.tickets]);
    setNextCursor(page.nextCursor);
  }

  return (
    <section aria-labelledby="list-title">
      <header className="toolbar">
        <a href="/reports" onClick={onLinkClick} className="muted">
          ← Report
        </a>
        <h1 id="list-title">{title}</h1>
        {tickets && (
          <span className="muted">
            {tickets.length}
            {nextCursor ? "+" : ""} tickets
          </span>
        )}
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!tickets && !error && <p className="muted">Loading tickets…</p>}
      {tickets && tickets.length === 0 && <p className="empty">No tickets match.</p>}
      {tickets && tickets.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Channel</th>
              <th scope="col">Status</th>
              <th scope="col">Topic</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((ticket) => (
              <tr key={ticket.id}>
                <td className="subject">
                  <a href={`/tickets/${encode(ticket.id)}`} onClick={onLinkClick}>
                    {ticket.subject || "(no subject)"}
                  </a>
                  <span className="muted small"> #{ticket.id}</span>
                </td>
                <td>{ticket.channel}</td>
                <td>
                  <span className={`status status-${ticket.status}`}>{statusLabel[ticket.status]}</span>
                </td>
                <td>{ticket.topic ?? "—"}</td>
                <td>{dateTime(ticket.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p>
          <button type="button" className="secondary" onClick={() => void more()}>
            Show more
          </button>
        </p>
      )}
    </section>
  );
}
