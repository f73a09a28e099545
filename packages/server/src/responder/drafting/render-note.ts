import type { ResponderContext } from "../context/responder-context.ts";
import type { TicketSignals } from "../triage-ticket.ts";
import type { ResponsePlan } from "./plan-response.ts";

/** The internal note, in the team's working language: what happened, why, what was linked, who to tag. */
export function renderNote(
  plan: ResponsePlan,
  context: ResponderContext,
  signals: TicketSignals,
): { body: string; tags: string[] } {
  const { customer, ticket } = context;
  const lines: string[] = [];
  const tags = new Set<string>([signals.category]);
  const who = [customer.company, customer.plan ? `plan ${customer.plan}` : null].filter(Boolean).join(", ");
  const mood = signals.moodSignals.length ? `: ${signals.moodSignals.join(", ")}` : "";
  lines.push(
    `Problem: ${context.topic.label} (${signals.category}), from ${customer.name}${who ? ` (${who})` : ""} by ${ticket.channel}; frustration ${signals.frustration.toFixed(2)}${mood}.`,
  );

  if (plan.finding) {
    const { finding } = plan;
    const figures = finding.figures
      .map(
        (figure) =>
          `${figure.field} ${"value" in figure ? figure.value : "seconds" in figure ? figure.seconds : figure.amount}`,
      )
      .join(", ");
    lines.push(
      `Root cause found: ${finding.eventType} ${finding.failures.length} time(s) since ${finding.startedAt.toISOString()}${figures ? `; latest: ${figures}` : ""} (account events ${[...new Set([finding.failures[0]?.id, finding.latest.id])].join(", ")}).`,
    );
  } else if (plan.path === "clarify") {
    lines.push("Root cause: not found yet; nothing in the account explains it. Asked the customer for details.");
  }

  if (plan.knownIssue) {
    lines.push(
      `Product bug: incident of known issue ${plan.knownIssue.id} “${plan.knownIssue.title}” (${plan.knownIssue.status}).`,
    );
    tags.add("product-bug");
  } else if (plan.path === "new_bug") {
    lines.push("Log this as a product bug: no known issue matches yet; create one and link this ticket.");
    tags.add("product-bug");
  }

  if (plan.knowledgeGap) {
    const target = plan.knowledgeGap.articleId ? `update article ${plan.knowledgeGap.articleId}` : "add an article";
    lines.push(
      `KB gap: ${target}: “${plan.knowledgeGap.title}” (${context.recurringTicketIds.length} tickets in 30 days).`,
    );
    tags.add("kb-gap");
  } else if (plan.coveringArticle && plan.knownIssue && plan.knownIssue.status !== "fixed") {
    lines.push(
      `KB update: “${plan.coveringArticle.title}” (${plan.coveringArticle.id}) documents the current behaviour; update it when the fix for ${plan.knownIssue.id} ships.`,
    );
    tags.add("kb-update");
  }

  if (plan.escalation) {
    const { team, need, reason } = plan.escalation;
    lines.push(
      need === "engineering"
        ? `Tag ${team.name} (${team.id}) for a priority fix: ${reason}.`
        : `Escalated to ${team.name} (${team.id}): ${reason}. Support keeps owning the ticket until the customer confirms.`,
    );
    tags.add(team.id);
  }
  if (plan.policy) lines.push(`Policy applied: ${plan.policy.article.id}: “${plan.policy.text}”`);
  if (plan.followUp) lines.push(`Follow-up due ${plan.followUp.dueAt.toISOString()}: ${plan.followUp.reason}`);
  if (signals.injection.flagged) {
    lines.push(
      `Prompt injection attempt in the customer's text, not followed: ${signals.injection.reasons.join("; ")}.`,
    );
    tags.add("prompt-injection");
  }
  if (signals.earlierContactsOnSameProblem > 0) {
    lines.push(
      `Repeat contact: ${signals.earlierContactsOnSameProblem} earlier ticket(s) on the same problem in 30 days.`,
    );
    tags.add("repeat-contact");
  }
  return { body: lines.join("\n"), tags: [...tags] };
}
