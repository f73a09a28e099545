import type { ResponderContext } from "../context/responder-context.ts";
import type { TicketSignals } from "../triage-ticket.ts";
import { type AccountFinding, exceededLimits, type Figure } from "./account-findings.ts";
import { formatDate, formatDay, formatDuration, formatMoney, formatNumber, formatSize } from "./format.ts";
import type { Phrases } from "./phrases/index.ts";
import type { ResponsePlan } from "./plan-response.ts";

/** Chat, social and phone (SMS) get a few sentences; email, in-app and API get the full letter. */
export function isShortChannel(channel: string): boolean {
  return channel === "chat" || channel === "social" || channel === "phone";
}

type Writing = { phrases: Phrases; language: string; timeZone: string };

// Frustrated customers get an apology; calm ones a plain thank-you.
const apologyFrustration = 0.4;

export function renderReply(
  plan: ResponsePlan,
  context: ResponderContext,
  signals: TicketSignals,
  writing: Writing,
): string {
  const { phrases } = writing;
  const short = isShortChannel(context.ticket.channel);
  const name = firstName(context.customer.name, writing.language);
  const paragraphs: string[] = [];
  const opening = [phrases.hello(name)];

  if (plan.path === "confirmed") {
    opening.push(phrases.thanksConfirmed());
    paragraphs.push(opening.join(short ? " " : "\n\n"));
    paragraphs.push(phrases.askSatisfaction());
    return finishLetter(paragraphs, context, writing, short);
  }

  opening.push(acknowledgement(plan, context, signals, writing));
  if (signals.earlierContactsOnSameProblem > 0 && !short) opening.push(phrases.repeatContact());
  paragraphs.push(opening.join(short ? " " : "\n\n"));

  if (signals.injection.flagged) paragraphs.push(phrases.notActingOnInstructions());

  if (plan.finding) paragraphs.push(describeFinding(plan.finding, writing, short));
  if (plan.payments.length) {
    const { language, timeZone } = writing;
    const items = plan.payments.map(({ event, amount }) =>
      phrases.paymentOn(formatFigure(amount, language), formatDate(event.at, language, timeZone)),
    );
    paragraphs.push(phrases.paymentsFound(items));
  }

  const { actions, guidance } = doingNow(plan, writing);
  const doing = [...actions, ...guidance];
  if (short && doing.length) {
    // A chat keeps the first thing being done and the workaround, a text message only the last.
    const textMessage = context.ticket.channel === "phone";
    paragraphs.push((textMessage ? doing.slice(-1) : doing.length > 2 ? [doing[0], doing.at(-1)] : doing).join(" "));
  } else if (actions.length) {
    paragraphs.push(`${phrases.doingNowHeader()}\n${phrases.list(doing)}`);
  } else {
    paragraphs.push(...guidance);
  }

  if (plan.policy) paragraphs.push(phrases.policy(plan.policy.article.title, plan.policy.text));

  if (plan.path === "clarify") {
    const questions = phrases.questions[questionKind(signals)];
    paragraphs.push(
      short ? `${phrases.askHeader()} ${questions.join("; ")}?` : `${phrases.askHeader()}\n${phrases.list(questions)}`,
    );
  }

  if (plan.followUp) {
    const when = formatDay(plan.followUp.dueAt, writing.language, writing.timeZone);
    const aboutFix = plan.path === "known_problem" || plan.path === "new_bug";
    const promise = phrases.followUp(when, plan.followUp.tomorrow, aboutFix);
    paragraphs.push(short ? promise : `${promise} ${phrases.replyAnytime()}`);
  }
  return finishLetter(paragraphs, context, writing, short);
}

function finishLetter(paragraphs: string[], context: ResponderContext, writing: Writing, short: boolean): string {
  if (short) return paragraphs.join(" ");
  return [...paragraphs, writing.phrases.signOff(context.workspace.name)].join("\n\n");
}

function acknowledgement(
  plan: ResponsePlan,
  context: ResponderContext,
  signals: TicketSignals,
  writing: Writing,
): string {
  const { phrases } = writing;
  const subject = context.ticket.subject?.trim();
  const problem = plan.finding
    ? phrases.failingProblem(plan.finding.operation)
    : subject
      ? phrases.quotedProblem(subject)
      : phrases.problems[signals.category];
  const days = plan.finding?.lastingDays ?? 0;
  const lasting = days >= 1 ? phrases.lasting(days) : null;
  return signals.frustration >= apologyFrustration || signals.sentiment === "negative"
    ? phrases.empathy(problem, lasting)
    : phrases.thanksForWriting(problem);
}

function describeFinding(finding: AccountFinding, writing: Writing, short: boolean): string {
  const { phrases, language, timeZone } = writing;
  const attempts = finding.failures.length;
  const found = phrases.foundInAccount(
    finding.operation,
    formatDate(finding.startedAt, language, timeZone),
    attempts,
    attempts > 1 ? formatDate(finding.latest.at, language, timeZone) : null,
  );
  const clauses = findingClauses(finding, writing);
  if (!clauses.length) return found;
  if (short) return `${found} ${capitalise(phrases.clauses(clauses.slice(0, 1)))}`;
  return `${found}\n${phrases.foundHeader()} ${phrases.clauses(clauses)}`;
}

