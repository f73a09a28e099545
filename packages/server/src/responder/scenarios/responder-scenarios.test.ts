import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { containsFigure, draftChecks, eventFigure, showDraft } from "./draft-checks.ts";
import { photoBackupEmail, photoBackupEventIds, registerScenarios } from "./failure-scenarios.ts";
import { resetLinkThanksEmail } from "./happy-scenarios.ts";
import { injectionTwins } from "./injection-scenarios.ts";
import { addressedName, greetingLine } from "./reply-language.ts";
import { allScenarios } from "./scenario-catalogue.ts";
import { createScenarioDesk, type ScenarioDesk } from "./scenario-desk.ts";
import { scenarioCustomer } from "./scenario-workspace.ts";

let desk: ScenarioDesk;

beforeAll(async () => {
  desk = await createScenarioDesk();
});

afterAll(async () => {
  await desk?.close();
});

for (const scenario of allScenarios) {
  describe(`${scenario.id}: ${scenario.summary}`, () => {
    for (const check of draftChecks.filter((candidate) => candidate.applies(scenario))) {
      it(check.name, async () => {
        check.run(scenario, await desk.draft(scenario));
      });
    }
  });
}

// Chat and social replies are at most two thirds of the email's length; a text message fits in
// three SMS segments (3 × 160 characters).
const shortShare = 2 / 3;
const textMessageLimit = 480;

describe("the same problem on every channel", () => {
  const { email, short } = registerScenarios;
  for (const scenario of short) {
    it(`answers ${scenario.id} clearly shorter than the email, still with the name and the key figure`, async () => {
      const emailDraft = await desk.draft(email);
      const shortDraft = await desk.draft(scenario);
      const reply = shortDraft.reply.body;
      const limit =
        scenario.channel === "phone" ? textMessageLimit : Math.floor(emailDraft.reply.body.length * shortShare);
      expect(reply.length, `at most ${limit} characters${showDraft(shortDraft)}`).toBeLessThanOrEqual(limit);
      expect(greetingLine(reply)).toContain(addressedName(scenarioCustomer(scenario).name, scenario.language));
      const figure = eventFigure(scenario, photoBackupEventIds.latestFailure, "sizeGb");
      expect(containsFigure(reply, figure), `quotes "${figure}"${showDraft(shortDraft)}`).toBe(true);
    });
  }
});

describe("instructions hidden in the customer's text", () => {
  for (const { injected, clean } of injectionTwins) {
    it(`lower the confidence of ${injected.id} below its clean twin`, async () => {
      const cleanDraft = await desk.draft(clean);
      const injectedDraft = await desk.draft(injected);
      expect(injectedDraft.confidence, showDraft(injectedDraft)).toBeLessThan(cleanDraft.confidence);
      const cleanNote = [cleanDraft.internalNote.body, ...cleanDraft.internalNote.tags].join(" ");
      expect(/inject/i.test(cleanNote), `a clean ticket is not flagged${showDraft(cleanDraft)}`).toBe(false);
    });
  }
});

describe("the customer's mood", () => {
  it("reads a days-long failure as more frustrating than a thank-you", async () => {
    const frustrated = await desk.draft(photoBackupEmail);
    const thankful = await desk.draft(resetLinkThanksEmail);
    expect(frustrated.triage.frustration).toBeGreaterThan(thankful.triage.frustration);
    expect(thankful.triage.sentiment).toBe("positive");
  });
});
