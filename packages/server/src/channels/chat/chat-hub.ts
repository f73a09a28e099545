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
 * "an agent of the workspace has the live connection open" (the web app keeps one while it is open).
 * Fan-out across several desk processes is for later: each process knows its own sockets.
 */
export function createChatHub() {
  const visitors = new Map<string, Set<VisitorConnection>>();
  const agents = new Map<string, Set<AgentConnection>>();

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
  const broadcastPresence = (workspaceId: string) => {
    const agentsOnline = (agents.get(workspaceId)?.size ?? 0) > 0;
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
      const before = agents.get(connection.workspaceId)?.size ?? 0;
      setOf(agents, connection.workspaceId).add(connection);
      if (before === 0) broadcastPresence(connection.workspaceId);
    },
    removeAgent(connection: AgentConnection) {
      remove(agents, connection.workspaceId, connection);
      if (!agents.has(connection.workspaceId)) broadcastPresence(connection.workspaceId);
    },
    agentsOnline(workspaceId: string): boolean {
      return (agents.get(workspaceId)?.size ?? 0) > 0;
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
