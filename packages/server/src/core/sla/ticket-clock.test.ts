import { describe, expect, it } from "vitest";
import type { BusinessCalendar } from "./business-hours.ts";
import type { SlaTargets } from "./sla-policy.ts";
import { type ClockMessage, type StatusChange, slaState } from "./ticket-clock.ts";

const at = (time: string) => new Date(`2026-11-24T${time}:00Z`);
const nextDay = (time: string) => new Date(`2026-11-25T${time}:00Z`);
const emailTargets: SlaTargets = { firstResponseMinutes: 120, nextResponseMinutes: 60, resolutionMinutes: 1440 };
const customer = (time: Date): ClockMessage => ({ at: time, author: "customer", public: true });
const agent = (time: Date): ClockMessage => ({ at: time, author: "agent:a1", public: true });
const change = (time: Date, status: StatusChange["status"]): StatusChange => ({ at: time, status });

const state = (input: {
  statusChanges?: StatusChange[];
  messages?: ClockMessage[];
  now: Date;
  targets?: SlaTargets;
  calendar?: BusinessCalendar;
  createdAt?: Date;
}) =>
  slaState({
    createdAt: input.createdAt ?? at("10:00"),
    statusChanges: input.statusChanges ?? [],
    messages: input.messages ?? [customer(at("10:00"))],
    targets: input.targets ?? emailTargets,
    calendar: input.calendar ?? null,
    now: input.now,
  });

