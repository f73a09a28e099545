import type { Customer } from "../customers/customer.ts";
import type { TicketDetail } from "../tickets/ticket.ts";

const hour = 60 * 60 * 1000;
const day = 24 * hour;

export type InteractionReportInput = {
  ticket: TicketDetail;
  customer: Pick<Customer, "id" | "name" | "plan"> | null;
  /** The customer's other tickets created before this one. */
  priorTickets: { id: string; createdAt: Date; topic: string | null; csatScore: number | null }[];
  /** The responder's triage of the ticket, read from its stored messages; null when unavailable. */
  triage: { category: string; topic: string; sentiment: string; frustration: number } | null;
  knownIssue: { id: string; title: string; status: string } | null;
  /** Articles the responder cited for this ticket. */
  articles: { id: string; title: string }[];
  /** From the SLA clocks: whether each target was met, missed, or had none. */
  sla: { firstResponse: SlaOutcome; resolution: SlaOutcome };
  teamNames: Record<string, string>;
  writtenAt: Date;
};

export type SlaOutcome = "met" | "missed" | "no_target";

export type InteractionReport = {
  ticketId: string;
  writtenAt: string;
  customer: {
    id: string;
    name: string | null;
    plan: string | null;
    channel: string;
    priority: string | null;
    priorTickets: number;
    priorAverageCsat: number | null;
  };
  issue: {
    subject: string | null;
    category: string | null;
    topic: string | null;
    description: string | null;
    urgency: string | null;
    emotion: { sentiment: string; frustration: number } | null;
  };
  resolution: {
    rootCause: string | null;
    customerGoal: string | null;
    steps: { at: string; by: string; action: string; result: string | null }[];
    teams: { id: string; name: string }[];
    articles: { id: string; title: string }[];
    confirmation: { how: "customer" | "window_passed" | "not_yet"; at: string | null };
  };
  outcome: {
    resolutionMinutes: number | null;
    firstContactResolution: boolean;
    csat: { score: number; comment: string | null } | null;
    sla: { firstResponse: SlaOutcome; resolution: SlaOutcome };
    escalations: { at: string; toTeam: string | null; reason: string | null }[];
    reopened: number;
    recurrenceRisk: { level: "low" | "medium" | "high"; reasons: string[] };
  };
  followUps: { after: "24 hours" | "7 days" | "30 days"; dueAt: string; action: string }[];
};

const excerpt = (text: string, length = 280) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

const firstSentence = (text: string) => excerpt(text.split(/(?<=[.!?])\s/)[0] ?? text, 200);

const answersCustomer = (author: string, isPublic: boolean) =>
  isPublic && (author.startsWith("agent:") || author === "responder");

