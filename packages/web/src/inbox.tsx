import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { client, encode, type InboxTicket, type Ticket, type TicketUpdate } from "./api.ts";
import { type DeskContext, isTyping } from "./app.tsx";
import { dateTime, relative, statusLabel } from "./format.ts";
import { changesTickets, useLiveRefresh } from "./live.ts";
import { LiveBadge } from "./live-badge.tsx";
import { navigate, onLinkClick } from "./router.ts";

export const inboxViews = ["mine", "unassigned", "team", "breaching", "pending", "escalated", "all"] as const;
export type InboxView = (typeof inboxViews)[number];

// A screenful and a bit: the inbox is worked from the top, earliest SLA first.
const pageSize = 50;

type SearchResult = { tickets: Ticket[]; customers: { id: string; name: string; email: string | null }[] };

export function Inbox({
  view,
  viewLabel,
  desk,
  query,
}: {
  view: InboxView;
  viewLabel: string;
  desk: DeskContext;
  query: string | null;
}) {
  const [tickets, setTickets] = useState<InboxTicket[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  // Pages of this view on screen; another view starts again at one.
  const [shown, setShown] = useState({ view, pages: 1 });
  const pagesShown = shown.view === view ? shown.pages : 1;
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const [search, setSearch] = useState<SearchResult | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const movedByKeyboard = useRef(false);

  // A refresh reads again as many pages as are shown, so live updates keep "Show more" in place.
  const load = useCallback(async () => {
    try {
      const loaded: InboxTicket[] = [];
      let cursor: string | undefined;
      let next: string | null = null;
      for (let page = 0; page < pagesShown; page++) {
        const result = await client.tickets.inbox({ view, limit: pageSize, ...(cursor ? { cursor } : {}) });
        loaded.push(...result.tickets);
        next = result.nextCursor;
        if (!next) break;
        cursor = next;
      }
      setTickets(loaded);
      setNextCursor(next);
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }, [view, pagesShown]);

  useEffect(() => {
    void load();
  }, [load]);
  const live = useLiveRefresh(() => void load(), changesTickets);

  useEffect(() => {
    if (!query) {
      setSearch(null);
      return;
    }
    client
      .search(query)
      .then(setSearch)
      .catch((caught: Error) => setError(caught.message));
  }, [query]);

  const list = tickets ?? [];
  const current = list[Math.min(cursor, list.length - 1)];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      if (event.key === "j" || event.key === "k") {
        movedByKeyboard.current = true;
        setCursor((index) => (event.key === "j" ? Math.min(index + 1, list.length - 1) : Math.max(index - 1, 0)));
      } else if (event.key === "Enter" && current && !isActivatable(event.target))
        navigate(`/tickets/${encode(current.id)}`);
      else if (event.key === "x" && current) toggle(current.id);
      else if (event.key === "/") {
        event.preventDefault();
        searchInput.current?.focus();
      } else return;
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  // j/k move the focus too, so Enter opens the ticket and a screen reader follows along.
  useEffect(() => {
    const row = rows.current[cursor];
    row?.scrollIntoView({ block: "nearest" });
    if (movedByKeyboard.current) row?.querySelector<HTMLAnchorElement>("td.subject a")?.focus();
    movedByKeyboard.current = false;
  }, [cursor]);

  function toggle(id: string) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  async function bulk(label: string, patchFor: (ticket: InboxTicket) => TicketUpdate) {
    const chosen = list.filter((ticket) => selected.has(ticket.id));
    const failures: string[] = [];
    for (const ticket of chosen) {
      await client.tickets
        .update(ticket.id, patchFor(ticket))
        .catch((caught: Error) => failures.push(`#${ticket.id}: ${caught.message}`));
    }
    setNotice(
      failures.length
        ? `${label}: ${chosen.length - failures.length} done, ${failures.length} refused. ${failures.join(" ")}`
        : `${label}: ${chosen.length} tickets.`,
    );
    setSelected(new Set());
    void load();
  }

  function submitSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    navigate(value ? `${location.pathname}?q=${encode(value)}` : location.pathname);
  }

  const me = desk.session.agent;

  return (
    <section aria-labelledby="inbox-title">
      <header className="toolbar">
        <h1 id="inbox-title">{viewLabel}</h1>
        <span className="muted">
          {tickets ? `${list.length}${nextCursor ? "+" : ""} tickets · earliest SLA first` : ""}
        </span>
        <LiveBadge live={live} />
        <search className="search">
          <form onSubmit={submitSearch}>
            <label className="visually-hidden" htmlFor="inbox-search">
              Search tickets and customers
            </label>
            <input
              id="inbox-search"
              ref={searchInput}
              name="q"
              type="search"
              defaultValue={query ?? ""}
              placeholder="Search tickets and customers ( / )"
            />
          </form>
        </search>
      </header>

      {search && <SearchResults result={search} query={query ?? ""} />}

      {selected.size > 0 && (
        <div className="bulk" role="toolbar" aria-label="Bulk actions">
          <span>{selected.size} selected</span>
          {me && (
            <button type="button" onClick={() => bulk("Assigned to you", () => ({ assigneeId: me.id }))}>
              Assign to me
            </button>
          )}
          <button type="button" onClick={() => bulk("Solved", () => ({ status: "solved" }))}>
            Solve
          </button>
          <button
            type="button"
            onClick={() => {
              const tag = prompt("Tag to add")?.trim().toLowerCase();
              if (tag) void bulk(`Tagged ${tag}`, (ticket) => ({ tags: [...new Set([...ticket.tags, tag])] }));
            }}
          >
            Add tag…
          </button>
          <button type="button" className="link" onClick={() => setSelected(new Set())}>
            Clear
          </button>
        </div>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {tickets === null && !error && <p className="muted">Loading tickets…</p>}
      {tickets && list.length === 0 && <EmptyView view={view} />}
      {list.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
              <th scope="col">Subject</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">SLA due</th>
              <th scope="col">Assignee</th>
            </tr>
          </thead>
          <tbody>
            {list.map((ticket, index) => (
              <tr
                key={ticket.id}
                ref={(row) => {
                  rows.current[index] = row;
                }}
                className={index === cursor ? "current" : undefined}
                aria-selected={index === cursor}
                onClick={() => setCursor(index)}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ticket ${ticket.id}`}
                    checked={selected.has(ticket.id)}
                    onChange={() => toggle(ticket.id)}
                  />
                </td>
                <td className="subject">
                  <a href={`/tickets/${encode(ticket.id)}`} onClick={onLinkClick}>
                    {ticket.subject || "(no subject)"}
                  </a>
                  <span className="muted small"> #{ticket.id}</span>
                  {ticket.tags.slice(0, 3).map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </td>
                <td>{ticket.customerName ?? ticket.customerId}</td>
                <td>
                  <span className={`status status-${ticket.status}`}>{statusLabel[ticket.status]}</span>
                </td>
                <td>{ticket.priority ?? "—"}</td>
                <SlaCell ticket={ticket} />
                <td>{ticket.assigneeId ? (desk.agentNames.get(ticket.assigneeId) ?? ticket.assigneeId) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p>
          <button type="button" onClick={() => setShown({ view, pages: pagesShown + 1 })}>
            Show {pageSize} more
          </button>
        </p>
      )}
    </section>
  );
}

/** Why no SLA clock runs, said in full for the tooltip and screen readers, briefly in the cell. */
const idleText: Record<NonNullable<InboxTicket["slaIdle"]>, { short: string; full: string }> = {
  waiting_on_customer: { short: "paused", full: "Paused: waiting on the customer. The clock resumes when they reply." },
  on_hold: { short: "on hold", full: "On hold with another team, and no SLA target is running." },
  solved: { short: "solved", full: "Solved: no SLA clock runs." },
  targets_met: { short: "met", full: "Every SLA target of this ticket has been met; none is running." },
  no_target: { short: "no target", full: "No SLA policy sets a target for this ticket's channel and priority." },
};

function SlaCell({ ticket }: { ticket: InboxTicket }) {
  if (ticket.slaDueAt) {
    const due = ticket.slaBreached
      ? `${relative(ticket.slaDueAt).replace(/ ago$/, "")} overdue`
      : relative(ticket.slaDueAt);
    return (
      <td className={ticket.slaBreached ? "sla breached" : ticket.slaWarning ? "sla warning" : "sla"}>
        <time dateTime={ticket.slaDueAt} title={`SLA due ${dateTime(ticket.slaDueAt)}`}>
          {due}
        </time>
      </td>
    );
  }
  const reason = idleText[ticket.slaIdle ?? "no_target"];
  return (
    <td className="sla idle">
      <span title={reason.full} aria-hidden="true">
        {reason.short}
      </span>
      <span className="visually-hidden">{reason.full}</span>
    </td>
  );
}

/** Enter on a focused link or button belongs to that element, not to the inbox shortcut. */
function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && /^(A|BUTTON|SUMMARY)$/.test(target.tagName);
}

function SearchResults({ result, query }: { result: SearchResult; query: string }) {
  return (
    <section className="card search-results" aria-label={`Search results for ${query}`}>
      <h2>Results for “{query}”</h2>
      {result.tickets.length === 0 && result.customers.length === 0 && (
        <p className="muted">Nothing found. Search by ticket number, or a customer's name, email or phone.</p>
      )}
      {result.customers.length > 0 && (
        <p>
          Customers:{" "}
          {result.customers.map((customer) => (
            <a key={customer.id} className="tag" href={`/customers/${encode(customer.id)}`} onClick={onLinkClick}>
              {customer.name} {customer.email ? `<${customer.email}>` : ""}
            </a>
          ))}
        </p>
      )}
      <ul className="plain">
        {result.tickets.map((ticket) => (
          <li key={ticket.id}>
            <a href={`/tickets/${encode(ticket.id)}`} onClick={onLinkClick}>
              #{ticket.id} {ticket.subject || "(no subject)"}
            </a>{" "}
            <span className="muted small">{statusLabel[ticket.status]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const emptyText: Record<InboxView, string> = {
  mine: "Nothing is assigned to you. Pick a ticket from Unassigned, or open one and assign it to yourself.",
  unassigned: "Every open ticket has an owner. Nice.",
  team: "Your team has no open tickets, or you are not in a team yet (an admin sets it in the workspace).",
  breaching: "No ticket is close to breaching its SLA.",
  pending: "No ticket is waiting on a customer.",
  escalated: "No ticket is escalated.",
  all: "No open tickets. New ones appear here as they arrive.",
};

function EmptyView({ view }: { view: InboxView }) {
  return <p className="empty">{emptyText[view]}</p>;
}
