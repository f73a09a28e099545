import { describe, expect, it } from "vitest";
import { chooseEscalation, type EscalationNeed, type EscalationTeam, escalationNeedFor } from "./escalation.ts";

const teams: EscalationTeam[] = [
  { id: "t1", name: "Support Tier 1", escalatesTo: "t2" },
  { id: "t2", name: "Support Tier 2", escalatesTo: "t3" },
  { id: "t3", name: "Tech/Development" },
  { id: "fin", name: "Finance" },
  { id: "dp", name: "Privacy & Compliance" },
  { id: "ts", name: "Trust & Safety" },
  { id: "pm", name: "Product" },
  { id: "law", name: "Legal" },
];

function teamFor(need: EscalationNeed | null, ticketTeamId: string | null = "t1", list = teams): string | null {
  return chooseEscalation({ need, reason: "why", teams: list, ticketTeamId })?.teamId ?? null;
}

describe("chooseEscalation", () => {
  it.each<[EscalationNeed, string]>([
    ["engineering", "t3"],
    ["billing", "fin"],
    ["privacy", "dp"],
    ["security", "ts"],
    ["product", "pm"],
    ["legal", "law"],
  ])("sends %s to the team that names it", (need, teamId) => {
    expect(chooseEscalation({ need, reason: "export bug needs a fix", teams, ticketTeamId: "t1" })).toEqual({
      teamId,
      reason: "export bug needs a fix",
    });
  });

  it.each<[EscalationNeed, EscalationTeam]>([
    ["engineering", { id: "eng", name: "ENG" }],
    ["engineering", { id: "team-42", name: "Engineering" }],
    ["engineering", { id: "x", name: "Entwicklung" }],
    ["billing", { id: "x", name: "Billing & Payments" }],
    ["billing", { id: "x", name: "Buchhaltung" }],
    ["privacy", { id: "x", name: "Datenschutz" }],
    ["privacy", { id: "x", name: "Protección de datos" }],
    ["security", { id: "x", name: "Security" }],
    ["security", { id: "x", name: "Sécurité" }],
    ["legal", { id: "x", name: "Rechtsabteilung" }],
    ["product", { id: "x", name: "Produktmanagement" }],
    ["privacy", { id: "x", name: "Datenschutzteam" }],
  ])("recognises a %s team named %j", (need, team) => {
    expect(teamFor(need, null, [{ id: "s", name: "Support" }, team])).toBe(team.id);
  });

  it("prefers the more specific of two matching names", () => {
    const list = [
      { id: "pe", name: "Product Engineering" },
      { id: "p", name: "Product" },
    ];
    expect(teamFor("product", null, list)).toBe("p");
    expect(teamFor("engineering", null, list)).toBe("pe");
  });

  it("falls back to the next team on the ticket team's escalation path", () => {
    const list = teams.filter((team) => team.id !== "fin");
    expect(teamFor("billing", "t1", list)).toBe("t2");
    expect(teamFor("next", "t2")).toBe("t3");
  });

  it("starts the path at the frontline team when the ticket has none", () => {
    expect(teamFor("next", null)).toBe("t2");
    expect(teamFor("next", "gone")).toBe("t2");
  });

  it("returns null when nothing is needed or no team fits", () => {
    expect(teamFor(null)).toBeNull();
    expect(teamFor("next", "t3")).toBeNull();
    expect(teamFor("legal", null, [{ id: "s", name: "Support" }])).toBeNull();
    expect(teamFor("next", null, [])).toBeNull();
  });
});

describe("escalationNeedFor", () => {
  it("sends data-privacy tickets to privacy", () => {
    expect(escalationNeedFor("data_privacy", "Please delete my personal data")).toBe("privacy");
  });

  it.each([
    "I think my account was hacked",
    "Someone logged into my account from another country, suspicious login",
    "I found a vulnerability in your login form",
    "Mein Konto wurde gehackt",
    "Me hackearon la cuenta",
    "Mon compte a été piraté",
    "我的账号被盗了",
  ])("hears a security matter in %j", (text) => {
    expect(escalationNeedFor("account_access", text)).toBe("security");
  });

  it.each([
    "My lawyer will contact you",
    "We will take legal action",
    "Ich schalte meinen Anwalt ein",
    "Hablaré con mi abogado",
    "Je vais contacter mon avocat",
    "我会找律师起诉你们",
  ])("hears a legal matter in %j", (text) => {
    expect(escalationNeedFor("billing", text)).toBe("legal");
  });

  it("leaves the rest to the caller", () => {
    expect(escalationNeedFor("bug", "My export fails with a timeout")).toBeNull();
    expect(escalationNeedFor("shipping", "My parcel was stolen from the doorstep")).toBeNull();
    expect(escalationNeedFor("how_to", "Of course I tried that already")).toBeNull();
  });
});
