import type { Clock } from "../core/ports.ts";
import { assembleContext, type ContextSources } from "./context/assemble-context.ts";
import type { ResponderContext } from "./context/responder-context.ts";
import type { Draft } from "./draft.ts";
import { composeOfflineDraft, type OfflineDraft } from "./drafting/offline-engine.ts";
import { reviewDraft } from "./review/review-draft.ts";

export type ModelWriter = {
  engine: string;
  write(
    context: ResponderContext,
    plan: Draft,
  ): Promise<
    | { ok: true; reply: string; internalNote: string; citations: Draft["citations"]; promptTokens: number | null }
    | { ok: false; reason: string; promptTokens: number | null }
  >;
};

export type Responder = {
  /** The responder's proposal for a ticket: nothing is sent or changed. */
  draft(workspaceId: string, ticketId: string): Promise<Draft>;
};

export function createResponder(deps: {
  sources: ContextSources;
  clock: Clock;
  model?: ModelWriter | null;
}): Responder {
  return {
    async draft(workspaceId, ticketId) {
      const context = await assembleContext(deps.sources, workspaceId, ticketId, deps.clock.now());
      const offline = composeOfflineDraft(context);
      const reviewed = review(offline, offline.draft, context);
      if (!deps.model) return reviewed.draft;
      return withModel(deps.model, context, offline, reviewed.draft);
    },
  };
}

function review(offline: OfflineDraft, draft: Draft, context: ResponderContext) {
  const { plan, signals } = offline;
  const derivedNumbers = plan.finding ? [String(plan.finding.failures.length), String(plan.finding.lastingDays)] : [];
  return reviewDraft({
    draft,
    context,
    language: offline.draft.triage.language.split("-")[0] ?? "en",
    injectionFlagged: signals.injection.flagged,
    refundRefused: plan.path === "refund_refused",
    derivedNumbers,
  });
}

/** The model rewrites the words; the offline plan keeps the facts. Any failure falls back to offline. */
async function withModel(
  model: ModelWriter,
  context: ResponderContext,
  offline: OfflineDraft,
  fallback: Draft,
): Promise<Draft> {
  const written = await model.write(context, fallback);
  const cost = written.promptTokens === null ? "" : ` (${written.promptTokens} prompt tokens)`;
  const fallBack = (reason: string) => ({
    ...fallback,
    internalNote: {
      ...fallback.internalNote,
      body: `${fallback.internalNote.body}\nModel ${model.engine} not used${cost}: ${reason}.`,
    },
  });
  if (!written.ok) return fallBack(written.reason);
  const known = new Set(fallback.citations.map((citation) => `${citation.kind}:${citation.id}`));
  const candidate: Draft = {
    ...fallback,
    reply: { ...fallback.reply, body: written.reply },
    internalNote: { ...fallback.internalNote, body: `${written.internalNote}\nModel ${model.engine}${cost}.` },
    citations: [
      ...fallback.citations,
      ...written.citations.filter(
        (citation) => !known.has(`${citation.kind}:${citation.id}`) && isInContext(citation, context),
      ),
    ],
    engine: model.engine,
  };
  const reviewed = review(offline, candidate, context);
  if (reviewed.rejected)
    return fallBack(`review rejected it: ${reviewed.findings.map((finding) => finding.detail).join("; ")}`);
  return reviewed.draft;
}

function isInContext(citation: Draft["citations"][number], context: ResponderContext): boolean {
  switch (citation.kind) {
    case "account_event":
      return context.accountEvents.some((event) => event.id === citation.id);
    case "article":
      return context.articles.some((scored) => scored.item.id === citation.id);
    case "known_issue":
      return context.knownIssues.some((scored) => scored.item.id === citation.id);
    case "ticket":
      return (
        citation.id === context.ticket.id ||
        context.earlierTickets.some((ticket) => ticket.id === citation.id) ||
        context.similarTickets.some((scored) => scored.item.id === citation.id)
      );
  }
}
