import { useEffect, useState } from "react";
import { client, encode, type KnownIssue, type KnownIssueDetail, type KnownIssueStatus, type Ticket } from "./api.ts";
import { BroadcastsSection } from "./broadcasts-section.tsx";
import { onLinkClick } from "./router.ts";
import { TicketTable } from "./ticket-table.tsx";

export const knownIssueStatusLabel: Record<KnownIssueStatus, string> = {
  open: "Open",
  fix_in_progress: "Fix in progress",
  fixed: "Fixed",
};
const statuses = Object.keys(knownIssueStatusLabel) as KnownIssueStatus[];
// Linked tickets are fetched one by one to show their subjects; past this many only their numbers show.
const ticketsShownInFull = 25;

/** Problems behind many tickets, filtered by status; the address carries the filter. */
export function KnownIssuesPage({ status }: { status: string | null }) {
  const filter = statuses.includes(status as KnownIssueStatus) ? (status as KnownIssueStatus) : null;
  const [issues, setIssues] = useState<KnownIssue[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setIssues(null);
    client.knownIssues
      .list({ limit: 100, ...(filter ? { status: filter } : {}) })
      .then((page) => {
        setIssues(page.knownIssues);
        setNextCursor(page.nextCursor);
      })
      .catch((caught: Error) => setError(caught.message));
  }, [filter]);

  async function more() {
    if (!nextCursor) return;
    const page = await client.knownIssues.list({
      limit: 100,
      cursor: nextCursor,
      ...(filter ? { status: filter } : {}),
    });
    setIssues((previous) => [...(previous ?? []), ...page.knownIssues]);
    setNextCursor(page.nextCursor);
  }

  return (
    <section aria-labelledby="known-issues-title">
      <header className="toolbar">
        <h1 id="known-issues-title">Known issues</h1>
        <nav aria-label="Filter by status" className="filters">
          {[null, ...statuses].map((option) => (
            <a
              key={option ?? "all"}
              className="filter-link"
              href={option ? `/known-issues?status=${option}` : "/known-issues"}
              onClick={onLinkClick}
              aria-current={filter === option ? "page" : undefined}
            >
              {option ? knownIssueStatusLabel[option] : "All"}
            </a>
          ))}
        </nav>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!issues && !error && <p className="muted">Loading known issues…</p>}
      {issues?.length === 0 && (
        <p className="empty">
          No known issues{filter ? ` with status “${knownIssueStatusLabel[filter]}”` : ""}. Record one when several
          customers report the same problem, then link their tickets to it from the responder's proposed actions.
        </p>
      )}
      {issues && issues.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Issue</th>
              <th scope="col">Status</th>
              <th scope="col">Tickets</th>
              <th scope="col">Workaround</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue) => (
              <tr key={issue.id}>
                <td className="subject">
                  <a href={`/known-issues/${encode(issue.id)}`} onClick={onLinkClick}>
                    {issue.title}
                  </a>
                  {issue.tags.slice(0, 3).map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </td>
                <td>
                  <span className={`status known-${issue.status}`}>{knownIssueStatusLabel[issue.status]}</span>
                </td>
                <td>{issue.ticketCount}</td>
                <td>{issue.workaround ? "yes" : "—"}</td>
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

/** One known issue: change its status or workaround, and see the tickets it is behind. */
export function KnownIssueDetailPage({ issueId }: { issueId: string }) {
  const [issue, setIssue] = useState<KnownIssueDetail | null>(null);
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [workaround, setWorkaround] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    client.knownIssues
      .get(issueId)
      .then((found) => {
        setIssue(found);
        setWorkaround(found.workaround ?? "");
        return Promise.all(
          found.ticketIds.slice(0, ticketsShownInFull).map((id) => client.tickets.get(id).catch(() => null)),
        );
      })
      .then((found) => setTickets(found.filter((ticket) => ticket !== null)))
      .catch((caught: Error) => setError(caught.message));
  }, [issueId]);

  async function update(patch: Partial<Pick<KnownIssue, "status" | "workaround">>, done: string) {
    try {
      const changed = await client.request("PATCH /known-issues/{id}", { params: { id: issueId }, body: patch });
      setIssue(changed);
      setError(null);
      setNotice(done);
    } catch (caught) {
      setNotice(null);
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  if (error && !issue) {
    return (
      <p className="error" role="alert">
        {error}{" "}
        <a href="/known-issues" onClick={onLinkClick}>
          Back to known issues
        </a>
      </p>
    );
  }
  if (!issue) return <p className="muted">Loading known issue…</p>;
  const numbersOnly = issue.ticketIds.slice(ticketsShownInFull);

  return (
    <section aria-labelledby="known-issue-title">
      <header className="toolbar">
        <a href="/known-issues" onClick={onLinkClick} className="muted">
          ← Known issues
        </a>
        <h1 id="known-issue-title">{issue.title}</h1>
        <span className={`status known-${issue.status}`}>{knownIssueStatusLabel[issue.status]}</span>
      </header>
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
      <div className="card form">
        <label>
          Status
          <select
            className="block-select"
            value={issue.status}
            onChange={(event) => {
              const status = event.target.value as KnownIssueStatus;
              void update({ status }, `Status changed to ${knownIssueStatusLabel[status]}.`);
            }}
          >
            {statuses.map((status) => (
              <option key={status} value={status}>
                {knownIssueStatusLabel[status]}
              </option>
            ))}
          </select>
        </label>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void update({ workaround: workaround.trim() || null }, "Workaround saved.");
          }}
        >
          <label>
            Workaround (what agents can tell customers until it is fixed)
            <textarea rows={3} value={workaround} onChange={(event) => setWorkaround(event.target.value)} />
          </label>
          <button type="submit" className="secondary" disabled={workaround.trim() === (issue.workaround ?? "")}>
            Save workaround
          </button>
        </form>
      </div>
      <h2>
        Linked tickets <span className="muted small">({issue.ticketIds.length})</span>
      </h2>
      {issue.ticketIds.length === 0 && (
        <p className="empty">No ticket is linked yet. Link one from its ticket view with the responder's proposal.</p>
      )}
      {tickets === null && issue.ticketIds.length > 0 && <p className="muted">Loading tickets…</p>}
      {tickets && tickets.length > 0 && <TicketTable tickets={tickets} />}
      {numbersOnly.length > 0 && (
        <p className="small">
          And{" "}
          {numbersOnly.map((id) => (
            <a key={id} className="tag" href={`/tickets/${encode(id)}`} onClick={onLinkClick}>
              #{id}
            </a>
          ))}
        </p>
      )}
      <BroadcastsSection knownIssueId={issue.id} status={issue.status} />
    </section>
  );
}
