import { useEffect, useState } from "react";
import { client, type Ticket } from "./api.ts";
import { onLinkClick } from "./router.ts";
import { TicketTable } from "./ticket-table.tsx";

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
    client
      .request("GET /tickets", { query: { ...Object.fromEntries(new URLSearchParams(filter)), limit: 100 } })
      .then((page) => {
        setTickets(page.tickets);
        setNextCursor(page.nextCursor);
      })
      .catch((caught: Error) => setError(caught.message));
  }, [filter]);

  async function more() {
    if (!nextCursor) return;
    const page = await client.request("GET /tickets", {
      query: { ...Object.fromEntries(new URLSearchParams(filter)), limit: 100, cursor: nextCursor },
    });
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
      {tickets && tickets.length > 0 && <TicketTable tickets={tickets} showTopic />}
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
