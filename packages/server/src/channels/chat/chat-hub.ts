import type { HistoryItem, ServerFrame } from "./protocol.ts";

/** One open visitor socket as the hub sees it. */
export type VisitorConnection = {
  workspaceId: string;
  conversationId(): string | null;
  ticketIds(): string[];
  /** Sends a frame; the connection drops what it already showed (by message id). */
  deliver(frame: ServerFrame): void;
  deliverMessage(message: HistoryItem): void;
};

/** One open agent live socket. */
export type AgentConnection = {
  workspaceId: string;
  agentId: string | null;
  send(event: Record<string, unknown>): void;
};

/**
 * Who is connected in this process: visitors by workspace, agents by workspace. Presence is
 * "an agent of the workspace has the live connection open" (the web app keeps one while it is open),
 * in this process or, as the last heartbeats said (`setRemoteAgents`), in another desk process.
 */
export function createChatHub(options: { onAgentsChanged?: (workspaceId: string) => void } = {}) {
  const visitors = new Map<string, Set<VisitorConnection>>();
  const agents = new Map<string, Set<AgentConnection>>();
  let remoteAgents = new Set<string>();

  const setOf = <T>(map: Map<string, Set<T>>, key: string) => {
    let set = map.get(key);
    if (!set) {
      set = new Set();
      map.set(key, set);
    }
    return set;
  };
  const remove = <T>(map: Map<string, Set<T>>, key: string, value: T) => {
    const set = map.get(key);
    set?.delete(value);
    if (set?.size === 0) map.delete(key);
  };
  const online = (workspaceId: string) => (agents.get(workspaceId)?.size ?? 0) > 0 || remoteAgents.has(workspaceId);
  /** Runs a change and tells the workspace's visitors when it turned presence on or off. */
  const changingPresence = (workspaceId: string, change: () => void) => {
    const before = online(workspaceId);
    change();
    const agentsOnline = online(workspaceId);
    if (agentsOnline === before) return;
    for (const visitor of visitors.get(workspaceId) ?? []) visitor.deliver({ type: "presence", agentsOnline });
  };

  return {
    addVisitor(connection: VisitorConnection) {
      setOf(visitors, connection.workspaceId).add(connection);
    },
    removeVisitor(connection: VisitorConnection) {
      remove(visitors, connection.workspaceId, connection);
    },
    addAgent(connection: AgentConnection) {
      changingPresence(connection.workspaceId, () => setOf(agents, connection.workspaceId).add(connection));
      options.onAgentsChanged?.(connection.workspaceId);
    },
    removeAgent(connection: AgentConnection) {
      changingPresence(connection.workspaceId, () => remove(agents, connection.workspaceId, connection));
      options.onAgentsChanged?.(connection.workspaceId);
    },
    /** Whether an agent of the workspace is connected here, or was elsewhere as of the last heartbeats read. */
    agentsOnline(workspaceId: string): boolean {
      return online(workspaceId);
    },
    /** True when an agent of the workspace is connected to this process. */
    hasLocalAgents(workspaceId: string): boolean {
      return (agents.get(workspaceId)?.size ?? 0) > 0;
    },
    /** The workspaces where other desk processes have agents connected, as their heartbeats say. */
    setRemoteAgents(workspaceIds: ReadonlySet<string>) {
      const touched = [...new Set([...remoteAgents, ...workspaceIds])];
      const before = touched.map(online);
      remoteAgents = new Set(workspaceIds);
      touched.forEach((workspaceId, index) => {
        const agentsOnline = online(workspaceId);
        if (agentsOnline === before[index]) return;
        for (const visitor of visitors.get(workspaceId) ?? []) visitor.deliver({ type: "presence", agentsOnline });
      });
    },
    /** What a fresh read said about one workspace's agents on other desk processes. */
    setRemoteAgentsIn(workspaceId: string, present: boolean) {
      changingPresence(workspaceId, () => {
        if (present) remoteAgents = new Set([...remoteAgents, workspaceId]);
        else remoteAgents = new Set([...remoteAgents].filter((id) => id !== workspaceId));
      });
    },
    /** Agents connected to this process, per workspace. */
    agentCounts(): Map<string, number> {
      return new Map([...agents].map(([workspaceId, set]) => [workspaceId, set.size]));
    },
    hasVisitors(): boolean {
      return visitors.size > 0;
    },
    /** The open visitor sockets showing this ticket. */
    visitorsOfTicket(workspaceId: string, ticketId: string): VisitorConnection[] {
      return [...(visitors.get(workspaceId) ?? [])].filter((visitor) => visitor.ticketIds().includes(ticketId));
    },
    visitorsOfConversation(workspaceId: string, conversationId: string): VisitorConnection[] {
      return [...(visitors.get(workspaceId) ?? [])].filter((visitor) => visitor.conversationId() === conversationId);
    },
    toAgents(workspaceId: string, event: Record<string, unknown>) {
      for (const agent of agents.get(workspaceId) ?? []) agent.send(event);
    },
    /** True while anyone is connected: the live feed polls only then. */
    hasConnections(): boolean {
      return visitors.size > 0 || agents.size > 0;
    },
    counts() {
      let visitorCount = 0;
      let agentCount = 0;
      for (const set of visitors.values()) visitorCount += set.size;
      for (const set of agents.values()) agentCount += set.size;
      return { visitors: visitorCount, agents: agentCount };
    },
  };
}

export type ChatHub = ReturnType<typeof createChatHub>;
