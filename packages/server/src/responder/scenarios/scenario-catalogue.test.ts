import { describe, expect, it } from "vitest";
import { parseSnapshot } from "../../core/snapshot/parse-snapshot.ts";
import { eventDate, eventFigure } from "./draft-checks.ts";
import { detectLanguage } from "./reply-language.ts";
import { allScenarios } from "./scenario-catalogue.ts";
import { type Scenario, scenarioCustomer, scenarioTicket } from "./scenario-workspace.ts";

/** The scenarios themselves: valid workspaces whose expectations only name their own data. */

function idsOf(scenario: Scenario): Set<string> {
  const { snapshot } = scenario;
  return new Set([
    ...(snapshot.articles ?? []).map((article) => article.id),
    ...(snapshot.knownIssues ?? []).map((issue) => issue.id),
    ...(snapshot.accountEvents ?? []).map((event) => event.id ?? ""),
    ...snapshot.tickets.map((item) => item.id),
  ]);
}

describe("the scenario catalogue", () => {
  it("has at least 30 scenarios over all five channels and five languages, each in its own workspace", () => {
    expect(allScenarios.length).toBeGreaterThanOrEqual(30);
    expect(new Set(allScenarios.map((scenario) => scenario.channel))).toEqual(
      new Set(["email", "chat", "in_app", "social", "phone"]),
    );
    expect(new Set(allScenarios.map((scenario) => scenario.language))).toEqual(new Set(["en", "de", "es", "fr", "zh"]));
    expect(new Set(allScenarios.map((scenario) => scenario.id)).size).toBe(allScenarios.length);
  });

  it("varies the company, the time zone and the team ids", () => {
    const names = new Set(allScenarios.map((scenario) => scenario.snapshot.workspace.name));
    const zones = new Set(allScenarios.map((scenario) => scenario.snapshot.workspace.timezone));
    const escalationTeams = new Set(allScenarios.map((scenario) => scenario.expect.escalateTo).filter(Boolean));
    expect(names.size).toBeGreaterThanOrEqual(20);
    expect(zones.size).toBeGreaterThanOrEqual(10);
    expect(escalationTeams.size).toBeGreaterThanOrEqual(10);
  });

  for (const scenario of allScenarios) {
    it(`${scenario.id} is a valid snapshot whose expectations name its own data`, () => {
      parseSnapshot(scenario.snapshot);
      const item = scenarioTicket(scenario);
      expect(item.channel).toBe(scenario.channel);
      if (scenario.channel === "social") expect(item.attributes?.provider).toEqual(expect.any(String));
      scenarioCustomer(scenario);
      const customerText = item.messages
        .filter((message) => message.author === "customer")
        .map((message) => message.body)
        .join("\n");
      expect(detectLanguage(customerText)).toBe(scenario.language);

      const ids = idsOf(scenario);
      const { expect: expected } = scenario;
      for (const { eventIds, keys } of expected.quotes ?? []) {
        for (const id of eventIds) expect(ids).toContain(id);
        for (const key of keys) expect(eventFigure(scenario, eventIds[0] ?? "", key)).not.toBe("undefined");
      }
      if (expected.startedWith) eventDate(scenario, expected.startedWith);
      for (const { id } of expected.cites ?? []) for (const one of [id].flat()) expect(ids).toContain(one);
      if (expected.workaround) {
        const { phrase, source } = expected.workaround;
        const text =
          source.kind === "article"
            ? scenario.snapshot.articles?.find((article) => article.id === source.id)?.body
            : scenario.snapshot.knownIssues?.find((issue) => issue.id === source.id)?.workaround;
        expect(text?.toLowerCase()).toContain(phrase.toLowerCase());
      }
      const teams = new Set((scenario.snapshot.teams ?? []).map((team) => team.id));
      if (typeof expected.escalateTo === "string") expect(teams).toContain(expected.escalateTo);
      for (const action of expected.actions ?? []) {
        if (typeof action.params?.teamId === "string") expect(teams).toContain(action.params.teamId);
        if (typeof action.params?.knownIssueId === "string") expect(ids).toContain(action.params.knownIssueId);
        if (typeof action.params?.accountEventId === "string") expect(ids).toContain(action.params.accountEventId);
      }
    });
  }
});
