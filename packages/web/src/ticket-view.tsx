import { useCallback, useEffect, useRef, useState } from "react";
import {
  type Citation,
  type CustomerDetail,
  client,
  type Draft,
  encode,
  type FollowUp,
  type SlaClock,
  type TicketDetail,
  type TicketUpdate,
  type TicketWithSla,
} from "./api.ts";
import { type DeskContext, isTyping } from "./app.tsx";
import { authorLabel, dateTime, relative, statusLabel } from "./format.ts";
import { useLiveRefresh } from "./live.ts";
import { LiveBadge } from "./live-badge.tsx";
import { MessageReceipt } from "./message-receipt.tsx";
import { readableText } from "./message-text.ts";
import { navigate, onLinkClick } from "./router.ts";
import { type ActionHint, actionKeys, FollowUpPanel, type TicketAction, TicketActionPanel } from "./ticket-actions.tsx";

type Mode = "reply" | "note";
type DraftState =
  | { state: "idle" }
  | { state: "loading" }
  | { state: "ready"; draft: Draft }
  | { state: "failed"; message: string };

export function TicketView({ ticketId, desk }: { ticketId: string; desk: DeskContext }) {
  const [ticket, setTicket] = useState<TicketWithSla | null>(null);
  const [customer, setCustomer] = useState<CustomerDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>("reply");
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [draft, setDraft] = useState<DraftState>({ state: "idle" });
  const [action, setAction] = useState<{ kind: TicketAction; hint: ActionHint } | null>(null);
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const composer = useRef<HTMLTextAreaElement>(null);
  const mergedFrom = new URLSearchParams(location.search).get("merged");

  const load = useCallback(async () => {
    try {
      const detail = await client.tickets.get(ticketId);
      setTicket(detail);
      setError(null);
      return detail;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return null;
    }
  }, [ticketId]);

  const requestDraft = useCallback(async () => {
    setDraft({ state: "loading" });
    try {
      setDraft({ state: "ready", draft: await client.tickets.draft(ticketId) });
    } catch (caught) {
      setDraft({ state: "failed", message: caught instanceof Error ? caught.message : String(caught) });
    }
  }, [ticketId]);

  const loadFollowUps = useCallback(async () => {
    try {
      setFollowUps((await client.followUps.list(ticketId)).followUps);
    } catch {
      setFollowUps([]);
    }
  }, [ticketId]);

  useEffect(() => {
    void loadFollowUps();
  }, [loadFollowUps]);

  const live = useLiveRefresh(
    () => {
      void load();
      void loadFollowUps();
    },
    (event) => event.ticketId === ticketId && event.type !== "visitor.typing",
  );

  useEffect(() => {
    void load().then((detail) => {
      if (!detail) return;
      client.customers
        .get(detail.customerId)
        .then(setCustomer)
        .catch(() => setCustomer(null));
      const last = detail.messages.filter((message) => message.public).at(-1);
      // The draft waits for the agent when the customer has the last word on a working ticket.
      if (["new", "open"].includes(detail.status) && last?.author === "customer") void requestDraft();
    });
  }, [load, requestDraft]);

  async function change(patch: TicketUpdate, done: string) {
    if (!ticket) return;
    try {
      setTicket({
        ...ticket,
        ...(await client.tickets.update(ticket.id, { ...patch, version: ticket.version })),
      });
      setNotice(done);
      void load();
    } catch (caught) {
      setNotice(null);
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  async function send() {
    if (!ticket || !text.trim()) return;
    setSending(true);
    try {
      await client.tickets.addMessage(ticket.id, { body: text, public: mode === "reply" });
      setText("");
      setNotice(mode === "reply" ? "Reply sent." : "Note added.");
      await load();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  }

  const solve = () => change({ status: "solved" }, "Solved.");
  const openAction = (kind: TicketAction, hint: ActionHint = {}) => {
    const advice = draft.state === "ready" ? draft.draft.triage.escalate : null;
    setAction({
      kind,
      hint: kind === "escalate" && advice && !hint.teamId ? { teamId: advice.teamId, reason: advice.reason } : hint,
    });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      if (event.key === "r" || event.key === "n") {
        event.preventDefault();
        setMode(event.key === "r" ? "reply" : "note");
        composer.current?.focus();
      } else if (actionKeys[event.key] && ticket && !isFinal(ticket.status)) {
        event.preventDefault();
        openAction(actionKeys[event.key] as TicketAction);
      } else if (event.key === "Escape" && action) setAction(null);
      else if (event.key === "s") void solve();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (error && !ticket) {
    return (
      <p className="error" role="alert">
        {error}{" "}
        <a href="/" onClick={onLinkClick}>
          Back to the inbox
        </a>
      </p>
    );
  }
  if (!ticket) return <p className="muted">Loading ticket…</p>;

  const teamNames = new Map(desk.session.teams.map((team) => [team.id, team.name]));
  const timeline = [
    ...ticket.messages.map((message) => ({ at: message.at, kind: "message" as const, message })),
    ...ticket.events.map((event) => ({ at: event.at, kind: "event" as const, event })),
  ].sort((left, right) => left.at.localeCompare(right.at));

  return (
    <div className="ticket">
      <section className="conversation" aria-labelledby="ticket-title">
        <header className="toolbar">
          <a href="/" onClick={onLinkClick} className="muted">
            ← Inbox
          </a>
          <h1 id="ticket-title">{ticket.subject || "(no subject)"}</h1>
          <span className={`status status-${ticket.status}`}>{statusLabel[ticket.status]}</span>
          <LiveBadge live={live} />
        </header>
        <fieldset className="controls">
          <legend className="visually-hidden">Ticket controls</legend>
          <button
            type="button"
            onClick={() => void solve()}
            disabled={ticket.status === "solved" || ticket.status === "closed"}
          >
            Solve <kbd>s</kbd>
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => void change({ status: "pending" }, "Waiting on the customer.")}
            disabled={ticket.status === "pending"}
          >
            Waiting on customer
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => openAction("escalate")}
            disabled={ticket.status === "on_hold" || isFinal(ticket.status)}
          >
            Escalate <kbd>e</kbd>
          </button>
          {(["macro", "follow-up", "merge"] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              className="secondary"
              onClick={() => openAction(kind)}
              disabled={isFinal(ticket.status)}
              aria-expanded={action?.kind === kind}
            >
              {actionButtonLabels[kind]} <kbd>{keyOf(kind)}</kbd>
            </button>
          ))}
          <label>
            Priority
            <select
              value={ticket.priority ?? ""}
              onChange={(event) => {
                const chosen = event.target.value;
                void change({ priority: isOneOf(ticketPriorities, chosen) ? chosen : null }, "Priority changed.");
              }}
            >
              <option value="">none</option>
              {ticketPriorities.map((priority) => (
                <option key={priority}>{priority}</option>
              ))}
            </select>
          </label>
          <label>
            Assignee
            <select
              value={ticket.assigneeId ?? ""}
              onChange={(event) => void change({ assigneeId: event.target.value || null }, "Assignee changed.")}
            >
              <option value="">nobody</option>
              {desk.agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        {action && (
          <TicketActionPanel
            key={action.kind}
            action={action.kind}
            ticket={ticket}
            desk={desk}
            otherTickets={customer?.tickets.filter((other) => other.id !== ticket.id) ?? []}
            hint={action.hint}
            onClose={() => setAction(null)}
            onDone={(done, changed) => {
              setAction(null);
              setError(null);
              setNotice(done);
              if (changed) setTicket({ ...ticket, ...changed });
              void load();
            }}
            onMerged={(merge) => navigate(`/tickets/${encode(merge.ticket.id)}?merged=${encode(merge.mergedTicketId)}`)}
            onFollowUpScheduled={() => void loadFollowUps()}
          />
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {mergedFrom && (
          <p className="notice" role="status">
            Ticket #{mergedFrom} was merged into this one.
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <ol className="timeline">
          {timeline.map((item) =>
            item.kind === "message" ? (
              <li key={`m-${item.message.id}`} className={messageClass(item.message.author, item.message.public)}>
                <div className="meta">
                  <strong>{authorLabel(item.message.author, desk.agentNames)}</strong>
                  {!item.message.public && <span className="badge">Internal note</span>}
                  <time dateTime={item.message.at}>{dateTime(item.message.at)}</time>
                </div>
                <div className="body">{readableText(item.message.body)}</div>
                <MessageReceipt receipt={item.message.receipt} />
              </li>
            ) : (
              <li key={`e-${item.at}-${item.event.type}-${item.event.to}`} className="event">
                {eventText(item.event, desk.agentNames, teamNames)} ·{" "}
                <time dateTime={item.at}>{relative(item.at)}</time>
              </li>
            ),
          )}
        </ol>
        <Composer
          mode={mode}
          setMode={setMode}
          text={text}
          setText={setText}
          sending={sending}
          onSend={send}
          composer={composer}
        />
      </section>
      <aside className="side" aria-label="Ticket context">
        <ResponderPanel
          draft={draft}
          customer={customer}
          teamNames={teamNames}
          onAccept={(body) => {
            setMode("reply");
            setText(body);
            composer.current?.focus();
          }}
          onRegenerate={requestDraft}
          onChange={(patch, done) => void change(patch, done)}
          onOpenAction={openAction}
          onNote={async (body) => {
            await client.tickets.addNote(ticket.id, body);
            setNotice("Internal note added.");
            void load();
          }}
          onReject={async (reason) => {
            await client.tickets.addNote(ticket.id, `Responder draft rejected: ${reason}`);
            setDraft({ state: "idle" });
            setNotice("Draft rejected; the reason is kept as an internal note.");
            void load();
          }}
        />
        <SlaPanel sla={ticket.sla} />
        <FollowUpPanel ticketId={ticket.id} followUps={followUps} onChanged={() => void loadFollowUps()} />
        <CustomerPanel customer={customer} currentTicketId={ticket.id} />
      </aside>
    </div>
  );
}

const actionButtonLabels: Record<Exclude<TicketAction, "escalate">, string> = {
  macro: "Macro…",
  "follow-up": "Follow-up…",
  merge: "Merge…",
};

function keyOf(kind: TicketAction): string {
  return Object.entries(actionKeys).find(([, value]) => value === kind)?.[0] ?? "";
}

function isFinal(status: string): boolean {
  return status === "closed";
}

function messageClass(author: string, isPublic: boolean): string {
  if (!isPublic) return "message note";
  if (author === "customer") return "message customer";
  if (author === "responder") return "message responder";
  return "message agent";
}

function eventText(
  event: TicketDetail["events"][number],
  agents: Map<string, string>,
  teams: Map<string, string>,
): string {
  const who = event.actor ? authorLabel(event.actor, agents) : "System";
  const label = (value: string | null) => (value ? (statusLabel[value] ?? value) : "nothing");
  const team = (value: string | null) => (value ? (teams.get(value) ?? value) : "no team");
  switch (event.type) {
    case "escalated": {
      const reason = typeof event.data?.reason === "string" ? `: ${event.data.reason}` : "";
      return `${who} escalated to ${team(event.to)}${event.from ? ` (from ${team(event.from)})` : ""}${reason}`;
    }
    case "team_changed":
      return `${who} moved the ticket to ${team(event.to)}`;
    case "status_changed":
      return event.from
        ? `${who} changed status ${label(event.from)} → ${label(event.to)}`
        : `${who} opened the ticket`;
    case "assigned":
      return `${who} assigned ${event.to ? (agents.get(event.to) ?? event.to) : "nobody"}`;
    default:
      return `${who}: ${event.type.replaceAll("_", " ")}${event.to ? ` → ${event.to}` : ""}`;
  }
}

function Composer(props: {
  mode: Mode;
  setMode: (mode: Mode) => void;
  text: string;
  setText: (text: string) => void;
  sending: boolean;
  onSend: () => void;
  composer: React.RefObject<HTMLTextAreaElement | null>;
}) {
  const { mode } = props;
  return (
    <form
      className={`composer ${mode}`}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSend();
      }}
    >
      <div className="tabs" role="radiogroup" aria-label="Message kind">
        {(["reply", "note"] as const).map((kind) => (
          <label key={kind} className={mode === kind ? "active" : undefined}>
            <input
              type="radio"
              className="mode-radio"
              name="mode"
              checked={mode === kind}
              onChange={() => props.setMode(kind)}
            />
            {kind === "reply" ? "Reply" : "Internal note"} <kbd>{kind === "reply" ? "r" : "n"}</kbd>
          </label>
        ))}
      </div>
      <label className="visually-hidden" htmlFor="composer-text">
        {mode === "reply" ? "Reply to the customer" : "Internal note for the team"}
      </label>
      <textarea
        id="composer-text"
        ref={props.composer}
        value={props.text}
        rows={7}
        onChange={(event) => props.setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) props.onSend();
          if (event.key === "Escape") event.currentTarget.blur();
        }}
        placeholder={mode === "reply" ? "Write to the customer… (Ctrl+Enter sends)" : "Only your team sees this…"}
      />
      <button type="submit" disabled={props.sending || !props.text.trim()}>
        {mode === "reply" ? "Send reply" : "Add note"}
      </button>
    </form>
  );
}

function ResponderPanel(props: {
  draft: DraftState;
  customer: CustomerDetail | null;
  teamNames: Map<string, string>;
  onAccept: (body: string) => void;
  onRegenerate: () => void;
  onReject: (reason: string) => Promise<void>;
  onChange: (patch: TicketUpdate, done: string) => void;
  onNote: (body: string) => void;
  onOpenAction: (kind: TicketAction, hint: ActionHint) => void;
}) {
  const { draft } = props;
  const [cited, setCited] = useState<{ citation: Citation; title: string; body: string } | null>(null);
  const sourceTitles = useSourceTitles(draft.state === "ready" ? draft.draft.citations : []);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");

  async function showCitation(citation: Citation) {
    try {
      if (citation.kind === "article") {
        const article = await client.knowledge.get(citation.id);
        setCited({ citation, title: article.title, body: article.body });
      } else if (citation.kind === "known_issue") {
        const issue = await client.knownIssues.get(citation.id);
        setCited({
          citation,
          title: `${issue.title} (${issue.status})`,
          body: issue.workaround ?? "No workaround yet.",
        });
      } else if (citation.kind === "account_event") {
        const event = props.customer?.accountEvents.find((candidate) => candidate.id === citation.id);
        setCited({
          citation,
          title: event ? `${event.type} · ${dateTime(event.at)}` : `Account event ${citation.id}`,
          body: event ? JSON.stringify(event.data, null, 2) : "Not among the customer's latest account events.",
        });
      } else {
        setCited({ citation, title: `Ticket #${citation.id}`, body: "" });
      }
    } catch (caught) {
      setCited({ citation, title: citation.id, body: caught instanceof Error ? caught.message : String(caught) });
    }
  }

  return (
    <section className="panel responder" aria-labelledby="responder-title">
      <h2 id="responder-title">Responder</h2>
      {draft.state === "idle" && (
        <button type="button" onClick={props.onRegenerate}>
          Draft a reply
        </button>
      )}
      {draft.state === "loading" && <p className="muted">Drafting…</p>}
      {draft.state === "failed" && (
        <p className="error" role="alert">
          {draft.message}{" "}
          <button type="button" className="link" onClick={props.onRegenerate}>
            Try again
          </button>
        </p>
      )}
      {draft.state === "ready" && (
        <>
          <dl className="triage">
            <dt>Topic</dt>
            <dd>{draft.draft.triage.topic}</dd>
            <dt>Priority</dt>
            <dd>{draft.draft.triage.priority}</dd>
            <dt>Sentiment</dt>
            <dd>
              {draft.draft.triage.sentiment}
              {draft.draft.triage.frustration >= 0.5 ? " · frustrated" : ""}
            </dd>
            <dt>Escalate</dt>
            <dd>
              {draft.draft.triage.escalate
                ? `${props.teamNames.get(draft.draft.triage.escalate.teamId) ?? draft.draft.triage.escalate.teamId}: ${draft.draft.triage.escalate.reason}`
                : "no"}
            </dd>
            <dt>Confidence</dt>
            <dd>{Math.round(draft.draft.confidence * 100)}%</dd>
          </dl>
          <section className="draft-body" aria-label="Drafted reply">
            {draft.draft.reply.body}
          </section>
          {draft.draft.citations.length > 0 && (
            <div className="citations">
              <span className="muted small">Sources:</span>
              {draft.draft.citations.map((citation) => {
                const key = `${citation.kind}/${citation.id}`;
                const href = citationHref(citation);
                const title = citationLabel(citation, sourceTitles.get(key), props.customer);
                return (
                  <span key={key} className="citation">
                    {href ? (
                      <a className="tag" href={href} onClick={onLinkClick}>
                        {title}
                      </a>
                    ) : (
                      <span className="tag">{title}</span>
                    )}
                    {citation.kind !== "ticket" && (
                      <button
                        type="button"
                        className="link small"
                        aria-label={`Preview ${title}`}
                        onClick={() => void showCitation(citation)}
                      >
                        preview
                      </button>
                    )}
                  </span>
                );
              })}
            </div>
          )}
          {cited && (
            <section className="cited" aria-label="Cited source">
              <strong>{cited.title}</strong>
              <div className="body small">{cited.body}</div>
              <button type="button" className="link" onClick={() => setCited(null)}>
                Close
              </button>
            </section>
          )}
          <div className="row">
            <button type="button" onClick={() => props.onAccept(draft.draft.reply.body)}>
              Accept draft
            </button>
            <button type="button" className="secondary" onClick={props.onRegenerate}>
              Regenerate
            </button>
            <button type="button" className="secondary" onClick={() => setRejecting(true)}>
              Reject…
            </button>
          </div>
          {rejecting && (
            <form
              className="reject"
              onSubmit={(event) => {
                event.preventDefault();
                if (!reason.trim()) return;
                void props.onReject(reason.trim()).then(() => {
                  setRejecting(false);
                  setReason("");
                });
              }}
            >
              <label>
                Why is this draft wrong?
                <input
                  className="reject-reason"
                  value={reason}
                  onChange={(event) => setReason(event.target.value)}
                  required
                />
              </label>
              <button type="submit">Reject draft</button>
            </form>
          )}
          {draft.draft.actions.length > 0 && (
            <div className="actions">
              <h3>Proposed actions</h3>
              <ul className="plain small">
                {draft.draft.actions.map((action) => {
                  const patch = patchFor(action);
                  return (
                    <li key={`${action.type}-${JSON.stringify(action.params)}`}>
                      {action.type === "escalate" ? (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() =>
                            props.onOpenAction("escalate", {
                              ...(typeof action.params.teamId === "string" ? { teamId: action.params.teamId } : {}),
                              reason: action.reason,
                            })
                          }
                        >
                          {actionLabel(action, props.teamNames)}…
                        </button>
                      ) : action.type === "schedule_follow_up" ? (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() =>
                            props.onOpenAction("follow-up", {
                              ...(typeof action.params.dueAt === "string" ? { dueAt: action.params.dueAt } : {}),
                              promise: action.reason,
                            })
                          }
                        >
                          Follow up as proposed…
                        </button>
                      ) : patch ? (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => props.onChange(patch, `Done: ${actionLabel(action, props.teamNames)}.`)}
                        >
                          {actionLabel(action, props.teamNames)}
                        </button>
                      ) : (
                        <strong>{actionLabel(action, props.teamNames)}</strong>
                      )}{" "}
                      <span className="muted">{action.reason}</span>
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
          {draft.draft.internalNote.body && (
            <details>
              <summary>Internal note from the responder</summary>
              <div className="responder-note small">{draft.draft.internalNote.body}</div>
              <button type="button" className="secondary" onClick={() => props.onNote(draft.draft.internalNote.body)}>
                Add as internal note
              </button>
            </details>
          )}
        </>
      )}
    </section>
  );
}

/** Titles of the articles and known issues a draft cites, keyed "kind/id", read once per draft. */
function useSourceTitles(citations: readonly Citation[]): Map<string, string> {
  const [titles, setTitles] = useState<Map<string, string>>(new Map());
  // A string, so the effect runs again only when the cited sources change, not on every render.
  const wanted = JSON.stringify(
    citations
      .filter((citation) => citation.kind === "article" || citation.kind === "known_issue")
      .map((citation) => [citation.kind, citation.id]),
  );
  useEffect(() => {
    let current = true;
    const sources = JSON.parse(wanted) as [Citation["kind"], string][];
    void Promise.all(
      sources.map(async ([kind, id]): Promise<[string, string] | null> => {
        try {
          const title =
            kind === "article" ? (await client.knowledge.get(id)).title : (await client.knownIssues.get(id)).title;
          return [`${kind}/${id}`, title];
        } catch {
          return null;
        }
      }),
    ).then((found) => {
      if (current) setTitles(new Map(found.filter((entry): entry is [string, string] => entry !== null)));
    });
    return () => {
      current = false;
    };
  }, [wanted]);
  return titles;
}

/** Where a cited source lives in the app; account events have no page of their own. */
function citationHref(citation: Citation): string | null {
  if (citation.kind === "article") return `/articles/${encode(citation.id)}`;
  if (citation.kind === "known_issue") return `/known-issues/${encode(citation.id)}`;
  if (citation.kind === "ticket") return `/tickets/${encode(citation.id)}`;
  return null;
}

function citationLabel(citation: Citation, title: string | undefined, customer: CustomerDetail | null): string {
  switch (citation.kind) {
    case "article":
      return `Article: ${title ?? citation.id}`;
    case "known_issue":
      return `Known issue: ${title ?? citation.id}`;
    case "ticket":
      return `Ticket #${citation.id}`;
    case "account_event": {
      const event = customer?.accountEvents.find((candidate) => candidate.id === citation.id);
      return event ? `Account event: ${event.type}, ${dateTime(event.at)}` : `Account event ${citation.id}`;
    }
    default:
      return citation.id;
  }
}

type DraftAction = Draft["actions"][number];

/** The ticket change an action stands for, when the ticket API can make it; else it is done by hand. */
const ticketStatuses = ["new", "open", "pending", "on_hold", "solved", "closed"] as const;
const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
const isOneOf = <Value extends string>(values: readonly Value[], value: unknown): value is Value =>
  values.includes(value as Value);

function patchFor(action: DraftAction): TicketUpdate | null {
  const params = action.params;
  if (action.type === "set_status" && isOneOf(ticketStatuses, params.status)) return { status: params.status };
  if (action.type === "escalate") {
    return { status: "on_hold", ...(typeof params.teamId === "string" ? { teamId: params.teamId } : {}) };
  }
  if (action.type === "link_known_issue" && typeof params.knownIssueId === "string") {
    return { knownIssueId: params.knownIssueId };
  }
  if (action.type === "set_priority" && isOneOf(ticketPriorities, params.priority))
    return { priority: params.priority };
  if (action.type === "set_topic" && typeof params.topic === "string") return { topic: params.topic };
  return null;
}

function actionLabel(action: DraftAction, teams: Map<string, string>): string {
  const params = action.params;
  switch (action.type) {
    case "set_status":
      return `Set status to ${statusLabel[String(params.status)] ?? String(params.status)}`;
    case "escalate":
      return `Escalate to ${typeof params.teamId === "string" ? (teams.get(params.teamId) ?? params.teamId) : "the next team"}`;
    case "link_known_issue":
      return `Link known issue ${String(params.knownIssueId)}`;
    case "set_priority":
      return `Set priority to ${String(params.priority)}`;
    case "set_topic":
      return `Set topic to ${String(params.topic)}`;
    default:
      return action.type.replaceAll("_", " ");
  }
}

function SlaPanel({ sla }: { sla: TicketWithSla["sla"] }) {
  const row = (label: string, clock: SlaClock) => {
    let state = "no target";
    if (clock.metAt) state = `met ${relative(clock.metAt)}`;
    else if (clock.paused) state = "paused";
    else if (clock.dueAt) state = clock.breached ? `breached ${relative(clock.dueAt)}` : `due ${relative(clock.dueAt)}`;
    const tone = clock.breached ? "breached" : clock.warning ? "warning" : "";
    return (
      <div className={`sla ${tone}`}>
        <dt>{label}</dt>
        <dd>{state}</dd>
      </div>
    );
  };
  return (
    <section className="panel" aria-labelledby="sla-title">
      <h2 id="sla-title">SLA</h2>
      <dl className="clocks">
        {row("First response", sla.firstResponse)}
        {row("Next response", sla.nextResponse)}
        {row("Resolution", sla.resolution)}
      </dl>
    </section>
  );
}

function CustomerPanel({ customer, currentTicketId }: { customer: CustomerDetail | null; currentTicketId: string }) {
  if (!customer) return null;
  const others = customer.tickets.filter((ticket) => ticket.id !== currentTicketId);
  const ratings = customer.tickets.filter((ticket) => ticket.csat);
  return (
    <section className="panel" aria-labelledby="customer-title">
      <h2 id="customer-title">
        <a href={`/customers/${encode(customer.id)}`} onClick={onLinkClick}>
          {customer.name}
        </a>
      </h2>
      <dl className="facts">
        {customer.email && (
          <>
            <dt>Email</dt>
            <dd>{customer.email}</dd>
          </>
        )}
        {customer.company && (
          <>
            <dt>Company</dt>
            <dd>{customer.company}</dd>
          </>
        )}
        <dt>Plan</dt>
        <dd>{customer.plan ?? "—"}</dd>
        {customer.language && (
          <>
            <dt>Language</dt>
            <dd>{customer.language}</dd>
          </>
        )}
        <dt>CSAT</dt>
        <dd>{ratings.length ? ratings.map((ticket) => `${ticket.csat?.score}`).join(", ") : "no ratings yet"}</dd>
      </dl>
      <h3>Other tickets</h3>
      {others.length === 0 ? (
        <p className="muted small">This is their first ticket.</p>
      ) : (
        <ul className="plain small">
          {others.slice(0, 8).map((ticket) => (
            <li key={ticket.id}>
              <a href={`/tickets/${encode(ticket.id)}`} onClick={onLinkClick}>
                {ticket.subject || `#${ticket.id}`}
              </a>{" "}
              <span className="muted">{statusLabel[ticket.status]}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Account events</h3>
      {customer.accountEvents.length === 0 ? (
        <p className="muted small">Their product account recorded nothing yet.</p>
      ) : (
        <ol className="plain small events">
          {customer.accountEvents.slice(0, 10).map((event) => (
            <li key={event.id}>
              <strong>{event.type}</strong> <span className="muted">{dateTime(event.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
