import type { Channel, OutboundMessage, SendResult } from "../../core/channels/channel.ts";
import { agentItems } from "./chat-format.ts";
import { createChatHub } from "./chat-hub.ts";
import { type AgentPresenceStore, agentTypingKind, type ChatDeps } from "./ports.ts";
import { createRateLimiter } from "./rate-limit.ts";
import { createSharedPresence } from "./shared-presence.ts";
import { openVisitorSession, type VisitorTransport } from "./visitor-session.ts";

export type ChatNotification = {
  workspaceId: string;
  kind: string;
  ticketId: string | null;
  payload?: Record<string, unknown>;
};

export type ChatServiceOptions = {
  /** Messages a visitor may send at once, then one per `refillMs` (default 10, then one a second). */
  messageBurst?: number;
  messageRefillMs?: number;
  /**
   * Where a reply goes when the visitor has no widget open but left an email address (the offline
   * fallback): the email channel, once the registry provides it.
   */
  emailFallback?: () => Channel | null;
  onError?: (error: unknown) => void;
  /**
   * Presence and agent typing shared with the other desk processes on the database; without it
   * (one process) they stay in this process.
   */
  presence?: AgentPresenceStore;
  presenceHeartbeatMs?: number;
};

/**
 * Live chat and in-app messaging: the visitor sessions, the agents' presence and live events, and
 * the Channel the delivery job sends public replies through.
 */
export function createChatService(deps: ChatDeps, options: ChatServiceOptions = {}) {
  const hub = createChatHub({ onAgentsChanged: () => shared?.agentsChanged() });
  const shared = options.presence
    ? createSharedPresence(
        { store: options.presence, hub, clock: deps.clock, ...(options.onError ? { onError: options.onError } : {}) },
        options.presenceHeartbeatMs ? { heartbeatMs: options.presenceHeartbeatMs } : {},
      )
    : null;
  const messageLimiter = createRateLimiter({
    burst: options.messageBurst ?? 10,
    refillMs: options.messageRefillMs ?? 1_000,
  });
  // Many visitors can share an address (an office, a mobile carrier): a looser limit per address.
  const addressLimiter = createRateLimiter({ burst: 60, refillMs: 200 });

  const pushToVisitors = async (workspaceId: string, ticketId: string) => {
    const visitors = hub.visitorsOfTicket(workspaceId, ticketId);
    if (visitors.length === 0) return;
    const messages = await deps.conversations.publicMessages(workspaceId, [ticketId], 20);
    for (const message of messages) {
      if (message.author === "customer") continue;
      for (const item of agentItems({ id: message.id, body: message.body, at: message.at.toISOString() })) {
        for (const visitor of visitors) visitor.deliverMessage(item);
      }
    }
  };

  const send = async (outbound: OutboundMessage): Promise<SendResult> => {
    const visitors = hub.visitorsOfTicket(outbound.workspaceId, outbound.ticketId);
    if (visitors.length > 0) {
      const at = deps.clock.now().toISOString();
      for (const item of agentItems({ id: outbound.messageId, body: outbound.body, at })) {
        for (const visitor of visitors) visitor.deliverMessage(item);
      }
      return { status: "sent", externalId: outbound.externalId };
    }
    // Nobody has the widget open: the reply waits in the history, or goes by email when the
    // visitor left an address.
    const [conversation] = await deps.conversations.conversationsOfTicket(outbound.workspaceId, outbound.ticketId);
    const email = conversation?.email ?? outbound.to.email;
    const fallback = options.emailFallback?.() ?? null;
    if (email && fallback) return fallback.send({ ...outbound, to: { ...outbound.to, email } });
    return { status: "sent", externalId: outbound.externalId };
  };

  const showAgentTyping = (workspaceId: string, ticketId: string, typing: boolean) => {
    for (const visitor of hub.visitorsOfTicket(workspaceId, ticketId))
      visitor.deliver({ type: "agent_typing", typing });
  };

  const channels: Channel[] = [
    { channel: "chat", provider: "widget", send },
    { channel: "in_app", provider: "widget", send },
  ];

  return {
    hub,
    channels,
    /** The Channel for tickets that came through the widget (chat) or a host app (in_app). */
    channel(name: "chat" | "in_app"): Channel {
      const found = channels.find((channel) => channel.channel === name);
      if (!found) throw new Error(`no chat channel ${name}`);
      return found;
    },
    openVisitor(workspaceId: string, transport: VisitorTransport, remoteAddress?: string) {
      shared?.visitorsChanged();
      return openVisitorSession(workspaceId, transport, {
        ...deps,
        hub,
        agentsOnline: (id) => (shared ? shared.agentsOnline(id) : Promise.resolve(hub.agentsOnline(id))),
        messageLimiter,
        addressLimiter,
        ...(remoteAddress ? { remoteAddress } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
      });
    },
    /** Called for every outbox row while anyone is connected: replies reach visitors even before a delivery job runs. */
    async onNotification(notification: ChatNotification): Promise<void> {
      if (notification.kind === "message.added" && notification.ticketId) {
        await pushToVisitors(notification.workspaceId, notification.ticketId);
      }
      // Typing announced by an agent on another desk process; this process's own was shown at once.
      if (notification.kind === agentTypingKind && notification.ticketId && shared) {
        const payload = notification.payload ?? {};
        if (payload.processId !== shared.processId && typeof payload.typing === "boolean") {
          showAgentTyping(notification.workspaceId, notification.ticketId, payload.typing);
        }
      }
    },
    /** An agent typing on a ticket: its visitors see the indicator, on whichever desk process they are. */
    async agentTyping(workspaceId: string, ticketId: string, typing: boolean, agentId: string | null = null) {
      showAgentTyping(workspaceId, ticketId, typing);
      await shared?.publishTyping({ workspaceId, ticketId, typing, agentId });
    },
    /** Presence across desk processes, when the desk has more than one. */
    sharedPresence: shared,
    /** Stops presence heartbeats and withdraws this process's agents from the shared presence. */
    async close(): Promise<void> {
      await shared?.close();
    },
  };
}

export type ChatService = ReturnType<typeof createChatService>;
