import type { Draft } from "../responder/draft.ts";

/** A draft as a person reads it in a terminal: the reply first, then what the team should know. */
export function formatDraft(draft: Draft): string {
  const { triage } = draft;
  const lines = [
    `Ticket ${draft.ticketId}: ${triage.topic} (${triage.category}, ${triage.priority}, ${triage.sentiment}, frustration ${triage.frustration.toFixed(2)}, ${triage.language})`,
    triage.escalate ? `Escalate to ${triage.escalate.teamId}: ${triage.escalate.reason}` : "No escalation",
    "",
    `Reply (${draft.reply.channel}):`,
    indent(draft.reply.body),
    "",
    "Internal note:",
    indent(draft.internalNote.body),
    `Tags: ${draft.internalNote.tags.join(", ") || "none"}`,
  ];
  if (draft.actions.length) {
    lines.push("", "Proposed actions:");
    for (const action of draft.actions)
      lines.push(`  - ${action.type} ${JSON.stringify(action.params)}: ${action.reason}`);
  }
  if (draft.followUp) lines.push("", `Follow-up: ${draft.followUp.dueAt}: ${draft.followUp.reason}`);
  if (draft.knowledgeBase) {
    const target = draft.knowledgeBase.articleId ? `update ${draft.knowledgeBase.articleId}` : "new article";
    lines.push("", `Knowledge base (${target}): ${draft.knowledgeBase.title}`);
  }
  lines.push(
    "",
    `Citations: ${draft.citations.map((citation) => `${citation.kind}:${citation.id}`).join(", ") || "none"}`,
    `Confidence ${draft.confidence.toFixed(2)}, engine ${draft.engine}`,
  );
  return `${lines.join("\n")}\n`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}
