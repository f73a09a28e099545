import type { AccountEvent } from "../../core/customers/customer.ts";
import type { Article, KnownIssue, Team, TicketSummary } from "../../core/ports.ts";
import { significantWords } from "../context/assemble-context.ts";
import type { ResponderContext } from "../context/responder-context.ts";
import type { Citation, DraftAction } from "../draft.ts";
import { chooseEscalation, type EscalationNeed } from "../triage/index.ts";
import type { TicketSignals } from "../triage-ticket.ts";
import {
  type AccountFinding,
  exceededLimits,
  type Figure,
  findAccountFindings,
  readFigures,
} from "./account-findings.ts";
import { asksForRefund, confirmsResolution, refundRefusal, supportCanRunManually } from "./conversation-cues.ts";
import { nextFollowUp } from "./follow-up-time.ts";
import { articleSteps, firstSentence, wordCount } from "./knowledge-excerpts.ts";

/** The path a reply takes; one per ticket, chosen from what the workspace knows. */
export type ReplyPath =
  | "confirmed"
  | "sensitive"
  | "known_problem"
  | "new_bug"
  | "refund_refused"
  | "refund_requested"
  | "answer"
  | "feature_request"
  | "complaint"
  | "clarify";

export type ResponsePlan = {
  path: ReplyPath;
  finding: AccountFinding | null;
  /** Recent payments in the account, quoted when the ticket is about money. */
  payments: { event: AccountEvent; amount: Figure }[];
  knownIssue: KnownIssue | null;
  /** The article the reply quotes (steps, workaround or policy). */
  article: Article | null;
  steps: string[];
  workaround: { text: string; source: Citation } | null;
  policy: { text: string; article: Article } | null;
  rerun: boolean;
  escalation: { team: Team; need: EscalationNeed; reason: string } | null;
  /** The team that fixes the product, named in the reply even when the ticket is not escalated to it. */
  fixTeam: Team | null;
  followUp: { dueAt: Date; tomorrow: boolean; reason: string } | null;
  /** Articles that already cover the problem: when set, no new article is proposed. */
  coveringArticle: Article | null;
  knowledgeGap: { title: string; body: string; articleId?: string; sources: TicketSummary[] } | null;
  actions: DraftAction[];
  citations: Citation[];
};

// An article must share this share of its title's words with the conversation to count as covering it.
const articleTitleOverlap = 0.5;
// Shorter than this, an article names a topic without answering it.
const thinArticleWords = 60;

export function findFindings(context: ResponderContext): AccountFinding[] {
  const conversation = [
    context.ticket.subject ?? "",
    context.topic.label,
    ...context.customerMessages.map((m) => m.body),
  ].join("\n");
  return findAccountFindings(context.accountEvents, conversation, context.asOf);
}

