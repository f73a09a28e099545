import { describe, expect, it } from "vitest";
import { buildSearchIndex, type SearchDocument } from "./search-index.ts";

const articles: SearchDocument[] = [
  {
    id: "refunds",
    title: "Refund policy",
    body: "You can ask for a refund within 30 days of purchase. Refunds reach your card in 5 to 10 days.",
  },
  {
    id: "fees",
    title: "Monthly fees and how to avoid them",
    body: "The monthly fee is waived when you keep a balance of 500 dollars or more.",
  },
  {
    id: "password",
    title: "Reset your password",
    body: "Use the forgot password link on the sign-in page. The reset email arrives within minutes.",
  },
  {
    id: "export",
    title: "Exporting your data",
    body: "Exports of large projects can time out; split the export by date range. A refund is not possible for exports.",
  },
  {
    id: "shipping",
    title: "Shipping times",
    body: "Orders ship within two business days. Tracking numbers are emailed when the parcel leaves the warehouse.",
  },
  {
    id: "limits",
    title: "Raising your credit limit",
    body: "Ask for a higher credit limit after six months of on-time payments.",
  },
  {
    id: "card-rewards",
    title: "Card rewards",
    body: "Every purchase earns points. There is no limit on points, and credit for returns is deducted.",
  },
  {
    id: "travel",
    title: "Using your card abroad",
    body: "Tell us before you travel so that purchases in other countries are not declined.",
  },
  {
    id: "aurora-card",
    title: "Aurora Card: Getting Started",
    body: "The Aurora card has no annual fee and earns 2 points per dollar on groceries.",
  },
  {
    id: "comet-card",
    title: "Comet Card: Getting Started",
    body: "The Comet card earns 5 points per dollar on travel and has a 95 dollar annual fee.",
  },
  {
    id: "nova-card",
    title: "Nova Card: Getting Started",
    body: "The Nova card is made for students and builds credit history with a low limit.",
  },
  {
    id: "partner-offers",
    title: "Partner offers",
    body: "Aurora holders get cinema discounts; Aurora points also pay for partner hotel nights.",
  },
];

const index = buildSearchIndex(articles);
const ids = (query: string, limit?: number) => index.search(query, { limit }).map((hit) => hit.id);

describe("buildSearchIndex", () => {
  it("counts its documents", () => {
    expect(index.size).toBe(articles.length);
  });

  it("ranks an article titled with the question's words above one that mentions them in passing", () => {
    const found = ids("refund");
    expect(found[0]).toBe("refunds");
    expect(found).toContain("export");
  });

  it("matches other forms of a word", () => {
    expect(ids("refunded")[0]).toBe("refunds");
    expect(ids("exported data")[0]).toBe("export");
    expect(ids("passwords")[0]).toBe("password");
  });

  it("finds an article through a synonym the question does not use", () => {
    expect(ids("what does the account charge every month")[0]).toBe("fees");
  });

  it("ranks words standing together as in the article above the same words scattered", () => {
    const found = ids("credit limit");
    expect(found.indexOf("limits")).toBeLessThan(found.indexOf("card-rewards"));
  });

  it("finds the right article for a long question full of narrative", () => {
    const question =
      "Hi there, I hope you are having a good day. My name is Priya and I run a small bakery with my sister. " +
      "Last week we were in a hurry and everything went wrong in the shop. Anyway, I tried to get into my " +
      "account this morning and it said my password was wrong, so I clicked the link to reset it, but the " +
      "reset email never came. Could you tell me what to do? Thanks a lot, Priya";
    expect(ids(question)[0]).toBe("password");
  });

  it("finds a product's own article before articles that only mention the product", () => {
    const found = ids("Does the Aurora card charge a yearly fee?");
    expect(found[0]).toBe("aurora-card");
    expect(found.indexOf("aurora-card")).toBeLessThan(found.indexOf("partner-offers"));
  });

  it("brings up sibling overviews of the article a question finds", () => {
    const found = ids("getting started with the Aurora card", 4);
    expect(found[0]).toBe("aurora-card");
    expect(found).toEqual(expect.arrayContaining(["comet-card", "nova-card"]));
  });

  it("returns hits best first with their titles, up to the limit", () => {
    const hits = index.search("card", { limit: 3 });
    expect(hits).toHaveLength(3);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((left, right) => right - left));
    for (const hit of hits) {
      expect(hit.title).toBe(articles.find((article) => article.id === hit.id)?.title);
      expect(hit.score).toBeGreaterThan(0);
    }
  });

  it("returns ten hits unless told otherwise", () => {
    expect(index.search("card points fee travel purchase refund export password shipping limit")).toHaveLength(10);
  });

  it("returns nothing for an empty question, unknown words or stop words only", () => {
    expect(index.search("")).toEqual([]);
    expect(index.search("   ")).toEqual([]);
    expect(index.search("zyxwv qwertyuiop")).toEqual([]);
    expect(index.search("the and of it")).toEqual([]);
  });

  it("works on an empty collection", () => {
    expect(buildSearchIndex([]).search("refund")).toEqual([]);
  });

  it("ranks any documents with a title and a body, such as solved tickets", () => {
    const tickets = buildSearchIndex([
      {
        id: "t-1",
        title: "Cannot log in after update",
        body: "Customer: login fails. Agent: cleared the session, solved.",
      },
      {
        id: "t-2",
        title: "Invoice shows wrong VAT",
        body: "Customer: VAT is 20% instead of 19%. Agent: corrected invoice.",
      },
    ]);
    expect(tickets.search("my invoice has the wrong VAT rate")[0]?.id).toBe("t-2");
  });
});
