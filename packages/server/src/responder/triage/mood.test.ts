import { describe, expect, it } from "vitest";
import { assessMood } from "./mood.ts";

const now = new Date("2026-03-26T10:00:00Z");
const day = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(now.getTime() - days * day);

function mood(bodies: string[], options: { days?: number; earlier?: number } = {}) {
  const days = options.days ?? 0;
  return assessMood({
    customerMessages: bodies.map((body, index) => ({ body, at: daysAgo(days - index * 0.1) })),
    openedAt: daysAgo(days),
    now,
    earlierContactsOnSameProblem: options.earlier ?? 0,
  });
}

describe("assessMood", () => {
  it("reads a happy confirmation as positive with low frustration", () => {
    const result = mood(["Thanks, that fixed it!"]);
    expect(result.sentiment).toBe("positive");
    expect(result.frustration).toBeLessThan(0.2);
  });

  it("reads a third contact about a long-broken problem as negative and high", () => {
    const text = "This is the third time I'm writing, still broken after 3 days, unacceptable";
    const result = mood([text], { days: 3, earlier: 2 });
    expect(result.sentiment).toBe("negative");
    expect(result.frustration).toBeGreaterThan(0.75);
    expect(result.signals).toEqual([
      "contacted 3 times",
      "waiting 3 days",
      "words: 'third time', 'still broken', 'unacceptable'",
    ]);
  });

  it.each([
    ["de", "Das ist jetzt das dritte Mal, dass ich schreibe. Der Export schlägt immer noch fehl. Unzumutbar!"],
    ["es", "Es la tercera vez que escribo, sigue sin funcionar. Inaceptable."],
    ["fr", "C'est la troisième fois que j'écris, toujours pas de solution. Inacceptable."],
    ["zh", "我已经第三次联系你们了，还是不行，太离谱了！"],
  ])("hears anger and repetition in %s", (_language, text) => {
    const result = mood([text], { days: 2, earlier: 1 });
    expect(result.sentiment).toBe("negative");
    expect(result.frustration).toBeGreaterThan(0.7);
    expect(result.signals.some((signal) => signal.startsWith("words: "))).toBe(true);
  });

  it.each([
    ["de", "Danke, jetzt funktioniert es wieder!"],
    ["es", "¡Muchas gracias, ya funciona!"],
    ["fr", "Merci beaucoup, ça marche !"],
    ["zh", "谢谢，问题解决了"],
  ])("hears thanks in %s", (_language, text) => {
    const result = mood([text], { days: 2 });
    expect(result.sentiment).toBe("positive");
    expect(result.frustration).toBeLessThan(0.2);
  });

  it("lets a grateful last message forgive the history", () => {
    const result = mood(["Export still fails, this is unacceptable", "Thank you, it works now!"], {
      days: 3,
      earlier: 1,
    });
    expect(result.sentiment).toBe("positive");
    expect(result.frustration).toBeLessThan(0.3);
  });

  it("does not take sarcastic or conditional thanks for gratitude", () => {
    expect(mood(["Thanks for nothing. Still broken."]).sentiment).toBe("negative");
    expect(mood(["Thanks for the quick reply, but it still doesn't work"]).sentiment).toBe("negative");
  });

  it("keeps a calm report with polite thanks neutral", () => {
    const result = mood(["My export fails with a timeout. Thanks in advance."]);
    expect(result).toEqual({ sentiment: "neutral", frustration: 0, signals: [] });
  });

  it("notices shouting and exclamation marks", () => {
    const result = mood(["WHY IS THIS STILL NOT WORKING!!!"]);
    expect(result.sentiment).toBe("negative");
    expect(result.signals).toContain("all-caps");
    expect(result.signals).toContain("exclamation marks");
  });

  it("does not mistake a few acronyms for shouting", () => {
    const result = mood(["Our SSO login via SAML fails when exporting a CSV through the API for the whole team."]);
    expect(result.signals).not.toContain("all-caps");
  });

  it("lets waiting and repeat contacts raise frustration on their own", () => {
    const fresh = mood(["The report is empty."]);
    const stale = mood(["The report is empty."], { days: 4, earlier: 2 });
    expect(stale.frustration).toBeGreaterThan(fresh.frustration);
    expect(stale.signals).toEqual(["contacted 3 times", "waiting 4 days"]);
  });

  it("counts a threat to cancel as frustration", () => {
    const result = mood(["Fix this today or I will cancel my subscription, this is ridiculous."]);
    expect(result.sentiment).toBe("negative");
    expect(result.signals).toContain("words: 'cancel my', 'ridiculous'");
  });
});