function findingClauses(finding: AccountFinding, writing: Writing): string[] {
  const { phrases, language } = writing;
  const clauses: string[] = [];
  for (const { measured, limit } of exceededLimits(finding.figures)) {
    if (measured.kind === "duration") continue;
    clauses.push(phrases.overLimit(finding.operation, formatFigure(measured, language), formatFigure(limit, language)));
  }
  const timeout = finding.figures.find((figure) => figure.kind === "duration" && figure.role === "limit");
  const ran = finding.figures.find((figure) => figure.kind === "duration" && figure.role === "measured");
  if (timeout?.kind === "duration") {
    clauses.push(phrases.stoppedAtTimeout(formatDuration(timeout.seconds, language)));
  } else if (ran?.kind === "duration") {
    clauses.push(phrases.ranFor(formatDuration(ran.seconds, language)));
  }
  for (const figure of finding.figures) {
    if (figure.kind === "code") clauses.push(phrases.errorRecorded(figure.value));
  }
  return clauses;
}

export function formatFigure(figure: Figure, language: string): string {
  switch (figure.kind) {
    case "size":
      return formatSize(figure.value, figure.unit, language);
    case "duration":
      return formatDuration(figure.seconds, language);
    case "money":
      return formatMoney(figure.amount, figure.currency, language);
    case "count":
      return formatNumber(figure.value, language);
    default:
      return figure.value;
  }
}

/** What we are doing (`actions`), and what the customer can do meanwhile (`guidance`). */
function doingNow(plan: ResponsePlan, writing: Writing): { actions: string[]; guidance: string[] } {
  const { phrases } = writing;
  const lines: string[] = [];
  const guidance: string[] = [];
  const team = plan.escalation?.team.name ?? null;
  if (plan.rerun && plan.finding) lines.push(phrases.rerun(plan.finding.operation));
  if (plan.path === "known_problem" && plan.knownIssue) {
    if (plan.knownIssue.status === "open" && team) lines.push(phrases.flaggedBug(team, plan.knownIssue.title));
    else if (plan.knownIssue.status === "fix_in_progress")
      lines.push(phrases.fixInProgress(plan.fixTeam?.name ?? engineeringWord(writing.language), plan.knownIssue.title));
    else if (team) lines.push(phrases.flaggedBug(team, plan.knownIssue.title));
  } else if (plan.path === "new_bug" && team) {
    lines.push(phrases.reportedNewBug(team));
  } else if (
    plan.escalation &&
    (plan.path === "sensitive" || plan.path === "refund_requested" || plan.path === "complaint")
  ) {
    lines.push(phrases.passedTo(plan.escalation.team.name, teamRole(plan, writing.language)));
  }
  if (plan.path === "feature_request") lines.push(phrases.featureLogged(null));
  if (plan.workaround) {
    guidance.push(
      plan.knownIssue && plan.knownIssue.status !== "fixed"
        ? phrases.workaroundWhileFix(plan.workaround.text)
        : phrases.suggestedFix(plan.workaround.text),
    );
  }
  if (plan.steps.length && plan.article) {
    const steps = plan.steps.map((step, index) => `${index + 1}. ${step}`).join("\n");
    guidance.push(`${phrases.stepsFrom(plan.article.title)}\n${steps}`);
  }
  return { actions: lines, guidance };
}

const teamRoles: Record<string, Record<string, string>> = {
  en: {
    privacy: "handle personal-data requests",
    security: "handle account security",
    legal: "handle legal matters",
    billing: "can review charges and refunds",
    next: "will take this further",
  },
  de: {
    privacy: "Datenschutzanfragen bearbeitet",
    security: "sich um Kontosicherheit kümmert",
    legal: "rechtliche Fragen bearbeitet",
    billing: "Abbuchungen und Erstattungen prüfen kann",
    next: "sich weiter darum kümmert",
  },
  es: {
    privacy: "gestiona las solicitudes de datos personales",
    security: "se ocupa de la seguridad de las cuentas",
    legal: "gestiona los asuntos legales",
    billing: "puede revisar cargos y reembolsos",
    next: "se ocupará del caso",
  },
  fr: {
    privacy: "traite les demandes relatives aux données personnelles",
    security: "s'occupe de la sécurité des comptes",
    legal: "traite les questions juridiques",
    billing: "peut examiner les prélèvements et remboursements",
    next: "va prendre le relais",
  },
  zh: {
    privacy: "负责处理个人数据请求",
    security: "负责账户安全",
    legal: "负责法律事务",
    billing: "可以审核扣款和退款",
    next: "会继续跟进",
  },
};

function teamRole(plan: ResponsePlan, language: string): string {
  const roles = teamRoles[language] ?? teamRoles.en ?? {};
  return roles[plan.escalation?.need ?? "next"] ?? roles.next ?? "";
}

function engineeringWord(language: string): string {
  return { de: "Entwicklung", es: "ingeniería", fr: "d'ingénierie", zh: "工程" }[language] ?? "engineering";
}

function questionKind(signals: TicketSignals): keyof Phrases["questions"] {
  switch (signals.category) {
    case "bug":
    case "outage":
      return "bug";
    case "account_access":
      return "access";
    case "billing":
    case "cancellation":
      return "billing";
    case "shipping":
      return "shipping";
    default:
      return "general";
  }
}

/** The name a person is greeted by: the first given name, or the whole name in Chinese. */
export function firstName(name: string, language: string): string {
  const trimmed = name.trim();
  if (!trimmed) return "";
  if (language === "zh" || /\p{Script=Han}/u.test(trimmed)) return trimmed;
  return trimmed.split(/\s+/)[0] ?? trimmed;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
