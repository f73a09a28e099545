import { describe, expect, it } from "vitest";
import { discoverTopics, labelOf, type TopicDocument } from "./discover-topics.ts";

const themes = {
  password: [
    "Password reset email never arrives",
    "I asked for a password reset twice and got no email",
    "The password reset link says it expired",
    "Cannot log in, password reset link is broken",
    "Password reset page shows an error after I click the link",
    "Where is my password reset email? Checked spam already",
  ],
  refund: [
    "I was charged twice, please refund the duplicate charge",
    "Refund for the annual plan charge I did not want",
    "Duplicate charge on my card this month, need a refund",
    "Charged after cancelling, I want a refund of that charge",
    "Please refund the charge from last week, I downgraded",
    "My card shows a double charge, refund one of them",
  ],
  export: [
    "CSV export times out for large projects",
    "Export to CSV fails with a timeout after 30 seconds",
    "The export keeps timing out, CSV never downloads",
    "Large CSV export stops with timeout error",
    "Exporting the report as CSV hits a timeout",
    "CSV export timeout again on the big workspace",
  ],
};

function documentsOf(groups: Record<string, string[]>): TopicDocument[] {
  return Object.entries(groups).flatMap(([theme, texts]) =>
    texts.map((text, index) => ({ ticketId: `${theme}-${index}`, text })),
  );
}

const themeOf = (ticketId: string) => ticketId.split("-")[0];

describe("discoverTopics", () => {
  it("finds one topic per theme, each holding that theme's tickets", () => {
    const discovery = discoverTopics(documentsOf(themes));

    expect(discovery.topics).toHaveLength(3);
    for (const topic of discovery.topics) {
      const topicThemes = new Set(topic.ticketIds.map(themeOf));
      expect(topicThemes.size).toBe(1);
      expect(topic.ticketIds.length).toBeGreaterThanOrEqual(5);
    }
    expect(discovery.silhouette).toBeGreaterThan(0);
  });

  it("labels each topic from the words its tickets share", () => {
    const labels = discoverTopics(documentsOf(themes)).topics.map((topic) => topic.label.toLowerCase());

    expect(labels.some((label) => label.includes("password"))).toBe(true);
    expect(labels.some((label) => label.includes("refund") || label.includes("charge"))).toBe(true);
    expect(labels.some((label) => label.includes("export") || label.includes("csv") || label.includes("timeout"))).toBe(
      true,
    );
  });

  it("gives the same topics for the same tickets, whatever their order", () => {
    const documents = documentsOf(themes);
    const grouped = (discovery: ReturnType<typeof discoverTopics>) =>
      discovery.topics.map((topic) => [...topic.ticketIds].sort().join(",")).sort();

    expect(grouped(discoverTopics([...documents].reverse()))).toEqual(grouped(discoverTopics(documents)));
  });

  it("leaves a ticket unlike all others out of every topic", () => {
    const documents = [...documentsOf(themes), { ticketId: "odd-0", text: "Your mascot is adorable" }];

    const discovery = discoverTopics(documents);

    expect(discovery.unclustered).toContain("odd-0");
    expect(discovery.topics.flatMap((topic) => topic.ticketIds)).not.toContain("odd-0");
  });

  it("offers no topic when there are too few tickets to tell", () => {
    const discovery = discoverTopics(documentsOf({ password: themes.password.slice(0, 3) }));

    expect(discovery.topics).toEqual([]);
    expect(discovery.unclustered).toHaveLength(3);
  });
});

describe("labelOf", () => {
  it("prefers a phrase among the heaviest terms, else the two heaviest words", () => {
    expect(labelOf(["password", "password reset", "reset", "email"])).toBe("Password reset");
    expect(labelOf(["refund", "charge", "card"])).toBe("Refund / charge");
  });
});
