/**
 * A proposed knowledge-base article for a recurring topic, drafted from the replies that solved its
 * tickets, in the template for its kind (spec/service-levels.md, knowledge-base health). Nothing is
 * invented: every sentence is taken from a customer's question, a solving reply or the known issue,
 * and a section with nothing to take from says so for the editor.
 */

export type ArticleKind = "troubleshooting" | "how_to" | "billing";

export type SolvedExample = {
  ticketId: string;
  /** The customer's first message. */
  question: string;
  /** The last public agent or responder reply before the ticket was first solved. */
  solvingReply: string;
};

export type ProposalInput = {
  topic: string;
  examples: SolvedExample[];
  knownIssue: { id: string; title: string; status: string; workaround: string | null } | null;
  /** Titles of existing articles on neighbouring topics, for "related articles". */
  relatedArticles: { id: string; title: string }[];
};

export type ArticleProposalDraft = {
  kind: ArticleKind;
  title: string;
  body: string;
  sources: { ticketIds: string[]; knownIssueId: string | null };
};

const toWrite = "_To write: none of the solved tickets covered this._";
const maximumSteps = 6;
const maximumSymptoms = 3;

const billingWords =
  /\b(bill(ing)?|invoice|refund|charge[ds]?|payment|pay|subscription|plan|price|pricing|vat|receipt|card)\b/i;
