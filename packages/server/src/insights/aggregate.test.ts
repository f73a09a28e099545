import { describe, expect, it } from "vitest";
import { articleMentions, median } from "./aggregate.ts";
import { monthContaining, monthPeriod, previousMonth } from "./period.ts";

describe("periods", () => {
  it("takes a month's bounds in the time zone, across a daylight-saving change", () => {
    const march = monthPeriod("2026-03", "America/New_York");
    expect(new Date(march.start).toISOString()).toBe("2026-03-01T05:00:00.000Z");
    expect(new Date(march.end).toISOString()).toBe("2026-04-01T04:00:00.000Z");
    const december = monthPeriod("2026-12", "Asia/Tokyo");
    expect(new Date(december.end).toISOString()).toBe("2026-12-31T15:00:00.000Z");
  });

  it("knows the previous and the current month", () => {
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(monthContaining(Date.parse("2026-04-01T03:30:00Z"), "America/New_York")).toBe("2026-03");
    expect(monthContaining(Date.parse("2026-04-01T03:30:00Z"), "UTC")).toBe("2026-04");
  });

  it("refuses a month that is not YYYY-MM", () => {
    for (const month of ["2026-3", "2026-00", "March", "2026-03-01"]) {
      expect(() => monthPeriod(month, "UTC")).toThrow(/YYYY-MM/);
    }
  });
});

describe("figures", () => {
  it("takes the median of an even count as the mean of the two middle values", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([])).toBeNull();
  });

  it("finds an article mentioning a topic by its phrase or by most of its words in the title or tags", () => {
    const exporting = { title: "Exporting your data", body: "Exports time out after 2 minutes.", tags: ["export"] };
    expect(articleMentions(exporting, "data export failure")).toBe(true);
    expect(articleMentions(exporting, "feature request")).toBe(false);
    expect(
      articleMentions({ title: "FAQ", body: "About the feature request form.", tags: [] }, "feature request"),
    ).toBe(true);
  });
});
