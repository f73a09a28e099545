import { describe, expect, it } from "vitest";
import {
  escalationNotice,
  mayAutoSendCustomerUpdate,
  teamAnswerOutcome,
  teamAnswerUpdate,
} from "./escalation-update.ts";

const base = {
  customerName: "Ana",
  teamName: "Technical",
  nextUpdateAt: new Date("2026-03-02T13:00:00.000Z"),
  timeZone: "Europe/Berlin",
};

describe("teamAnswerOutcome", () => {
  it("reads what the other team's answer means for the customer", () => {
    expect(teamAnswerOutcome("Fix deployed to production.")).toBe("fixed");
    expect(teamAnswerOutcome("Not fixed yet, still digging.")).toBe("investigating");
    expect(teamAnswerOutcome("Found it: a corrupt index.")).toBe("cause_found");
    expect(teamAnswerOutcome("We need the customer's export logs to go on.")).toBe("needs_details");
    expect(teamAnswerOutcome("Looking into it.")).toBe("investigating");
    expect(teamAnswerOutcome("已修复，已部署到生产环境。")).toBe("fixed");
    expect(teamAnswerOutcome("Ursache gefunden: der Index war defekt.")).toBe("cause_found");
  });
});

describe("customer updates on an escalation", () => {
  it("names the team and when the customer hears back, in the workspace's time zone", () => {
    const email = escalationNotice({ ...base, channel: "email", language: "de" });
    expect(email.split("\n")[0]).toBe("Hallo Ana,");
    expect(email).toContain("unser Team Technical");
    expect(email).toContain("14:00 (Europe/Berlin)");
    const chat = escalationNotice({ ...base, channel: "chat", language: "fr" });
    expect(chat).toMatch(/^Bonjour Ana, j'ai fait appel à notre équipe Technical/);
    expect(chat).not.toContain("\n");
  });

  it("falls back to English for a language the desk does not write", () => {
    const update = teamAnswerUpdate({ ...base, channel: "email", language: "ja", outcome: "fixed" });
    expect(update).toContain("Our Technical team has put a fix in place");
  });

  it("lets updates go out alone only when autonomy allows the customer_update category", () => {
    expect(mayAutoSendCustomerUpdate({ enabled: false, categories: ["customer_update"] }).send).toBe(false);
    expect(mayAutoSendCustomerUpdate({ enabled: true, categories: ["how_to"] }).send).toBe(false);
    expect(mayAutoSendCustomerUpdate({ enabled: true, categories: ["customer_update"] }).send).toBe(true);
  });
});