const howToWords = /\b(how (do|can|to)|where (do|can|is)|can i|is it possible|wie kann|cómo|comment)\b/i;
const stepStart =
  /^(you can|you'll find|under settings|in settings|go to|open|click|select|choose|tap|try|check|use|filter|reset|clear|update|enable|disable|make sure|set|sign (in|out)|log (in|out)|restart|reinstall|download|upload|export|import|remove|add|contact|reply|wait|split)\b/i;
const listMarker = /^\s*(\d+[.)]|[-*•])\s+/;
const greeting =
  /^(hi|hello|hey|dear|thanks|thank you|many thanks|best|regards|warm regards|kind regards|cheers|hope that helps|happy to help|let me know|i'm here if|hallo|hola|bonjour)\b/i;
const personal = /@|\b(your account|you'?re on|your plan)\b|\b\d{5,}\b/i;

export function kindOf(topic: string, examples: readonly SolvedExample[]): ArticleKind {
  if (billingWords.test(topic) || billingMajority(examples)) return "billing";
  const howTo = examples.filter((example) => howToWords.test(example.question)).length;
  if (howToWords.test(topic) || (examples.length > 0 && howTo * 2 > examples.length)) return "how_to";
  return "troubleshooting";
}

function billingMajority(examples: readonly SolvedExample[]): boolean {
  const billing = examples.filter((example) => billingWords.test(example.question)).length;
  return examples.length > 0 && billing * 2 > examples.length;
}

/** Two capitalised words in a row (a person's name, "Beth Carver's"): such a sentence is about one customer. */
const fullName = /\b\p{Lu}\p{Ll}+\s\p{Lu}\p{Ll}+(?:'s)?\b/u;

/**
 * What the solving replies tell readers, most repeated first: list items and sentences that start
 * with an action, and any other sentence that several replies share (the team's settled answer).
 * Greetings, questions and sentences with personal details are left out.
 */
export function solutionSteps(replies: readonly string[]): string[] {
  const counted = new Map<string, { text: string; count: number; first: number; action: boolean }>();
  let position = 0;
  for (const reply of replies) {
    const seen = new Set<string>();
    for (const line of reply.split(/\n+/)) {
      const isListItem = listMarker.test(line);
      const pieces = isListItem ? [line.replace(listMarker, "")] : line.split(/(?<=[.!?])\s+/);
      for (const piece of pieces) {
        const text = piece.trim().replace(/\s+/g, " ");
        if (text.length < 12 || greeting.test(text) || personal.test(text) || text.endsWith("?")) continue;
        if (/^[—–-]/.test(text) || fullName.test(text)) continue;
        const key = text
          .toLowerCase()
          .replace(/[^\p{L}\p{N} ]/gu, "")
          .split(" ")
          .slice(0, 8)
          .join(" ");
        if (seen.has(key)) continue;
        seen.add(key);
        const entry = counted.get(key);
        if (entry) entry.count += 1;
        else {
          const action = isListItem || stepStart.test(text);
          counted.set(key, { text: sentence(text), count: 1, first: position++, action });
        }
      }
    }
  }
  return [...counted.values()]
    .filter((entry) => entry.action || entry.count >= 2)
    .sort((left, right) => right.count - left.count || left.first - right.first)
    .slice(0, maximumSteps)
    .map((entry) => entry.text);
}

/** The first sentence of each question, shortest first, without personal details. */
export function symptoms(questions: readonly string[]): string[] {
  const firstSentences = questions.map((question) => {
    const sentences = question
      .trim()
      .split(/(?<=[.!?])\s+|\n/)
      .map((part) => part.trim());
    return sentences.find((part) => part.length >= 8 && !greeting.test(part)) ?? "";
  });
  const usable = firstSentences.filter((text) => text.length >= 8 && !personal.test(text) && !fullName.test(text));
  return [...new Set(usable)].sort((left, right) => left.length - right.length).slice(0, maximumSymptoms);
}

function sentence(text: string): string {
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?:]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

const titleCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function proposeArticle(input: ProposalInput): ArticleProposalDraft {
  const kind = kindOf(input.topic, input.examples);
  const steps = solutionSteps(input.examples.map((example) => example.solvingReply));
  const described = symptoms(input.examples.map((example) => example.question));
  const numbered = steps.length === 0 ? [toWrite] : steps.map((step, index) => `${index + 1}. ${step}`);
  const quoted = described.length === 0 ? [toWrite] : described.map((text) => `- "${text}"`);
  const knownIssue = input.knownIssue;
  const cause = knownIssue
    ? [`${knownIssue.title} (known issue ${knownIssue.id}, ${knownIssue.status.replaceAll("_", " ")}).`]
    : [toWrite];
  const workaround = knownIssue?.workaround ? [knownIssue.workaround] : [];
  const related =
    input.relatedArticles.length === 0
      ? ["_None yet._"]
      : input.relatedArticles.map((article) => `- ${article.title} (${article.id})`);
  const basedOn = `_Drafted from ${input.examples.length} solved ticket${input.examples.length === 1 ? "" : "s"} on "${input.topic}"; review before publishing._`;

  const sections: [string, string[]][] =
    kind === "billing"
      ? [
          ["Summary", quoted],
          ["Explanation", cause],
          ["Action steps", [...numbered, ...workaround]],
          ["Important dates", [toWrite]],
          ["Policy references", related],
        ]
      : kind === "how_to"
        ? [
            ["Overview", quoted],
            ["Prerequisites", [toWrite]],
            ["Steps", numbered],
            ["Notes", workaround.length > 0 ? workaround : [toWrite]],
            ["FAQ", [toWrite]],
            ["Related", related],
          ]
        : [
            ["Problem", quoted],
            ["Common causes", cause],
            [
              "Step-by-step solution",
              [...numbered, ...(workaround.length > 0 ? ["", `Workaround: ${workaround[0]}`] : [])],
            ],
            ["Advanced troubleshooting", [toWrite]],
            [
              "When to contact support",
              ["If these steps do not help, reply to your ticket or contact support with what you tried."],
            ],
            ["Related articles", related],
          ];
  const title = knownIssue && kind === "troubleshooting" ? knownIssue.title : titleCase(input.topic);
  const body = [
    `# ${title}`,
    "",
    basedOn,
    "",
    ...sections.flatMap(([heading, lines]) => [`## ${heading}`, "", ...lines, ""]),
  ].join("\n");
  return {
    kind,
    title,
    body: `${body.trimEnd()}\n`,
    sources: { ticketIds: input.examples.map((example) => example.ticketId), knownIssueId: knownIssue?.id ?? null },
  };
}