export function planResponse(
  context: ResponderContext,
  signals: TicketSignals,
  findings: AccountFinding[],
): ResponsePlan {
  const finding = findings[0] ?? null;
  const latest = context.customerMessages.at(-1)?.body ?? "";
  const conversation = context.customerMessages.map((message) => message.body).join("\n");
  const knownIssue = context.knownIssues[0]?.item ?? null;
  const relevantArticles = context.articles
    .filter((scored, rank) => covers(scored.item, context, finding, rank))
    .map((scored) => scored.item);
  const article = relevantArticles[0] ?? null;
  const plan: ResponsePlan = {
    path: "clarify",
    finding,
    payments: [],
    knownIssue: null,
    article: null,
    steps: [],
    workaround: null,
    policy: null,
    rerun: false,
    escalation: null,
    fixTeam: null,
    followUp: null,
    coveringArticle: article && wordCount(article.body) >= thinArticleWords ? article : null,
    knowledgeGap: null,
    actions: [],
    citations: [],
  };
  const teamFor = (need: EscalationNeed, reason: string) => {
    const chosen = chooseEscalation({
      need,
      reason,
      teams: context.workspace.teams,
      ticketTeamId: context.ticket.teamId,
    });
    const team = chosen && context.workspace.teams.find((candidate) => candidate.id === chosen.teamId);
    return chosen && team ? { team, need, reason: chosen.reason } : null;
  };
  const escalate = (need: EscalationNeed, reason: string) => {
    plan.escalation = teamFor(need, reason);
  };
  const useArticle = (chosen: Article) => {
    plan.article = chosen;
    plan.citations.push({ kind: "article", id: chosen.id });
  };

  if (finding) citeFinding(plan, finding);

  const hadOurReply = context.ticket.messages.some(
    (message) => message.public && (message.author === "responder" || message.author.startsWith("agent:")),
  );
  if (hadOurReply && confirmsResolution(latest)) {
    plan.path = "confirmed";
    plan.actions.push({ type: "set_status", params: { status: "solved" }, reason: "The customer confirmed it works." });
    plan.actions.push({ type: "request_csat", params: {}, reason: "Ask for satisfaction once a ticket is solved." });
    return finish(plan, context);
  }

  if (signals.sensitiveNeed) {
    plan.path = "sensitive";
    escalate(signals.sensitiveNeed, `${signals.sensitiveNeed} request: handled by its own team`);
    if (article) useArticle(article);
    return finish(plan, context);
  }

  if (knownIssue && knownIssue.status !== "fixed") {
    plan.path = "known_problem";
    plan.knownIssue = knownIssue;
    plan.citations.push({ kind: "known_issue", id: knownIssue.id });
    plan.actions.push({
      type: "link_known_issue",
      params: { knownIssueId: knownIssue.id },
      reason: `An incident of the known issue “${knownIssue.title}”.`,
    });
    if (knownIssue.workaround) {
      plan.workaround = {
        text: firstSentence(knownIssue.workaround),
        source: { kind: "known_issue", id: knownIssue.id },
      };
    } else if (article) {
      useArticle(article);
      plan.steps = articleSteps(article.body);
    }
    plan.rerun =
      finding !== null &&
      [knownIssue.workaround ?? "", ...relevantArticles.map((candidate) => candidate.body)].some(supportCanRunManually);
    plan.fixTeam = teamFor("engineering", `product bug: ${knownIssue.title}`)?.team ?? null;
    // The resolution waits on the fix (and on any manual run), so the ticket waits on that team.
    escalate("engineering", `product bug: ${knownIssue.title}`);
    return finish(plan, context);
  }

  if (asksForRefund(conversation) || signals.category === "billing") {
    plan.payments = recentPayments(context);
    for (const { event } of plan.payments) plan.citations.push({ kind: "account_event", id: event.id });
  }

  if (asksForRefund(conversation)) {
    const refusal = context.articles
      .map((scored) => ({ article: scored.item, text: refundRefusal(scored.item.body) }))
      .find((candidate) => candidate.text !== null);
    if (refusal?.text) {
      plan.path = "refund_refused";
      plan.policy = { text: refusal.text, article: refusal.article };
      plan.citations.push({ kind: "article", id: refusal.article.id });
      return finish(plan, context);
    }
    plan.path = "refund_requested";
    escalate("billing", "refund request: billing decides refunds");
    plan.actions.push({
      type: "request_refund",
      params: { ticketId: context.ticket.id },
      reason: "The customer asks for a refund; billing reviews it.",
    });
    return finish(plan, context);
  }

  const answering = article && articleSteps(article.body).length > 0 && wordCount(article.body) >= thinArticleWords;
  if (finding && answering && article) {
    plan.path = "answer";
    useArticle(article);
    plan.steps = articleSteps(article.body);
    return finish(plan, context);
  }

  if (
    finding &&
    (signals.category === "bug" || signals.category === "outage" || exceededLimits(finding.figures).length)
  ) {
    plan.path = "new_bug";
    if (article) {
      useArticle(article);
      plan.steps = articleSteps(article.body);
    }
    plan.rerun = relevantArticles.some((candidate) => supportCanRunManually(candidate.body));
    escalate("engineering", `product bug: ${finding.eventType} in the customer's account`);
    return finish(plan, context);
  }

  if (signals.category === "feature_request") {
    plan.path = "feature_request";
    plan.actions.push({
      type: "log_feature_request",
      params: { ticketId: context.ticket.id },
      reason: "A product suggestion.",
    });
    return finish(plan, context);
  }

  if (answering && article) {
    plan.path = "answer";
    useArticle(article);
    plan.steps = articleSteps(article.body);
    return finish(plan, context);
  }

  if (signals.category === "complaint") {
    plan.path = "complaint";
    escalate("next", "complaint about the service: a lead should own it");
    return finish(plan, context);
  }

  plan.path = "clarify";
  return finish(plan, context);
}

const paymentWindow = 60 * 24 * 60 * 60 * 1000;
const paymentsQuoted = 4;

/** Money the account recorded lately (charges, payments, refunds), newest first. */
function recentPayments(context: ResponderContext): ResponsePlan["payments"] {
  return context.accountEvents
    .filter((event) => event.at <= context.asOf && context.asOf.getTime() - event.at.getTime() <= paymentWindow)
    .flatMap((event) => {
      const amount = readFigures(event.data ?? {}).find((figure) => figure.kind === "money");
      return amount ? [{ event, amount }] : [];
    })
    .slice(0, paymentsQuoted);
}