/** The interaction report of spec/service-levels.md, from stored facts only: absent facts stay null. */
export function buildInteractionReport(input: InteractionReportInput): InteractionReport {
  const { ticket } = input;
  const messages = ticket.messages;
  const events = ticket.events;
  const customerMessages = messages.filter((message) => message.author === "customer");
  const replies = messages.filter((message) => answersCustomer(message.author, message.public));
  const firstSolved = events.find((event) => event.type === "status_changed" && event.to === "solved");
  const reopened = events.filter((event) => event.type === "reopened").length;
  const escalations = events
    .filter((event) => event.type === "escalated")
    .map((event) => ({
      at: event.at.toISOString(),
      toTeam: event.to,
      reason: typeof event.data?.reason === "string" ? event.data.reason : null,
    }));
  const closedEvent = events.find((event) => event.type === "status_changed" && event.to === "closed");
  const confirmationKind = closedEvent?.data?.confirmation;

  const teamIds = new Set<string>();
  if (ticket.teamId) teamIds.add(ticket.teamId);
  for (const event of events) {
    if ((event.type === "team_changed" || event.type === "escalated") && event.to) teamIds.add(event.to);
    if (event.type === "team_changed" && event.from) teamIds.add(event.from);
  }

  const steps: InteractionReport["resolution"]["steps"] = [];
  for (const message of messages) {
    if (!answersCustomer(message.author, message.public) && !(message.author.startsWith("agent:") && !message.public)) {
      continue;
    }
    const nextCustomer = customerMessages.find((later) => later.at.getTime() > message.at.getTime());
    steps.push({
      at: message.at.toISOString(),
      by: message.author,
      action: `${message.public ? "Replied" : "Internal note"}: ${excerpt(message.body, 200)}`,
      result: message.public ? (nextCustomer ? `Customer answered: ${excerpt(nextCustomer.body, 160)}` : null) : null,
    });
  }
  for (const event of events) {
    const by = event.actor ?? "system";
    const at = event.at.toISOString();
    if (event.type === "assigned") steps.push({ at, by, action: `Assigned to ${event.to ?? "nobody"}`, result: null });
    if (event.type === "escalated") {
      const reason = typeof event.data?.reason === "string" ? ` (${event.data.reason})` : "";
      steps.push({ at, by, action: `Escalated to ${event.to ?? "another team"}${reason}`, result: null });
    }
    if (event.type === "status_changed" && event.from !== null) {
      steps.push({ at, by, action: `Status ${event.from} → ${event.to}`, result: null });
    }
  }
  steps.sort((a, b) => a.at.localeCompare(b.at));

  const priorScores = input.priorTickets.flatMap((prior) => (prior.csatScore === null ? [] : [prior.csatScore]));
  const topic = ticket.topic ?? input.triage?.topic ?? null;
  const solvedAt = firstSolved?.at ?? null;
  const recentSameTopic = input.priorTickets.filter(
    (prior) =>
      topic !== null && prior.topic === topic && ticket.createdAt.getTime() - prior.createdAt.getTime() <= 30 * day,
  ).length;

  const riskReasons: string[] = [];
  let riskScore = 0;
  if (input.knownIssue && input.knownIssue.status !== "fixed") {
    riskScore += 2;
    riskReasons.push(`known issue ${input.knownIssue.id} is ${input.knownIssue.status.replaceAll("_", " ")}`);
  }
  if (recentSameTopic > 0) {
    riskScore += recentSameTopic >= 2 ? 2 : 1;
    riskReasons.push(`${recentSameTopic} earlier ticket(s) on ${topic} in the 30 days before`);
  }
  if (reopened > 0) {
    riskScore += 1;
    riskReasons.push(`reopened ${reopened} time(s)`);
  }
  if (ticket.csat && ticket.csat.score <= 3) {
    riskScore += 1;
    riskReasons.push(`CSAT ${ticket.csat.score}`);
  }
  const level = riskScore >= 2 ? "high" : riskScore === 1 ? "medium" : "low";

  const base = (solvedAt ?? input.writtenAt).getTime();
  const followUps: InteractionReport["followUps"] = [
    {
      after: "24 hours",
      dueAt: new Date(base + day).toISOString(),
      action:
        ticket.csat && ticket.csat.score <= 3
          ? `Contact the customer about their CSAT of ${ticket.csat.score} and what would have helped.`
          : confirmationKind === "customer"
            ? "Check that the confirmed fix still holds."
            : "Confirm with the customer that the fix works.",
    },
    {
      after: "7 days",
      dueAt: new Date(base + 7 * day).toISOString(),
      action:
        input.knownIssue && input.knownIssue.status !== "fixed"
          ? `Check known issue ${input.knownIssue.id} ("${input.knownIssue.title}") and tell the customer when it is fixed.`
          : `Check whether the customer opened new tickets${topic ? ` on ${topic}` : ""}.`,
    },
    {
      after: "30 days",
      dueAt: new Date(base + 30 * day).toISOString(),
      action:
        input.articles.length === 0 && level !== "low"
          ? `Review recurrence${topic ? ` of ${topic}` : ""} and write a knowledge-base article if it came back.`
          : `Review recurrence${topic ? ` of ${topic}` : ""} for this customer and account.`,
    },
  ];

  const firstCustomer = customerMessages[0];
  return {
    ticketId: ticket.id,
    writtenAt: input.writtenAt.toISOString(),
    customer: {
      id: ticket.customerId,
      name: input.customer?.name ?? null,
      plan: input.customer?.plan ?? null,
      channel: ticket.channel,
      priority: ticket.priority,
      priorTickets: input.priorTickets.length,
      priorAverageCsat:
        priorScores.length > 0 ? priorScores.reduce((sum, score) => sum + score, 0) / priorScores.length : null,
    },
    issue: {
      subject: ticket.subject,
      category: input.triage?.category ?? null,
      topic,
      description: firstCustomer ? excerpt(firstCustomer.body, 600) : null,
      urgency: ticket.priority,
      emotion: input.triage ? { sentiment: input.triage.sentiment, frustration: input.triage.frustration } : null,
    },
    resolution: {
      rootCause: input.knownIssue ? `Known issue ${input.knownIssue.id}: ${input.knownIssue.title}` : null,
      customerGoal: ticket.subject ?? (firstCustomer ? firstSentence(firstCustomer.body) : null),
      steps,
      teams: [...teamIds].map((id) => ({ id, name: input.teamNames[id] ?? id })),
      articles: input.articles,
      confirmation: {
        how: confirmationKind === "customer" || confirmationKind === "window_passed" ? confirmationKind : "not_yet",
        at: closedEvent ? closedEvent.at.toISOString() : null,
      },
    },
    outcome: {
      resolutionMinutes: solvedAt ? (solvedAt.getTime() - ticket.createdAt.getTime()) / 60_000 : null,
      firstContactResolution: replies.length === 1 && escalations.length === 0 && reopened === 0,
      csat: ticket.csat ? { score: ticket.csat.score, comment: ticket.csat.comment } : null,
      sla: input.sla,
      escalations,
      reopened,
      recurrenceRisk: { level, reasons: riskReasons },
    },
    followUps,
  };
}

