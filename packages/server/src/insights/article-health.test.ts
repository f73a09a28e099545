import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import {
  type ArticleEffect,
  type ArticleReadingFigures,
  articleEffect,
  effectWindow,
  expectedDeflection,
  reworkFlags,
  topicOfArticle,
} from "./article-health.ts";

const figures = (patch: Partial<ArticleReadingFigures>): ArticleReadingFigures => ({
  articleId: "article",
  reads: 0,
  readers: 0,
  bounces: 0,
  ratingCount: 0,
  lowRatings: 0,
  ratingMean: null,
  ticketsAfterReading: 0,
  ...patch,
});

describe("rework flags", () => {
  it("flags bounce over 60% (with 10 reads or more), more than 5 low ratings and more than 20 tickets after reading", () => {
    expect(reworkFlags(figures({ reads: 10, bounces: 6 }))).toEqual([]);
    expect(reworkFlags(figures({ reads: 10, bounces: 7 })).map((flag) => flag.reason)).toEqual(["bounce_rate"]);
    expect(reworkFlags(figures({ reads: 9, bounces: 9 }))).toEqual([]);
    expect(reworkFlags(figures({ ratingCount: 5, lowRatings: 5, ratingMean: 1 }))).toEqual([]);
    expect(reworkFlags(figures({ ratingCount: 8, lowRatings: 6, ratingMean: 2 }))[0]?.evidence).toBe(
      "6 readers rated it 2 or less (more than 5); mean rating 2.0 of 8",
    );
    expect(reworkFlags(figures({ ticketsAfterReading: 20 }))).toEqual([]);
    expect(reworkFlags(figures({ ticketsAfterReading: 21 })).map((flag) => flag.reason)).toEqual([
      "tickets_after_reading",
    ]);
  });
});

