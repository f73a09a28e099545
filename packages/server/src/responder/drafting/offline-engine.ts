import type { ResponderContext } from "../context/responder-context.ts";
import type { Draft, DraftAction } from "../draft.ts";
import { priorityFor, readSignals, type TicketSignals } from "../triage-ticket.ts";
import { exceededLimits } from "./account-findings.ts";
import { phrasesFor } from "./phrases/index.ts";
import { findFindings, planResponse, type ResponsePlan } from "./plan-response.ts";
import { renderNote } from "./render-note.ts";
import { renderReply } from "./render-reply.ts";

export type OfflineDraft = { draft: Draft; plan: ResponsePlan; signals: TicketSignals };

/** The default engine: a grounded, specific draft from the workspace's data alone, no model, no network. */
export function composeOfflineDraft(context: ResponderContext): OfflineDraft {
  const findings = findFindings(context);
  const documentedLimit =
    findings.some((finding) => exceededLimits(finding.figures).length > 0) && !context.knownIssues.length;
  const signals = readSignals(context, documentedLimit);
  const plan = planResponse(context, signals, findings);
  // The knowledge base answered it as designed: that is what a how-to question is.
  if (plan.path === "answer" && signals.category === "other") signals.category = "how_to";
  const { language, phrases } = phrasesFor(signals.language);
  const reply = renderReply(plan, context, signals, { phrases, language, timeZone: context.workspace.timezone });
  const note = renderNote(plan, context, signals);
  const priority = priorityFor(signals, context, {
    outage: signals.category === "outage",
    blocking: plan.finding !== null,
  });

  const actions: DraftAction[] = [...plan.actions];
  if (priority !== context.ticket.priority) {
    actions.unshift({
      type: "set_priority",
      params: { priority },
      reason: `Triage: ${signals.category}, frustration ${signals.frustration.toFixed(2)}.`,
    });
  }
  if (!context.ticket.topic && context.topic.source !== "subject") {
    actions.unshift({
      type: "set_topic",
      params: { topic: context.topic.label },
      reason: `Learnt from the workspace's labelled tickets (${context.topic.source}).`,
    });
  }
  if (signals.injection.flagged) {
    actions.push({
      type: "add_tags",
      params: { tags: ["prompt-injection"] },
      reason: "Instructions to the assistant found in the customer's text.",
    });
  }

  const draft: Draft = {
    ticketId: context.ticket.id,
    triage: {
      topic: topicLabel(context, signals),
      category: signals.category,
      priority,
      sentiment: signals.sentiment,
      frustration: signals.frustration,
      language: signals.language,
      escalate: plan.escalation ? { teamId: plan.escalation.team.id, reason: plan.escalation.reason } : null,
    },
    reply: { channel: context.ticket.channel, body: reply },
    internalNote: note,
    actions,
    followUp: plan.followUp ? { dueAt: plan.followUp.dueAt.toISOString(), reason: plan.followUp.reason } : null,
    knowledgeBase: plan.knowledgeGap
      ? {
          ...(plan.knowledgeGap.articleId ? { articleId: plan.knowledgeGap.articleId } : {}),
          title: plan.knowledgeGap.title,
          body: plan.knowledgeGap.body,
        }
      : null,
    citations: uniqueCitations(plan.citations),
    confidence: confidenceOf(plan, signals, language),
    engine: "offline",
  };
  return { draft, plan, signals };
}

function uniqueCitations(citations: Draft["citations"]): Draft["citations"] {
  const seen = new Set<string>();
  return citations.filter((citation) => {
    const key = `${citation.kind}:${citation.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How sure the engine is, from how much of the draft stands on the workspace's data. */
function confidenceOf(plan: ResponsePlan, signals: TicketSignals, language: string): number {
  let confidence = plan.path === "clarify" ? 0.4 : 0.5;
  if (plan.finding) confidence += 0.2;
  if (plan.knownIssue || plan.article || plan.policy) confidence += 0.15;
  if (plan.path === "confirmed" || plan.path === "sensitive") confidence += 0.2;
  confidence += 0.1 * signals.categoryConfidence;
  // The customer writes a language the engine has no phrases for: the reply is in English.
  if (language !== signals.language.split("-")[0]) confidence -= 0.2;
  if (signals.injection.flagged) confidence -= 0.3;
  return Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;
}

/** Without a learnt topic or a subject, the category names the problem: never the customer's own first line. */
function topicLabel(context: ResponderContext, signals: TicketSignals): string {
  if (context.topic.source === "subject" && !context.ticket.subject?.trim())
    return signals.category.replaceAll("_", " ");
  return context.topic.label;
}
