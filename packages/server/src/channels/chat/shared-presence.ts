import { randomUUID } from "node:crypto";
import type { Clock } from "../../core/ports.ts";
import type { ChatHub } from "./chat-hub.ts";
import type { AgentPresenceStore } from "./ports.ts";

/** Heartbeats every 10 s; a process whose last three heartbeats are missing no longer counts. */
export const presenceHeartbeatMs = 10_000;
export const presenceExpiryMs = 3 * presenceHeartbeatMs;

export type SharedPresenceDeps = {
  store: AgentPresenceStore;
  hub: ChatHub;
  clock: Clock;
  onError?: (error: unknown) => void;
};

/**
 * Agent presence across desk processes: this process announces its agents per workspace when they
 * connect or leave and with a heartbeat while any are connected, and, while visitors are connected,
 * reads the other processes' heartbeats so its visitors see agents connected anywhere.
 */
export function createSharedPresence(
  deps: SharedPresenceDeps,
  options: { heartbeatMs?: number; expiryMs?: number; processId?: string } = {},
) {
  const processId = options.processId ?? randomUUID();
  const heartbeatMs = options.heartbeatMs ?? presenceHeartbeatMs;
  const expiryMs = options.expiryMs ?? presenceExpiryMs;
  const report = (error: unknown) => deps.onError?.(error);
  let announcing: Promise<void> = Promise.resolve();
  let announcedAny = false;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const since = () => new Date(deps.clock.now().getTime() - expiryMs);

  // One announcement at a time, each with the counts as they are when it runs, so the last one wins.
  const announce = (): Promise<void> => {
    announcing = announcing.then(async () => {
      const counts = deps.hub.agentCounts();
      if (counts.size === 0 && !announcedAny) return;
      await deps.store.announce(processId, counts, deps.clock.now());
      announcedAny = counts.size > 0;
    });
    announcing = announcing.catch(report);
    return announcing;
  };

  const readOthers = async () => {
    if (!deps.hub.hasVisitors()) return;
    deps.hub.setRemoteAgents(await deps.store.workspacesWithAgents({ since: since(), exceptProcessId: processId }));
  };

  const heartbeat = () => {
    void announce();
    readOthers().catch(report);
    if (!deps.hub.hasConnections() && !announcedAny) stopTimer();
  };
  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  const ensureTimer = () => {
    if (timer || closed) return;
    timer = setInterval(heartbeat, heartbeatMs);
    timer.unref();
  };

  return {
    processId,
    /** The hub calls this when an agent connects or leaves here. */
    agentsChanged(): void {
      closed = false;
      ensureTimer();
      void announce();
    },
    /** A visitor connected here: heartbeats keep what they are shown current. */
    visitorsChanged(): void {
      closed = false;
      ensureTimer();
    },
    /** Whether an agent of the workspace is connected to any desk process, read fresh when none is here. */
    async agentsOnline(workspaceId: string): Promise<boolean> {
      if (deps.hub.hasLocalAgents(workspaceId)) return true;
      const others = await deps.store.workspacesWithAgents({
        since: since(),
        exceptProcessId: processId,
        workspaceIds: [workspaceId],
      });
      // What the heartbeats read next compares with: a change seen from now on reaches the visitors.
      deps.hub.setRemoteAgentsIn(workspaceId, others.has(workspaceId));
      return others.has(workspaceId);
    },
    /** Tells the other processes an agent is typing on a ticket. */
    publishTyping(typing: { workspaceId: string; ticketId: string; typing: boolean; agentId: string | null }) {
      return deps.store.publishTyping({ ...typing, processId, at: deps.clock.now() });
    },
    /** Forgets heartbeats of processes gone long ago (expired ones already count for nothing). */
    prune: (before: Date) => deps.store.prune(before),
    /** Reads the other processes' heartbeats now (the heartbeat does this every `heartbeatMs`). */
    refresh: readOthers,
    /** Waits for announcements already started. */
    settled: (): Promise<void> => announcing,
    /** Stops the heartbeat and withdraws this process's agents at once (others would expire them). */
    async close(): Promise<void> {
      closed = true;
      stopTimer();
      await announcing;
      if (!announcedAny) return;
      await deps.store.announce(processId, new Map(), deps.clock.now()).catch(report);
      announcedAny = false;
    },
  };
}

export type SharedPresence = ReturnType<typeof createSharedPresence>;
