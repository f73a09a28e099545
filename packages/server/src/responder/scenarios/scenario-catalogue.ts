import { escalationScenarios } from "./escalation-scenarios.ts";
import { failureScenarios, registerScenarios } from "./failure-scenarios.ts";
import { happyScenarios } from "./happy-scenarios.ts";
import { injectionScenarios } from "./injection-scenarios.ts";
import { knowledgeScenarios } from "./knowledge-scenarios.ts";
import { missingDataScenarios } from "./missing-data-scenarios.ts";
import type { Scenario } from "./scenario-workspace.ts";

/** Every acceptance scenario of the offline responder, each in a workspace of its own. */
export const allScenarios: Scenario[] = [
  ...failureScenarios,
  ...registerScenarios.short,
  ...escalationScenarios,
  ...injectionScenarios,
  ...missingDataScenarios,
  ...happyScenarios,
  ...knowledgeScenarios,
];

/**
 * What only the scenarios know: company, product and domain nouns, people's names, ids, error codes,
 * figures (numbers from 100 up, in every way code could spell them) and dates of their account data.
 * The engine must work without any of it, so none of it may appear in its source.
 */
export const scenarioVocabulary: string[] = unique(allScenarios.flatMap(vocabularyOf));

function vocabularyOf(scenario: Scenario): string[] {
  const { snapshot } = scenario;
  const words: string[] = [...scenario.vocabulary, snapshot.workspace.name];
  for (const team of snapshot.teams ?? []) {
    if (/[-\d]/.test(team.id) && team.id.length >= 5) words.push(team.id);
  }
  for (const agent of snapshot.agents ?? []) words.push(agent.name, agent.id);
  for (const customer of snapshot.customers) {
    words.push(customer.name, customer.id);
    if (customer.company) words.push(customer.company);
  }
  for (const issue of snapshot.knownIssues ?? []) words.push(issue.title, issue.id);
  for (const article of snapshot.articles ?? []) words.push(article.id);
  for (const item of snapshot.tickets) words.push(item.id);
  for (const event of snapshot.accountEvents ?? []) {
    if (event.id) words.push(event.id);
    words.push(event.at.slice(0, 10));
    for (const value of Object.values(event.data ?? {})) {
      if (typeof value === "number" && Number.isInteger(value) && value >= 100) words.push(...spellings(value));
      if (typeof value === "string" && value.length >= 5 && /[A-Z]{2}|\d/.test(value)) words.push(value);
    }
  }
  return words;
}

/** 12480, 12,480, 12.480 and 12_480. */
function spellings(value: number): string[] {
  const plain = String(value);
  if (value < 1000) return [plain];
  const grouped = plain.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return [plain, grouped, grouped.replaceAll(",", "."), grouped.replaceAll(",", "_")];
}

function unique(words: string[]): string[] {
  return [...new Set(words.filter((word) => word.trim().length > 0))];
}
