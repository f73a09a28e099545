import { describe, expect, it } from "vitest";
import { defaultSlaPolicies, resolveTargets, type SlaPolicy } from "./sla-policy.ts";

describe("default targets from spec/service-levels.md", () => {
  it("gives email 2 hours to respond and 24 to resolve", () => {
    expect(resolveTargets({ channel: "email", priority: null, policies: defaultSlaPolicies })).toEqual({
      firstResponseMinutes: 120,
      nextResponseMinutes: null,
      resolutionMinutes: 1440,
    });
  });

  it("gives chat 30 seconds and social an hour", () => {
    expect(
      resolveTargets({ channel: "chat", priority: "normal", policies: defaultSlaPolicies }).firstResponseMinutes,
    ).toBe(0.5);
    expect(
      resolveTargets({ channel: "social", priority: null, policies: defaultSlaPolicies }).firstResponseMinutes,
    ).toBe(60);
  });

  it("treats in-app as chat while an agent is online and as email otherwise", () => {
    const online = resolveTargets({
      channel: "in_app",
      priority: null,
      policies: defaultSlaPolicies,
      agentOnline: true,
    });
    const offline = resolveTargets({ channel: "in_app", priority: null, policies: defaultSlaPolicies });
    expect(online.firstResponseMinutes).toBe(0.5);
    expect(offline).toEqual({ firstResponseMinutes: 120, nextResponseMinutes: null, resolutionMinutes: 1440 });
  });

  it("falls back to 120 minutes for a first response when no policy matches", () => {
    expect(resolveTargets({ channel: "api", priority: null, policies: defaultSlaPolicies })).toEqual({
      firstResponseMinutes: 120,
      nextResponseMinutes: null,
      resolutionMinutes: null,
    });
  });
});

describe("the stricter of channel and priority wins", () => {
  const policies: SlaPolicy[] = [
    { channel: "email", firstResponseMinutes: 120, nextResponseMinutes: 240, resolutionMinutes: 1440 },
    { priority: "urgent", firstResponseMinutes: 30, resolutionMinutes: 2880 },
    { priority: "low", firstResponseMinutes: 480 },
  ];

  it("takes each target from whichever matching policy is stricter", () => {
    expect(resolveTargets({ channel: "email", priority: "urgent", policies })).toEqual({
      firstResponseMinutes: 30,
      nextResponseMinutes: 240,
      resolutionMinutes: 1440,
    });
  });

  it("keeps the channel's target when the priority's is looser", () => {
    expect(resolveTargets({ channel: "email", priority: "low", policies }).firstResponseMinutes).toBe(120);
  });

  it("matches a policy naming both channel and priority only when both match", () => {
    const both: SlaPolicy[] = [{ channel: "chat", priority: "urgent", firstResponseMinutes: 1 }];
    expect(resolveTargets({ channel: "chat", priority: "urgent", policies: both }).firstResponseMinutes).toBe(1);
    expect(resolveTargets({ channel: "email", priority: "urgent", policies: both }).firstResponseMinutes).toBe(120);
    expect(resolveTargets({ channel: "chat", priority: "high", policies: both }).firstResponseMinutes).toBe(120);
  });

  it("applies a policy naming neither to every ticket", () => {
    const everyTicket: SlaPolicy[] = [{ firstResponseMinutes: 90, resolutionMinutes: 600 }];
    expect(resolveTargets({ channel: "api", priority: null, policies: everyTicket })).toEqual({
      firstResponseMinutes: 90,
      nextResponseMinutes: null,
      resolutionMinutes: 600,
    });
  });
});