function citeFinding(plan: ResponsePlan, finding: AccountFinding) {
  const cited = new Set<string>();
  for (const event of [finding.failures[0], finding.latest]) {
    if (event && !cited.has(event.id)) {
      cited.add(event.id);
      plan.citations.push({ kind: "account_event", id: event.id });
    }
  }
}

/** Actions, the follow-up and the knowledge gap follow from the path. */
function finish(plan: ResponsePlan, context: ResponderContext): ResponsePlan {
  if (plan.rerun && plan.finding) {
    plan.actions.push({
      type: "rerun_operation",
      params: { accountEventId: plan.finding.latest.id, operation: plan.finding.operation },
      reason: "The workspace's knowledge says support can run it manually while the fix is pending.",
    });
  }
  if (plan.escalation) {
    plan.actions.push({
      type: "escalate",
      params: { teamId: plan.escalation.team.id },
      reason: plan.escalation.reason,
    });
  }
  const waitsOnUs =
    plan.escalation !== null || plan.rerun || plan.path === "refund_requested" || plan.path === "new_bug";
  if (waitsOnUs && plan.path !== "confirmed") {
    const due = nextFollowUp(context.now, context.workspace.timezone, context.workspace.businessHours);
    const reason = plan.escalation
      ? `Confirm with the customer and check on ${plan.escalation.team.name}: ${plan.escalation.reason}.`
      : "Confirm with the customer that it works.";
    plan.followUp = { ...due, reason };
    plan.actions.push({ type: "schedule_follow_up", params: { dueAt: due.dueAt.toISOString() }, reason });
  }
  // The note asks for this article to be updated when the fix ships: it is a source too.
  if (plan.coveringArticle && plan.knownIssue) plan.citations.push({ kind: "article", id: plan.coveringArticle.id });
  // A clarifying question still feeds the knowledge base when history already named the problem.
  const problemKnown = plan.path !== "clarify" || context.topic.source !== "subject";
  if (!plan.coveringArticle && plan.path !== "confirmed" && problemKnown) {
    plan.knowledgeGap = knowledgeGapFor(plan, context);
  }
  return plan;
}

// The best-ranked article also counts when its text shares this many topic words with the conversation.
const topArticleSharedWords = 4;

function covers(article: Article, context: ResponderContext, finding: AccountFinding | null, rank: number): boolean {
  const question = new Set(
    significantWords(
      [
        context.ticket.subject ?? "",
        context.topic.label,
        finding?.eventType ?? "",
        ...context.customerMessages.map((message) => message.body),
      ].join(" "),
    ),
  );
  const titleWords = significantWords(article.title);
  if (!titleWords.length) return false;
  const shared = titleWords.filter((word) => question.has(word)).length;
  if (shared / titleWords.length >= articleTitleOverlap) return true;
  if (rank > 0) return false;
  const bodyWords = new Set(significantWords(article.body));
  return [...question].filter((word) => bodyWords.has(word)).length >= topArticleSharedWords;
}

/** A recurring problem without an article: propose one from what the team already answered. */
function knowledgeGapFor(plan: ResponsePlan, context: ResponderContext): ResponsePlan["knowledgeGap"] {
  if (context.recurringTicketIds.length < 2) return null;
  const thin = context.articles.find((scored, rank) => covers(scored.item, context, plan.finding, rank))?.item ?? null;
  const answered = context.similarTickets
    .map((scored) => scored.item)
    .filter((summary) => summary.lastReply && context.recurringTicketIds.includes(summary.id))
    .slice(0, 3);
  const title = plan.knownIssue?.title ?? capitalise(context.topic.label);
  const lines = [`## Problem`, `${title}: raised in ${context.recurringTicketIds.length} tickets in the last 30 days.`];
  if (plan.workaround) lines.push("", "## Workaround", plan.workaround.text);
  if (plan.steps.length) lines.push("", "## Steps", ...plan.steps.map((step, index) => `${index + 1}. ${step}`));
  if (answered.length) {
    lines.push("", "## How the team answered it");
    for (const summary of answered) lines.push(`- ${firstSentence(summary.lastReply ?? "")} (ticket ${summary.id})`);
    for (const summary of answered) plan.citations.push({ kind: "ticket", id: summary.id });
  }
  return { title, body: lines.join("\n"), ...(thin ? { articleId: thin.id } : {}), sources: answered };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