describe("first response", () => {
  it("is met by the first public reply from an agent, in time", () => {
    const clock = state({
      statusChanges: [change(at("11:00"), "open")],
      messages: [customer(at("10:00")), agent(at("11:00"))],
      now: at("12:30"),
    }).firstResponse;
    expect(clock).toMatchObject({ dueAt: at("12:00"), metAt: at("11:00"), breached: false, warning: false });
  });

  it("does not count an automatic acknowledgement or an internal note", () => {
    const messages: ClockMessage[] = [
      customer(at("10:00")),
      { at: at("10:00"), author: "system", public: true },
      { at: at("10:30"), author: "agent:a1", public: false },
    ];
    const clock = state({ messages, now: at("12:30") }).firstResponse;
    expect(clock).toMatchObject({ dueAt: at("12:00"), metAt: null, breached: true });
  });

  it("counts the responder's public answer", () => {
    const messages: ClockMessage[] = [customer(at("10:00")), { at: at("10:01"), author: "responder", public: true }];
    expect(state({ messages, now: at("13:00") }).firstResponse).toMatchObject({ metAt: at("10:01"), breached: false });
  });

  it("is breached when the reply comes after the due time", () => {
    const clock = state({ messages: [customer(at("10:00")), agent(at("12:01"))], now: at("13:00") }).firstResponse;
    expect(clock).toMatchObject({ dueAt: at("12:00"), metAt: at("12:01"), breached: true });
  });

  it("warns once less than a fifth of the target is left, and says when that starts", () => {
    expect(state({ now: at("11:30") }).firstResponse).toMatchObject({ warning: false, warnAt: at("11:36") });
    expect(state({ now: at("11:40") }).firstResponse).toMatchObject({
      warning: true,
      breached: false,
      remainingMinutes: 20,
    });
    expect(state({ now: at("12:00") }).firstResponse).toMatchObject({ warning: true, breached: false });
    expect(state({ now: at("12:01") }).firstResponse).toMatchObject({ warning: false, breached: true });
  });

  it("counts business hours: a ticket that arrives on Saturday is due on Monday", () => {
    const calendar: BusinessCalendar = {
      timeZone: "Europe/Berlin",
      days: ["mon", "tue", "wed", "thu", "fri"],
      start: "09:00",
      end: "17:00",
    };
    const saturday = new Date("2026-11-28T14:00:00+01:00");
    const clock = state({
      createdAt: saturday,
      messages: [customer(saturday)],
      calendar,
      now: new Date("2026-11-30T10:30:00+01:00"),
    }).firstResponse;
    expect(clock.dueAt?.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(clock).toMatchObject({ breached: false, warning: false, remainingMinutes: 30 });
  });

  it("keeps counting while the ticket is on hold with another team", () => {
    const clock = state({ statusChanges: [change(at("10:30"), "on_hold")], now: at("12:30") }).firstResponse;
    expect(clock).toMatchObject({ dueAt: at("12:00"), breached: true, paused: false });
  });

  it("stops, unmet, when the ticket is solved without a reply", () => {
    const clock = state({ statusChanges: [change(at("10:30"), "solved")], now: at("18:00") }).firstResponse;
    expect(clock).toMatchObject({ dueAt: null, metAt: null, breached: false, paused: true, remainingMinutes: 90 });
  });

  it("has no due time without a target", () => {
    const targets: SlaTargets = { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null };
    const clock = state({ targets, messages: [customer(at("10:00")), agent(at("10:05"))], now: at("11:00") });
    expect(clock.firstResponse).toMatchObject({ dueAt: null, metAt: at("10:05"), breached: false });
  });
});

describe("pausing while the ticket waits on the customer", () => {
  // Created 10:00, answered 10:10 and set pending; the customer answers at 14:10 and reopens it.
  const history = {
    statusChanges: [change(at("10:10"), "pending"), change(at("14:10"), "open")],
    messages: [customer(at("10:00")), agent(at("10:10")), customer(at("14:10"))],
  };

  it("shows no due time and the minutes left while pending", () => {
    const resolution = state({ ...history, now: at("12:00") }).resolution;
    expect(resolution).toMatchObject({ dueAt: null, paused: true, breached: false, remainingMinutes: 1430 });
  });

  it("moves the due time by the time spent pending once the customer answers", () => {
    const resolution = state({ ...history, now: at("15:00") }).resolution;
    expect(resolution).toMatchObject({ dueAt: nextDay("14:00"), paused: false, remainingMinutes: 1380 });
  });

  it("stays breached when the target ran out before the pause", () => {
    const clock = state({ statusChanges: [change(at("12:30"), "pending")], now: at("18:00") }).firstResponse;
    expect(clock).toMatchObject({ dueAt: at("12:00"), breached: true, paused: true, remainingMinutes: 0 });
  });

  it("does not pause the first response before the clock ran out when the ticket was pending early", () => {
    const clock = state({
      statusChanges: [change(at("10:30"), "pending"), change(at("11:30"), "open")],
      messages: [customer(at("10:00")), customer(at("11:30")), agent(at("12:30"))],
      now: at("13:00"),
    }).firstResponse;
    expect(clock).toMatchObject({ dueAt: at("13:00"), metAt: at("12:30"), breached: false });
  });
});

describe("resolution", () => {
  it("is met when the ticket is solved", () => {
    const clock = state({
      statusChanges: [change(at("10:10"), "open"), change(at("16:00"), "solved")],
      messages: [customer(at("10:00")), agent(at("10:10"))],
      now: nextDay("12:00"),
    }).resolution;
    expect(clock).toMatchObject({ metAt: at("16:00"), dueAt: nextDay("10:00"), breached: false, warnAt: null });
  });

  it("resumes on reopen with the time already used, and is met again at the next solve", () => {
    const statusChanges = [
      change(at("10:10"), "open"),
      change(at("16:00"), "solved"), // 6 h used
      change(nextDay("08:00"), "open"), // reopened: 18 h left
    ];
    const reopened = state({ statusChanges, now: nextDay("09:00") }).resolution;
    expect(reopened).toMatchObject({ metAt: null, dueAt: new Date("2026-11-26T02:00:00Z"), remainingMinutes: 1020 });
    const solvedAgain = state({
      statusChanges: [...statusChanges, change(nextDay("09:00"), "solved"), change(nextDay("12:00"), "closed")],
      now: nextDay("13:00"),
    }).resolution;
    expect(solvedAgain).toMatchObject({ metAt: nextDay("09:00"), breached: false });
  });

  it("shows the due time a reply met even when the ticket was set pending with it", () => {
    const clock = state({
      statusChanges: [change(at("10:45"), "pending")],
      messages: [customer(at("10:00")), agent(at("10:45"))],
      now: at("13:00"),
    }).firstResponse;
    expect(clock).toMatchObject({ dueAt: at("12:00"), metAt: at("10:45"), breached: false, paused: false });
  });

  it("is breached when solved after the due time", () => {
    const clock = state({ statusChanges: [change(nextDay("11:00"), "solved")], now: nextDay("12:00") }).resolution;
    expect(clock).toMatchObject({ dueAt: nextDay("10:00"), metAt: nextDay("11:00"), breached: true });
  });
});

describe("next response", () => {
  it("has no clock before the customer writes again", () => {
    const clock = state({ messages: [customer(at("10:00")), agent(at("10:30"))], now: at("12:00") }).nextResponse;
    expect(clock).toMatchObject({ dueAt: null, metAt: null, breached: false, remainingMinutes: null });
  });

  it("runs from the first unanswered customer message to our next public reply", () => {
    const messages = [
      customer(at("10:00")),
      agent(at("10:30")),
      customer(at("13:00")),
      { at: at("13:10"), author: "agent:a1", public: false } satisfies ClockMessage,
      agent(at("13:30")),
    ];
    expect(state({ messages, now: at("15:00") }).nextResponse).toMatchObject({
      dueAt: at("14:00"),
      metAt: at("13:30"),
      breached: false,
    });
  });

  it("shows the open cycle, counted from the first of several waiting messages", () => {
    const messages = [customer(at("10:00")), agent(at("10:30")), customer(at("14:00")), customer(at("14:10"))];
    expect(state({ messages, now: at("15:30") }).nextResponse).toMatchObject({
      dueAt: at("15:00"),
      metAt: null,
      breached: true,
    });
  });

  it("does not run before the first response is given", () => {
    const messages = [customer(at("10:00")), customer(at("10:20"))];
    expect(state({ messages, now: at("15:30") }).nextResponse.dueAt).toBeNull();
  });
});
