import { describe, expect, it } from "vitest";
import type { SlaClock, SlaState } from "../sla/ticket-clock.ts";
import { planSlaTimers, slaEventDue } from "./sla-timers.ts";

const idle: SlaClock = {
  dueAt: null,
  metAt: null,
  breached: false,
  warning: false,
  warnAt: null,
  paused: false,
  remainingMinutes: null,
};
const dueAt = new Date("2026-03-02T11:00:00.000Z");
const warnAt = new Date("2026-03-02T10:36:00.000Z");
const running: SlaClock = { ...idle, dueAt, warnAt, remainingMinutes: 120 };
const state = (firstResponse: SlaClock): SlaState => ({ firstResponse, nextResponse: idle, resolution: idle });

describe("planSlaTimers", () => {
  it("plans a warning and a breach for a running target", () => {
    expect(planSlaTimers(state(running), [])).toEqual([
      { metric: "firstResponse", kind: "warning", at: warnAt, dueAt },
      { metric: "firstResponse", kind: "breach", at: dueAt, dueAt },
    ]);
  });

  it("plans nothing for a paused or met target", () => {
    expect(planSlaTimers(state({ ...running, paused: true }), [])).toEqual([]);
    expect(planSlaTimers(state({ ...running, metAt: warnAt }), [])).toEqual([]);
  });

  it("skips what the ticket already recorded for that due time", () => {
    const warned = [{ type: "sla_warning" as const, metric: "firstResponse", dueAt: dueAt.toISOString() }];
    expect(planSlaTimers(state(running), warned).map((timer) => timer.kind)).toEqual(["breach"]);
    const breached = [{ type: "sla_breached" as const, metric: "firstResponse", dueAt: dueAt.toISOString() }];
    expect(planSlaTimers(state(running), breached)).toEqual([]);
  });
});

describe("slaEventDue", () => {
  const breach = { metric: "firstResponse" as const, kind: "breach" as const, dueAt };

  it("records a breach once the due time has come", () => {
    expect(slaEventDue(state(running), breach, [], dueAt)).toEqual({
      type: "sla_breached",
      metric: "firstResponse",
      dueAt: dueAt.toISOString(),
    });
    expect(slaEventDue(state(running), breach, [], warnAt)).toBeNull();
  });

  it("records nothing when the target moved, was met, paused, or already recorded", () => {
    const later = new Date(dueAt.getTime() + 60_000);
    expect(slaEventDue(state({ ...running, dueAt: later }), breach, [], later)).toBeNull();
    expect(slaEventDue(state({ ...running, metAt: warnAt }), breach, [], dueAt)).toBeNull();
    expect(slaEventDue(state({ ...running, paused: true }), breach, [], dueAt)).toBeNull();
    const recorded = [{ type: "sla_breached" as const, metric: "firstResponse", dueAt: dueAt.toISOString() }];
    expect(slaEventDue(state(running), breach, recorded, dueAt)).toBeNull();
  });

  it("does not warn about a target that is already breached", () => {
    const warning = { ...breach, kind: "warning" as const };
    expect(slaEventDue(state(running), warning, [], warnAt)?.type).toBe("sla_warning");
    const recorded = [{ type: "sla_breached" as const, metric: "firstResponse", dueAt: dueAt.toISOString() }];
    expect(slaEventDue(state(running), warning, recorded, dueAt)).toBeNull();
  });
});
