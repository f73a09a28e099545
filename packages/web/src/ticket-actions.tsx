import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import {
  client,
  type FollowUp,
  type Macro,
  type Ticket,
  type TicketDetail,
  type TicketMerge,
  type TicketWithSla,
} from "./api.ts";
import type { DeskContext } from "./app.tsx";
import { dateTime, relative, statusLabel } from "./format.ts";

export type TicketAction = "macro" | "merge" | "follow-up" | "escalate";

/** The single-key shortcuts that open each action in the ticket view (see the shortcut help). */
export const actionKeys: Record<string, TicketAction> = { m: "macro", M: "merge", f: "follow-up", e: "escalate" };

export const actionTitles: Record<TicketAction, string> = {
  macro: "Apply a macro",
  merge: "Merge into another ticket",
  "follow-up": "Schedule a follow-up",
  escalate: "Escalate",
};

/** What the responder proposed, to start the form from: a team and reason, or a follow-up's time and promise. */
export type ActionHint = { teamId?: string; reason?: string; dueAt?: string; promise?: string };

type Props = {
  action: TicketAction;
  ticket: TicketWithSla;
  desk: DeskContext;
  otherTickets: Ticket[];
  hint: ActionHint;
  onClose: () => void;
  /** A changed ticket came back: show it and say what happened. */
  onDone: (notice: string, ticket?: TicketDetail) => void;
  onMerged: (merge: TicketMerge) => void;
  onFollowUpScheduled: () => void;
};

/** One action at a time, opened by its button or key, closed with Escape. */
export function TicketActionPanel(props: Props) {
  const titleId = `action-${props.action}-title`;
  return (
    <section
      className="card action-panel"
      aria-labelledby={titleId}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          props.onClose();
        }
      }}
    >
      <header className="row">
        <h2 id={titleId}>{actionTitles[props.action]}</h2>
        <button type="button" className="link" onClick={props.onClose}>
          Cancel <kbd>Esc</kbd>
        </button>
      </header>
      {props.action === "macro" && <MacroPicker {...props} />}
      {props.action === "merge" && <MergeForm {...props} />}
      {props.action === "follow-up" && <FollowUpForm {...props} />}
      {props.action === "escalate" && <EscalateForm {...props} />}
    </section>
  );
}

function useFailure() {
  const [failure, setFailure] = useState<string | null>(null);
  const report = useCallback(
    (caught: unknown) => setFailure(caught instanceof Error ? caught.message : String(caught)),
    [],
  );
  const view = failure ? (
    <p className="error" role="alert">
      {failure}
    </p>
  ) : null;
  return { failure, setFailure, report, view };
}

function MacroPicker({ ticket, onDone }: Props) {
  const [macros, setMacros] = useState<Macro[] | null>(null);
  const [filter, setFilter] = useState("");
  const [busy, setBusy] = useState(false);
  const { report, view } = useFailure();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    client
      .request("GET /macros")
      .then((page) => setMacros(page.macros))
      .catch(report);
  }, [report]);

  const words = filter.trim().toLowerCase();
  const matching = (macros ?? []).filter(
    (macro) => !words || macro.name.toLowerCase().includes(words) || macro.body.toLowerCase().includes(words),
  );

  async function apply(macro: Macro) {
    setBusy(true);
    try {
      const changed = await client.request("POST /tickets/{id}/macros/{macroId}", {
        params: { id: ticket.id, macroId: macro.id },
      });
      onDone(`Macro “${macro.name}” applied.`, changed);
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="muted small">
        Applying sends the macro's text to the customer as you (or adds it as a note) with its placeholders filled in,
        then runs its actions.
      </p>
      <label>
        Find a macro
        <input
          ref={input}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && matching[0]) {
              event.preventDefault();
              void apply(matching[0]);
            }
          }}
          placeholder="Type to filter; Enter applies the first"
        />
      </label>
      {view}
      {macros === null && <p className="muted">Loading macros…</p>}
      {macros?.length === 0 && (
        <p className="empty">No macros yet. An admin saves them with POST /api/v1/macros; they then show up here.</p>
      )}
      {macros && macros.length > 0 && matching.length === 0 && <p className="muted">No macro matches “{filter}”.</p>}
      <ul className="plain macros">
        {matching.map((macro) => (
          <li key={macro.id}>
            <button type="button" disabled={busy} onClick={() => void apply(macro)}>
              Apply {macro.name}
            </button>
            {!macro.public && <span className="badge">note</span>}
            {macro.actions.length > 0 && (
              <span className="muted small">
                {" "}
                then {macro.actions.map((action) => String(action.type).replaceAll("_", " ")).join(", ")}
              </span>
            )}
            <div className="macro-preview small">{macro.body}</div>
          </li>
        ))}
      </ul>
    </>
  );
}

