import { describe, expect, it } from "vitest";
import { kindOf, proposeArticle, type SolvedExample, solutionSteps, symptoms } from "./propose-article.ts";

const examples: SolvedExample[] = [
  {
    ticketId: "11",
    question: "CSV export times out on my big project. I need it today, ana@example.test",
    solvingReply:
      "Hi Ana,\nSorry about this.\n- Filter the export to a smaller date range (under 500MB each)\n- Use the JSON export for very large projects\nBest, Jo",
  },
  {
    ticketId: "12",
    question: "Export keeps failing with a timeout.",
    solvingReply:
      "Hello Ben! Filter the export to a smaller date range (under 500MB each). That should work. Your account 123456 is fine.",
  },
  {
    ticketId: "13",
    question: "The export never finishes",
    solvingReply: "Try exporting one month at a time. Thanks for waiting!",
  },
];

describe("solutionSteps", () => {
  it("keeps the instructions of the solving replies, the most repeated first, without greetings or personal details", () => {
    expect(solutionSteps(examples.map((example) => example.solvingReply))).toEqual([
      "Filter the export to a smaller date range (under 500MB each).",
      "Use the JSON export for very large projects.",
      "Try exporting one month at a time.",
    ]);
  });
});

describe("solutionSteps on explanations", () => {
  it("keeps a sentence several replies share and drops one naming a person", () => {
    const answer = "Viewer is the one: viewers can open and filter every dashboard they have access to.";
    const replies = [
      `Hey Sean! ${answer} You can change Beth Carver's role any time under Settings → Members.`,
      `Hi Marcus! ${answer} You can change Tom Hartley's role any time under Settings → Members.`,
      "Hi Tomás! Which teammate is this about? — Daniel",
    ];
    expect(solutionSteps(replies)).toEqual([answer]);
  });
});

describe("symptoms", () => {
  it("quotes the first sentence of each question, shortest first, leaving out any with personal details", () => {
    expect(symptoms(examples.map((example) => example.question))).toEqual([
      "The export never finishes",
      "Export keeps failing with a timeout.",
      "CSV export times out on my big project.",
    ]);
  });
});

describe("kindOf", () => {
  it("tells billing, how-to and troubleshooting topics apart", () => {
    expect(kindOf("duplicate charge", [])).toBe("billing");
    expect(kindOf("teams", [{ ticketId: "1", question: "How do I add a teammate?", solvingReply: "" }])).toBe("how_to");
    expect(kindOf("export timeout", examples)).toBe("troubleshooting");
  });
});

describe("proposeArticle", () => {
  it("fills the troubleshooting template from the tickets and the known issue, citing them", () => {
    const proposal = proposeArticle({
      topic: "export timeout",
      examples,
      knownIssue: {
        id: "ki-7",
        title: "Exports over 500MB time out",
        status: "fix_in_progress",
        workaround: "Export smaller date ranges.",
      },
      relatedArticles: [{ id: "a1", title: "Exporting your data" }],
    });

    expect(proposal.kind).toBe("troubleshooting");
    expect(proposal.title).toBe("Exports over 500MB time out");
    expect(proposal.sources).toEqual({ ticketIds: ["11", "12", "13"], knownIssueId: "ki-7" });
    const headings = proposal.body.split("\n").filter((line) => line.startsWith("## "));
    expect(headings).toEqual([
      "## Problem",
      "## Common causes",
      "## Step-by-step solution",
      "## Advanced troubleshooting",
      "## When to contact support",
      "## Related articles",
    ]);
    expect(proposal.body).toContain("1. Filter the export to a smaller date range (under 500MB each).");
    expect(proposal.body).toContain("Exports over 500MB time out (known issue ki-7, fix in progress).");
    expect(proposal.body).toContain("Workaround: Export smaller date ranges.");
    expect(proposal.body).not.toMatch(/Ana|Ben|123456|example\.test/);
  });

  it("says what is left to write instead of inventing it", () => {
    const proposal = proposeArticle({
      topic: "duplicate charge",
      examples: [{ ticketId: "5", question: "I was charged twice this month.", solvingReply: "Sorry! Refunded." }],
      knownIssue: null,
      relatedArticles: [],
    });

    expect(proposal.kind).toBe("billing");
    expect(proposal.body).toContain("## Action steps\n\n_To write: none of the solved tickets covered this._");
    expect(proposal.body).toContain('- "I was charged twice this month."');
  });
});
