import type { ChannelName, Priority } from "../snapshot/snapshot-schema.ts";

/**
 * One SLA policy: targets for the tickets it matches. A policy names a channel, a priority, both
 * (it then matches only tickets with both) or neither (it matches every ticket). Targets are
 * minutes of the workspace's clock: business hours when it has them, calendar time otherwise.
 */
export type SlaPolicy = {
  priority?: Priority;
  channel?: ChannelName;
  firstResponseMinutes: number;
  nextResponseMinutes?: number;
  resolutionMinutes?: number;
};

export type SlaTargets = {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
};

/** spec/metrics.md: "120 minutes where none matches". */
export const fallbackFirstResponseMinutes = 120;

/**
 * The defaults of spec/service-levels.md, for a workspace that has set none. The spec gives no
 * per-priority numbers and no next-response targets, so there are none here. Phone is the
 * callback for a missed call (an answered call is itself the first response); in-app borrows
 * chat's or email's targets in `resolveTargets`.
 */
export const defaultSlaPolicies: readonly SlaPolicy[] = [
  { channel: "email", firstResponseMinutes: 120, resolutionMinutes: 24 * 60 },
  { channel: "chat", firstResponseMinutes: 0.5 },
  { channel: "social", firstResponseMinutes: 60 },
  { channel: "phone", firstResponseMinutes: 60 },
];

/**
 * A ticket's targets: for each kind of target, the strictest (smallest) among the policies that
 * match its channel or its priority, so "the stricter of channel and priority wins". A kind that
 * no matching policy sets has no target (null), except the first response, which falls back to
 * 120 minutes as the metrics do. An in-app ticket also matches chat's policies while an agent
 * is online and email's otherwise (spec/service-levels.md).
 */
export function resolveTargets(input: {
  channel: ChannelName;
  priority: Priority | null;
  policies: readonly SlaPolicy[];
  /** For in-app tickets: whether an agent is online to chat. */
  agentOnline?: boolean;
}): SlaTargets {
  const channels = new Set<ChannelName>([input.channel]);
  if (input.channel === "in_app") channels.add(input.agentOnline ? "chat" : "email");
  const matching = input.policies.filter(
    (policy) =>
      (policy.channel === undefined || channels.has(policy.channel)) &&
      (policy.priority === undefined || policy.priority === input.priority),
  );
  const strictest = (pick: (policy: SlaPolicy) => number | undefined): number | null => {
    const targets = matching.map(pick).filter((target): target is number => target !== undefined);
    return targets.length > 0 ? Math.min(...targets) : null;
  };
  return {
    firstResponseMinutes: strictest((policy) => policy.firstResponseMinutes) ?? fallbackFirstResponseMinutes,
    nextResponseMinutes: strictest((policy) => policy.nextResponseMinutes),
    resolutionMinutes: strictest((policy) => policy.resolutionMinutes),
  };
}