const orDash = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === "" ? "—" : String(value);

const hours = (minutes: number | null) => (minutes === null ? "—" : `${(minutes / 60).toFixed(1)} h`);

/** The report as Markdown, for export and for pasting into a hand-over. */
export function renderInteractionReportMarkdown(report: InteractionReport): string {
  const { customer, issue, resolution, outcome } = report;
  const lines = [
    `# Interaction report: ticket ${report.ticketId}`,
    "",
    `Written ${report.writtenAt}.`,
    "",
    "## Customer",
    `- Name: ${orDash(customer.name)}`,
    `- Plan: ${orDash(customer.plan)}`,
    `- Channel: ${customer.channel}`,
    `- Priority: ${orDash(customer.priority)}`,
    `- Prior tickets: ${customer.priorTickets} (average CSAT ${
      customer.priorAverageCsat === null ? "—" : customer.priorAverageCsat.toFixed(1)
    })`,
    "",
    "## Issue",
    `- Subject: ${orDash(issue.subject)}`,
    `- Category: ${orDash(issue.category)}; topic: ${orDash(issue.topic)}`,
    `- Urgency: ${orDash(issue.urgency)}`,
    `- Emotion: ${
      issue.emotion ? `${issue.emotion.sentiment}, frustration ${issue.emotion.frustration.toFixed(2)}` : "—"
    }`,
    `- Description: ${orDash(issue.description)}`,
    "",
    "## Resolution",
    `- Root cause: ${orDash(resolution.rootCause)}`,
    `- Customer's goal: ${orDash(resolution.customerGoal)}`,
    `- Teams: ${resolution.teams.length ? resolution.teams.map((team) => team.name).join(", ") : "—"}`,
    `- Articles: ${
      resolution.articles.length
        ? resolution.articles.map((article) => `${article.title} (${article.id})`).join(", ")
        : "—"
    }`,
    `- Confirmed: ${
      resolution.confirmation.how === "not_yet"
        ? "not yet"
        : `${resolution.confirmation.how === "customer" ? "by the customer" : "window passed without an answer"} at ${resolution.confirmation.at}`
    }`,
    "",
    "### Steps",
    ...(resolution.steps.length
      ? resolution.steps.map(
          (step) => `- ${step.at} ${step.by}: ${step.action}${step.result ? ` → ${step.result}` : ""}`,
        )
      : ["- —"]),
    "",
    "## Outcome",
    `- Resolution time: ${hours(outcome.resolutionMinutes)}`,
    `- First-contact resolution: ${outcome.firstContactResolution ? "yes" : "no"}`,
    `- CSAT: ${outcome.csat ? `${outcome.csat.score}${outcome.csat.comment ? ` ("${outcome.csat.comment}")` : ""}` : "—"}`,
    `- SLA: first response ${outcome.sla.firstResponse.replaceAll("_", " ")}, resolution ${outcome.sla.resolution.replaceAll("_", " ")}`,
    `- Escalations: ${
      outcome.escalations.length
        ? outcome.escalations
            .map((escalation) => `to ${orDash(escalation.toTeam)} (${orDash(escalation.reason)})`)
            .join("; ")
        : "none"
    }`,
    `- Reopened: ${outcome.reopened}`,
    `- Recurrence risk: ${outcome.recurrenceRisk.level}${
      outcome.recurrenceRisk.reasons.length ? ` (${outcome.recurrenceRisk.reasons.join("; ")})` : ""
    }`,
    "",
    "## Follow-ups",
    ...report.followUps.map((followUp) => `- After ${followUp.after} (${followUp.dueAt}): ${followUp.action}`),
    "",
  ];
  return lines.join("\n");
}

export type InteractionReportStore = {
  save(workspaceId: string, ticketId: string, report: InteractionReport, at: Date): Promise<void>;
  get(workspaceId: string, ticketId: string): Promise<InteractionReport | null>;
};