describe("before and after a new article", () => {
  it("compares full weeks from Monday in the workspace's time zone, across a change of clocks", () => {
    // Wednesday 11 March 2026, 11:00 in New York (clocks went forward on Sunday the 8th).
    const window = effectWindow(Date.parse("2026-03-11T15:00:00Z"), 4, "America/New_York");
    expect(window.beforeWeeks.map((week) => week.key)).toEqual([
      "2026-02-09",
      "2026-02-16",
      "2026-02-23",
      "2026-03-02",
    ]);
    expect(window.afterWeeks.map((week) => week.key)).toEqual(["2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06"]);
    expect(new Date(window.beforeStart).toISOString()).toBe("2026-02-09T05:00:00.000Z");
    expect(new Date(window.beforeEnd).toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(new Date(window.afterEnd).toISOString()).toBe("2026-04-13T04:00:00.000Z");

    const atMonday = effectWindow(Date.parse("2026-03-09T04:00:00Z"), 2, "America/New_York");
    expect(atMonday.afterWeeks.map((week) => week.key)).toEqual(["2026-03-09", "2026-03-16"]);
    expect(atMonday.beforeWeeks.map((week) => week.key)).toEqual(["2026-02-23", "2026-03-02"]);
  });

  const effect = (after: number[], now = "2026-05-01T00:00:00Z") =>
    articleEffect({
      article: { id: "refunds", title: "Refunds" },
      topic: "refund",
      publishedAt: Date.parse("2026-03-11T15:00:00Z"),
      weeks: 4,
      timezone: "America/New_York",
      now: Date.parse(now),
      ticketsByWeek: new Map([
        ["2026-02-09", 10],
        ["2026-02-16", 12],
        ["2026-02-23", 8],
        ["2026-03-02", 10],
        ["2026-03-09", 50],
        ...after.map((tickets, index) => [["2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06"][index], tickets]),
      ] as [string, number][]),
    });

  it("meets the goal when the topic's weekly tickets fall by 25% or more, and leaves the week of publication out", () => {
    expect(effect([7, 8, 7, 8])).toMatchObject({ beforePerWeek: 10, afterPerWeek: 7.5, changePct: -25, met: true });
    expect(effect([8, 8, 8, 8])).toMatchObject({ changePct: -20, met: false, status: "measured" });
  });

  it("says it is still measuring until every week after has ended", () => {
    const measuring = effect([5, 5], "2026-03-30T12:00:00Z");
    expect(measuring).toMatchObject({ status: "measuring", met: null, afterPerWeek: 5, changePct: -50 });
    expect(measuring.ticketsAfter.map((week) => week.week)).toEqual(["2026-03-16", "2026-03-23"]);
  });

  it("estimates deflection from the workspace's own measured articles, or the 25% goal without any", () => {
    const measured = (changePct: number) => ({ status: "measured", changePct }) as ArticleEffect;
    expect(expectedDeflection([measured(-30), measured(-50), measured(10)])).toEqual({
      reductionPct: 30,
      source: "measured",
      articlesMeasured: 3,
    });
    expect(expectedDeflection([{ status: "measuring", changePct: -80 } as ArticleEffect])).toEqual({
      reductionPct: 25,
      source: "default",
      articlesMeasured: 0,
    });
  });

  it("matches an article to the topic it mentions with the most tickets", () => {
    const article = { title: "Refunds and invoices", body: "How a refund works.", tags: [] };
    expect(
      topicOfArticle(
        article,
        new Map([
          ["refund", 4],
          ["invoices", 9],
          ["login", 50],
        ]),
      ),
    ).toBe("invoices");
    expect(topicOfArticle(article, new Map([["login", 50]]))).toBeNull();
  });
});

describe("the monthly report's knowledge-base recommendations", () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await createTestDesk({ now: "2026-01-05T10:00:00Z" });
  });
  afterAll(async () => desk?.close());

  const ticketOn = async (topic: string, at: string) => {
    desk.clock.set(at);
    await openTicket(
      {
        workspaceId: desk.workspaceId,
        customer: { email: `${topic.replaceAll(" ", "-")}@example.com` },
        channel: "email",
        subject: topic,
        topic,
        message: { author: "customer", body: `About ${topic}.` },
        actor: "system",
      },
      desk,
    );
  };

  it("estimates deflection from a measured article and asks for an FAQ update with its evidence", async () => {
    const day = 24 * 3_600_000;
    // Four full weeks before publication with 4 refund tickets each, four after with 2 each: -50%.
    for (let week = 0; week < 4; week++) {
      for (let index = 0; index < 4; index++) {
        await ticketOn(
          "refund",
          new Date(Date.parse("2026-01-05T10:00:00Z") + week * 7 * day + index * day).toISOString(),
        );
      }
    }
    desk.clock.set("2026-02-02T00:00:00Z");
    await desk.articles.create(
      desk.workspaceId,
      { id: "refunds", title: "How a refund works", body: "Ask for a refund within 30 days.", tags: [], public: true },
      desk.clock.now(),
    );
    for (let week = 0; week < 4; week++) {
      for (let index = 0; index < 2; index++) {
        await ticketOn(
          "refund",
          new Date(Date.parse("2026-02-02T10:00:00Z") + week * 7 * day + index * day).toISOString(),
        );
      }
    }
    for (let index = 0; index < 10; index++)
      await ticketOn("password reset", `2026-03-${String(10 + index)}T12:00:00Z`);
    // Ten readers in March who all leave at once.
    for (let index = 0; index < 10; index++) {
      await desk.articleReading.recordRead(desk.workspaceId, {
        articleId: "refunds",
        visitorId: `visitor-${String(index).padStart(16, "0")}`,
        at: new Date(`2026-03-${String(10 + index)}T09:00:00Z`),
      });
    }
    desk.clock.set("2026-03-25T12:00:00Z");

    const report = await desk.reports.monthly(desk.workspaceId, "2026-03");
    const write = report.recommendations.find((item) => item.text.includes('article about "password reset"'));
    expect(write?.text).toContain("it would deflect about 5 tickets a month");
    expect(write?.evidence).toContain(
      "expected reduction 50.0%: the median of 1 of this workspace's articles measured before and after",
    );
    expect(write?.evidence).toContain(
      'article "How a refund works" on "refund": 4.0/week in the 4 full weeks before, 2.0/week after (-50.0%), met the 25% goal',
    );
    const update = report.recommendations.find((item) => item.text.startsWith("An FAQ update is due"));
    expect(update?.text).toContain('"How a refund works" (bounce rate)');
    expect(update?.evidence[0]).toContain("10 of 10 reads bounced (100.0%");

    const health = await desk.articleHealth.report(desk.workspaceId, {
      from: new Date("2026-03-01T00:00:00Z"),
      to: new Date("2026-04-01T00:00:00Z"),
    });
    expect(health.articles[0]?.effect).toMatchObject({
      topic: "refund",
      changePct: -50,
      met: true,
      status: "measured",
    });
    expect(health.articles[0]?.needsRework).toBe(true);
  });
});
