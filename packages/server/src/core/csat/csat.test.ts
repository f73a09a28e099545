import { describe, expect, it } from "vitest";
import {
  hashSurveyToken,
  looksLikeSurveyToken,
  newSurveyToken,
  readScoreReply,
  scoreFromReply,
  surveyMessage,
} from "./csat.ts";

describe("survey tokens", () => {
  it("are long random URL-safe strings, different every time, stored only as a hash", () => {
    const first = newSurveyToken();
    const second = newSurveyToken();
    expect(looksLikeSurveyToken(first)).toBe(true);
    expect(first).not.toBe(second);
    expect(hashSurveyToken(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSurveyToken(first)).not.toContain(first);
  });

  it("refuses anything that is not token-shaped before touching the database", () => {
    expect(looksLikeSurveyToken("1234")).toBe(false);
    expect(looksLikeSurveyToken(`${newSurveyToken()}/../x`)).toBe(false);
  });
});

describe("the survey message", () => {
  it("gives email customers one link per score, so one click lands on the page with it chosen", () => {
    const body = surveyMessage({ channel: "email", link: "https://desk.example/csat/abc", reminder: false });
    for (const score of [1, 2, 3, 4, 5]) expect(body).toContain(`https://desk.example/csat/abc?score=${score}`);
  });

  it("asks chat, social and SMS customers for a bare 1–5 reply", () => {
    for (const channel of ["chat", "social", "phone"] as const) {
      const body = surveyMessage({ channel, link: "https://desk.example/csat/abc", reminder: false });
      expect(body).toMatch(/Reply with a single number from 1/);
      expect(body).not.toContain("?score=");
    }
  });

  it("says it is a reminder when it is one", () => {
    expect(surveyMessage({ channel: "email", link: "x", reminder: true })).toMatch(/reminder/i);
  });
});

describe("a score sent as a reply", () => {
  it("is a message that is nothing but a digit from 1 to 5", () => {
    expect(readScoreReply("4")).toBe(4);
    expect(readScoreReply(" 5. ")).toBe(5);
    expect(readScoreReply("1!")).toBe(1);
    expect(readScoreReply("0")).toBeNull();
    expect(readScoreReply("6")).toBeNull();
    expect(readScoreReply("4 stars but the app still crashes")).toBeNull();
    expect(readScoreReply("45")).toBeNull();
  });

  const survey = { messageId: "m-survey", closesAt: new Date("2026-03-10T00:00:00Z") };
  const now = new Date("2026-03-05T00:00:00Z");

  it("counts only as the first customer message after the survey", () => {
    const messages = [
      { id: "m1", author: "customer", body: "3" },
      { id: "m-survey", author: "system", body: "How did we do?" },
      { id: "m2", author: "customer", body: "5" },
      { id: "m3", author: "customer", body: "2" },
    ];
    expect(scoreFromReply(survey, messages, "m2", now)).toBe(5);
    expect(scoreFromReply(survey, messages, "m3", now)).toBeNull();
    expect(scoreFromReply(survey, messages, "m1", now)).toBeNull();
  });

  it("does not count once the survey has closed", () => {
    const messages = [
      { id: "m-survey", author: "system", body: "How did we do?" },
      { id: "m2", author: "customer", body: "5" },
    ];
    expect(scoreFromReply(survey, messages, "m2", new Date("2026-03-11T00:00:00Z"))).toBeNull();
  });
});

describe("surveyMessage in the ticket's language", () => {
  it.each([
    ["de", "Wie zufrieden sind Sie", "Sehr zufrieden"],
    ["fr", "Êtes-vous satisfait", "Très satisfait"],
    ["es", "¿Qué tan satisfecho", "Muy satisfecho"],
    ["zh-CN", "您对我们提供的帮助满意吗", "非常满意"],
  ])("writes the survey in %s, with each score's link", (language, question, topLabel) => {
    const body = surveyMessage({ channel: "email", link: "https://desk.example/csat/abc", reminder: false, language });
    expect(body.startsWith(question)).toBe(true);
    expect(body).toContain(`5 (${topLabel}): https://desk.example/csat/abc?score=5`);
  });

  it("asks for a bare digit on text channels in the same language, and falls back to English", () => {
    expect(surveyMessage({ channel: "social", link: "x", reminder: false, language: "zh" })).toContain(
      "请直接回复一个数字",
    );
    expect(surveyMessage({ channel: "phone", link: "x", reminder: true, language: "es" })).toMatch(
      /^Un breve recordatorio/,
    );
    expect(surveyMessage({ channel: "chat", link: "x", reminder: false, language: "ja" })).toContain(
      "Reply with a single number",
    );
  });
});
