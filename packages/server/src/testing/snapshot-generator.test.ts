import { describe, expect, it } from "vitest";
import { snapshotSchema, ticketStatuses } from "../core/snapshot/snapshot-schema.ts";
import { createRandom, findBrokenReferences, formatInstantAtOffset, generateSnapshot } from "./snapshot-generator.ts";

describe("generateSnapshot", () => {
  it("gives the same document byte for byte for the same options", () => {
    const first = JSON.stringify(generateSnapshot({ tickets: 300, seed: 42 }));
    const second = JSON.stringify(generateSnapshot({ tickets: 300, seed: 42 }));
    expect(second).toBe(first);
  });

  it("gives a different document for a different seed", () => {
    const first = JSON.stringify(generateSnapshot({ tickets: 50, seed: 1 }));
    const second = JSON.stringify(generateSnapshot({ tickets: 50, seed: 2 }));
    expect(second).not.toBe(first);
  });

  it("produces a document that parses and whose references all resolve", () => {
    const snapshot = generateSnapshot({ tickets: 639 });
    expect(() => snapshotSchema.parse(snapshot)).not.toThrow();
    expect(findBrokenReferences(snapshot)).toEqual([]);
  });

  it("covers every status, channel and author kind in 639 tickets", () => {
    const snapshot = generateSnapshot({ tickets: 639 });
    expect(snapshot.tickets).toHaveLength(639);
    expect(new Set(snapshot.tickets.map((ticket) => ticket.status))).toEqual(new Set(ticketStatuses));
    expect(new Set(snapshot.tickets.map((ticket) => ticket.channel))).toEqual(
      new Set(["email", "chat", "phone", "social", "in_app", "api"]),
    );
    const authors = new Set(snapshot.tickets.flatMap((ticket) => ticket.messages.map((message) => message.author)));
    expect(authors).toContain("customer");
    expect(authors).toContain("responder");
    expect(authors).toContain("system");
    const eventTypes = new Set(snapshot.tickets.flatMap((ticket) => (ticket.events ?? []).map((event) => event.type)));
    for (const type of ["status_changed", "assigned", "escalated", "reopened", "csat_received"]) {
      expect(eventTypes).toContain(type);
    }
    expect(snapshot.tickets.some((ticket) => ticket.messages.some((message) => !message.public))).toBe(true);
    const socialTickets = snapshot.tickets.filter((ticket) => ticket.channel === "social");
    expect(socialTickets.every((ticket) => typeof ticket.attributes?.provider === "string")).toBe(true);
    expect(snapshot.customers.length).toBeGreaterThan(250);
    expect(snapshot.agents?.some((agent) => agent.role === "admin")).toBe(true);
  });

  it("keeps statuses, events and csat in agreement", () => {
    const snapshot = generateSnapshot({ tickets: 639, seed: 7 });
    for (const ticket of snapshot.tickets) {
      const statusChanges = (ticket.events ?? []).filter((event) => event.type === "status_changed");
      const lastStatus = statusChanges.at(-1)?.to ?? "new";
      expect(lastStatus, ticket.id).toBe(ticket.status);
      const hasCsatEvent = (ticket.events ?? []).some((event) => event.type === "csat_received");
      expect(hasCsatEvent, ticket.id).toBe(ticket.csat !== undefined);
      if (ticket.csat) expect(["solved", "closed"]).toContain(ticket.status);
      expect(ticket.messages[0]?.author).toBe("customer");
    }
  });

  it("writes every message and event at or after the ticket's creation, in order", () => {
    const snapshot = generateSnapshot({ tickets: 639, seed: 3 });
    for (const ticket of snapshot.tickets) {
      const created = Date.parse(ticket.createdAt);
      const times = [...ticket.messages, ...(ticket.events ?? [])].map((entry) => Date.parse(entry.at));
      expect(
        times.every((time) => time >= created),
        ticket.id,
      ).toBe(true);
      const messageTimes = ticket.messages.map((message) => Date.parse(message.at));
      expect(messageTimes, ticket.id).toEqual([...messageTimes].sort((left, right) => left - right));
      expect(ticket.messages.length).toBeGreaterThanOrEqual(1);
      expect(ticket.messages.length).toBeLessThanOrEqual(8);
    }
  });

  it("spreads createdAt over the requested days from the start", () => {
    const snapshot = generateSnapshot({ tickets: 500, start: "2025-06-01T00:00:00Z", days: 10 });
    const created = snapshot.tickets.map((ticket) => Date.parse(ticket.createdAt));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(Date.parse("2025-06-01T00:00:00Z"));
    expect(Math.max(...created)).toBeLessThan(Date.parse("2025-06-11T00:00:00Z"));
  });

  it("writes UTC instants by default and the same instants at other offsets when asked", () => {
    const plain = generateSnapshot({ tickets: 200, seed: 5 });
    const withOffsets = generateSnapshot({ tickets: 200, seed: 5, offsets: true });
    const instants = (snapshot: typeof plain) =>
      snapshot.tickets.flatMap((ticket) => [ticket.createdAt, ...ticket.messages.map((message) => message.at)]);
    expect(instants(plain).every((instant) => instant.endsWith("Z"))).toBe(true);
    expect(instants(withOffsets).some((instant) => /[+-]\d\d:\d\d$/.test(instant))).toBe(true);
    expect(instants(withOffsets).map((instant) => new Date(instant).toISOString())).toEqual(instants(plain));
    expect(() => snapshotSchema.parse(withOffsets)).not.toThrow();
  });
});

describe("formatInstantAtOffset", () => {
  it("writes the local time at the offset", () => {
    const instant = Date.parse("2026-03-01T22:30:00Z");
    expect(formatInstantAtOffset(instant, 120)).toBe("2026-03-02T00:30:00.000+02:00");
    expect(formatInstantAtOffset(instant, -330)).toBe("2026-03-01T17:00:00.000-05:30");
    expect(formatInstantAtOffset(instant, 0)).toBe("2026-03-01T22:30:00.000Z");
  });
});

describe("createRandom", () => {
  it("repeats its sequence for the same seed and stays within [0, 1)", () => {
    const first = createRandom(9);
    const second = createRandom(9);
    const values = Array.from({ length: 1000 }, () => first.next());
    expect(Array.from({ length: 1000 }, () => second.next())).toEqual(values);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
