import type { Category } from "../../draft.ts";

/**
 * The sentences of a reply in one language. Every argument is already formatted (figures, dates,
 * names), so a language only decides word order and wording, never a fact.
 */
export type Phrases = {
  hello(name: string): string;
  /** "your export failing", from the operation's own words. */
  failingProblem(operation: string): string;
  /** The customer's subject, quoted, when nothing in the account names the problem. */
  quotedProblem(subject: string): string;
  /** The problem named by its category, when the customer gave no subject to quote. */
  problems: Record<Category, string>;
  /** How long the problem has lasted, in whole days (at least one). */
  lasting(days: number): string;
  empathy(problem: string, lasting: string | null): string;
  thanksForWriting(problem: string): string;
  repeatContact(): string;
  foundInAccount(operation: string, startedOn: string, attempts: number, latestOn: string | null): string;
  foundHeader(): string;
  overLimit(operation: string, measured: string, limit: string): string;
  stoppedAtTimeout(duration: string): string;
  ranFor(duration: string): string;
  errorRecorded(code: string): string;
  paymentsFound(items: string[]): string;
  paymentOn(amount: string, date: string): string;
  doingNowHeader(): string;
  rerun(operation: string): string;
  flaggedBug(team: string, issue: string): string;
  fixInProgress(team: string, issue: string): string;
  reportedNewBug(team: string): string;
  passedTo(team: string, reason: string): string;
  outageKnown(issue: string, team: string): string;
  workaroundWhileFix(text: string): string;
  suggestedFix(text: string): string;
  stepsFrom(title: string): string;
  policy(title: string, text: string): string;
  /** `aboutFix`: the wait is on a fix to the product, not on a review by a team. */
  followUp(when: string, tomorrow: boolean, aboutFix: boolean): string;
  replyAnytime(): string;
  askHeader(): string;
  questions: Record<"bug" | "access" | "billing" | "shipping" | "general", string[]>;
  thanksConfirmed(): string;
  askSatisfaction(): string;
  notActingOnInstructions(): string;
  featureLogged(team: string | null): string;
  signOff(workspace: string): string;
  /** Findings in one sentence: "a; b; c." */
  clauses(items: string[]): string;
  /** Bullets, in the order given. */
  list(items: string[]): string;
};
