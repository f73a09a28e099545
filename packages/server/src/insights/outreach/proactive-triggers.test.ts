import { describe, expect, it } from "vitest";
import {
  type AccountEventFact,
  type CustomerActivity,
  commonlyAdoptedFeatures,
  featureOf,
  proactiveRules,
  proactiveTriggers,
} from "./proactive-triggers.ts";

const now = new Date("2026-03-20T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const daysAgo = (days: number) => minutesAgo(days * 24 * 60);

let sequence = 0;
const event = (type: string, at: Date): AccountEventFact => ({ id: `ev${++sequence}`, type, at });
const customer = (events: AccountEventFact[], featuresInOpenTickets: string[] = []): CustomerActivity => ({
  customerId: "c1",
  events,
  featuresInOpenTickets,
});
const kinds = (activity: CustomerActivity, adopted: string[] = []) =>
  proactiveTriggers(activity, now, adopted).map((trigger) => [trigger.kind, trigger.feature ?? null]);

describe("proactive in-app triggers", () => {
  it("reads an event's feature from the part of its type before the first dot", () => {
    expect(featureOf("Export.failed")).toBe("export");
    expect(featureOf("billing.invoice.viewed")).toBe("billing");
  });

  it("flags an error the app reported in the last day, with the errors as evidence", () => {
    const older = event("export.failed", daysAgo(3));
    const first = event("export.failed", minutesAgo(90));
    const second = event("export.failed", minutesAgo(30));
    const [trigger] = proactiveTriggers(customer([event("login.succeeded", daysAgo(20)), older, first, second]), now);
    expect(trigger?.kind).toBe("app_error");
    expect(trigger?.feature).toBe("export");
    expect(trigger?.evidence.map((item) => item.id)).toEqual([first.id, second.id]);
    expect(trigger?.reason).toContain("2 export errors");
    expect(trigger?.searchText).toContain("export");
  });

  it("stays quiet about an error the customer got past, an old error, or one they already opened a ticket about", () => {
    const base = event("login.succeeded", daysAgo(2));
    expect(
      kinds(customer([base, event("export.failed", minutesAgo(60)), event("export.completed", minutesAgo(50))])),
    ).toEqual([]);
    expect(kinds(customer([base, event("export.failed", daysAgo(2))]))).toEqual([]);
    expect(kinds(customer([base, event("export.failed", minutesAgo(10))], ["export"]))).toEqual([]);
  });

  it("reads repeated tries at a feature within minutes, with no success, as confusion", () => {
    const tries = [12, 8, 3].map((minutes) => event("report.opened", minutesAgo(minutes)));
    const [trigger] = proactiveTriggers(customer([event("login.succeeded", daysAgo(3)), ...tries]), now);
    expect(trigger?.kind).toBe("feature_confusion");
    expect(trigger?.evidence.map((item) => item.id)).toEqual(tries.map((item) => item.id));
  });

  it("does not call tries confusion when they are spread out, too few, or end in a success", () => {
    const base = event("login.succeeded", daysAgo(3));
    const spread = [60, 40, 20].map((minutes) => event("report.opened", minutesAgo(minutes)));
    expect(kinds(customer([base, ...spread]))).toEqual([]);
    const few = Array.from({ length: proactiveRules.confusionAttempts - 1 }, (_, index) =>
      event("report.opened", minutesAgo(5 - index)),
    );
    expect(kinds(customer([base, ...few]))).toEqual([]);
    const solved = [
      ...[9, 6, 4].map((minutes) => event("report.opened", minutesAgo(minutes))),
      event("report.saved", minutesAgo(2)),
    ];
    expect(kinds(customer([base, ...solved]))).toEqual([]);
  });

  it("flags a customer with no activity for two weeks after earlier use", () => {
    const last = event("dashboard.viewed", daysAgo(proactiveRules.inactiveDays + 2));
    const [trigger] = proactiveTriggers(customer([event("login.succeeded", daysAgo(60)), last]), now);
    expect(trigger?.kind).toBe("inactivity");
    expect(trigger?.evidence).toEqual([last]);
    expect(kinds(customer([event("dashboard.viewed", daysAgo(proactiveRules.inactiveDays - 1))]))).toEqual([]);
  });

  it("guides a new customer towards the features most customers use and they have not", () => {
    const others: CustomerActivity[] = [
      { customerId: "c2", events: [event("export.completed", daysAgo(40)), event("report.saved", daysAgo(40))] },
      { customerId: "c3", events: [event("export.completed", daysAgo(30)), event("invite.sent", daysAgo(30))] },
      { customerId: "c4", events: [event("report.saved", daysAgo(30)), event("export.completed", daysAgo(30))] },
    ];
    const newcomer = customer([event("signup.completed", daysAgo(3)), event("report.saved", daysAgo(2))]);
    const adopted = commonlyAdoptedFeatures([...others, newcomer]);
    // export and report: 3 of 4 customers each (a tie, by name); signup and invite: 1 of 4.
    expect(adopted).toEqual(["export", "report"]);
    const [trigger] = proactiveTriggers(newcomer, now, adopted);
    expect(trigger?.kind).toBe("onboarding");
    expect(trigger?.feature).toBe("export");
    expect(trigger?.reason).toContain("not used export");
    // A customer who has been around longer than the onboarding weeks gets no onboarding message.
    const settled = customer([event("signup.completed", daysAgo(60)), event("report.saved", daysAgo(1))]);
    expect(kinds(settled, adopted)).toEqual([]);
  });

  it("ignores events dated after now and customers without any", () => {
    expect(kinds(customer([]))).toEqual([]);
    const future = event("export.failed", new Date(now.getTime() + 60_000));
    expect(kinds(customer([event("login.succeeded", daysAgo(1)), future]))).toEqual([]);
  });
});