function MergeForm({ ticket, otherTickets, onMerged }: Props) {
  const [target, setTarget] = useState("");
  const [differentCustomers, setDifferentCustomers] = useState(false);
  const [busy, setBusy] = useState(false);
  const { report, view, setFailure } = useFailure();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const candidates = otherTickets.filter((other) => other.status !== "closed").slice(0, 5);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const targetId = target.trim().replace(/^#/, "");
    if (!targetId) return;
    setBusy(true);
    setFailure(null);
    try {
      onMerged(
        await client.tickets.merge(targetId, {
          from: ticket.id,
          allowDifferentCustomers: differentCustomers,
        }),
      );
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit}>
      <p className="muted small">
        This ticket's messages move into the other one, and this ticket is closed with a note pointing there.
      </p>
      <label>
        Ticket number to merge into
        <input ref={input} value={target} onChange={(event) => setTarget(event.target.value)} required />
      </label>
      {candidates.length > 0 && (
        <p className="small">
          <span className="muted">The customer's other tickets: </span>
          {candidates.map((other) => (
            <button key={other.id} type="button" className="tag" onClick={() => setTarget(other.id)}>
              #{other.id} {other.subject || "(no subject)"} · {statusLabel[other.status]}
            </button>
          ))}
        </p>
      )}
      <label className="inline">
        <input
          type="checkbox"
          checked={differentCustomers}
          onChange={(event) => setDifferentCustomers(event.target.checked)}
        />
        Merge even if the other ticket belongs to a different customer
      </label>
      {view}
      <button type="submit" disabled={busy || !target.trim()}>
        Merge #{ticket.id} into {target.trim() ? `#${target.trim().replace(/^#/, "")}` : "…"}
      </button>
    </form>
  );
}

/** An instant as a datetime-local input shows it: local time, to the minute. */
function localInputValue(instant: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}T${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
}

function tomorrowMorning(now = new Date()): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0);
}

function FollowUpForm({ ticket, desk, hint, onDone, onFollowUpScheduled }: Props) {
  const [dueAt, setDueAt] = useState(() =>
    localInputValue(hint.dueAt && !Number.isNaN(Date.parse(hint.dueAt)) ? new Date(hint.dueAt) : tomorrowMorning()),
  );
  const [promise, setPromise] = useState(hint.promise ?? "");
  const [ownerId, setOwnerId] = useState(ticket.assigneeId ?? desk.session.agent?.id ?? "");
  const [busy, setBusy] = useState(false);
  const { report, view } = useFailure();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const due = new Date(dueAt);
    if (Number.isNaN(due.getTime()) || !promise.trim()) return;
    setBusy(true);
    try {
      const followUp = await client.followUps.schedule(ticket.id, {
        dueAt: due.toISOString(),
        promise: promise.trim(),
        ...(ownerId ? { ownerId } : {}),
      });
      onFollowUpScheduled();
      onDone(`Follow-up scheduled for ${dateTime(followUp.dueAt)}.`);
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit}>
      <label>
        What did you promise the customer?
        <textarea
          ref={input}
          rows={2}
          value={promise}
          onChange={(event) => setPromise(event.target.value)}
          placeholder="e.g. I will check with billing and get back to you on Friday"
          required
        />
      </label>
      <div className="row">
        <label>
          Remind on
          <input type="datetime-local" value={dueAt} onChange={(event) => setDueAt(event.target.value)} required />
        </label>
        <label>
          Remind
          <select value={ownerId} onChange={(event) => setOwnerId(event.target.value)}>
            <option value="">the assignee</option>
            {desk.agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {view}
      <button type="submit" disabled={busy || !promise.trim()}>
        Schedule follow-up
      </button>
    </form>
  );
}

function EscalateForm({ ticket, desk, hint, onDone }: Props) {
  const teams = desk.session.teams.filter((team) => team.id !== ticket.teamId);
  // Without a team of its own the ticket has no escalation path: the agent names the team.
  const hinted = teams.find((team) => team.id === hint.teamId)?.id;
  const [teamId, setTeamId] = useState(hinted ?? (ticket.teamId ? "" : (teams[0]?.id ?? "")));
  const [reason, setReason] = useState(hint.reason ?? "");
  const [busy, setBusy] = useState(false);
  const { report, view } = useFailure();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    try {
      const changed = await client.tickets.escalate(ticket.id, {
        reason: reason.trim(),
        ...(teamId ? { teamId } : {}),
      });
      const team = desk.session.teams.find((candidate) => candidate.id === changed.teamId);
      onDone(`Escalated to ${team?.name ?? changed.teamId ?? "the next team"}.`, changed);
    } catch (caught) {
      report(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit}>
      <p className="muted small">
        The ticket goes on hold for the other team; its assignee stays the owner and is told when that team answers.
      </p>
      <div className="row">
        <label>
          Team
          <select value={teamId} onChange={(event) => setTeamId(event.target.value)}>
            {ticket.teamId && <option value="">next on the escalation path</option>}
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Why?
          <input
            ref={input}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder="What the other team needs to know"
            required
          />
        </label>
      </div>
      {view}
      <button type="submit" disabled={busy || !reason.trim()}>
        Escalate ticket
      </button>
    </form>
  );
}

/** The ticket's promises to get back to the customer, with the open ones first. */
export function FollowUpPanel({
  ticketId,
  followUps,
  onChanged,
}: {
  ticketId: string;
  followUps: FollowUp[];
  onChanged: () => void;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  if (followUps.length === 0) return null;
  const ordered = [...followUps].sort(
    (left, right) =>
      Number(left.status === "done") - Number(right.status === "done") || left.dueAt.localeCompare(right.dueAt),
  );
  return (
    <section className="panel" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-ups</h2>
      <ul className="plain small follow-ups">
        {ordered.map((followUp) => (
          <li key={followUp.id} className={followUp.status}>
            <span>{followUp.promise}</span>{" "}
            <time className="muted" dateTime={followUp.dueAt}>
              {followUp.status === "done" ? "kept" : `due ${relative(followUp.dueAt)}`}
            </time>{" "}
            {followUp.status === "scheduled" && (
              <button
                type="button"
                className="link"
                onClick={() =>
                  client.followUps
                    .complete(ticketId, followUp.id)
                    .then(onChanged)
                    .catch((caught: Error) => setFailure(caught.message))
                }
              >
                Mark kept
              </button>
            )}
          </li>
        ))}
      </ul>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}
