import type { InboundSender } from "../../core/channels/channel.ts";
import { agentItems } from "./chat-format.ts";
import type { ChatHub, VisitorConnection } from "./chat-hub.ts";
import { isValidUserSignature } from "./identity.ts";
import type { ChatConversation, ChatDeps, ChatStoredMessage } from "./ports.ts";
import {
  clientIdOf,
  type HistoryItem,
  parseVisitorFrame,
  type ServerFrame,
  type VisitorFrame,
  visitorExternalId,
} from "./protocol.ts";
import { createRateLimiter, type RateLimiter } from "./rate-limit.ts";

/** The anonymous visitor's handle among a customer's identities. */
export const visitorHandleProvider = "widget";
export const appUserHandleProvider = "app";

const historyLimit = 200;

export type VisitorTransport = { send(text: string): void; close(code: number, reason: string): void };

export type VisitorSessionDeps = ChatDeps & {
  hub: ChatHub;
  /** Messages per visitor. */
  messageLimiter: RateLimiter;
  /** Messages per network address: a visitor id is the visitor's own choice, an address is not. */
  addressLimiter: RateLimiter;
  /** Whether an agent of the workspace is connected, to this or any other desk process. */
  agentsOnline?: (workspaceId: string) => Promise<boolean>;
  /** The visitor's network address, as the socket saw it. */
  remoteAddress?: string;
  onError?: (error: unknown) => void;
};

/**
 * One visitor socket: the hello (identity, resume), then messages in the order they came, each
 * acknowledged only after the receive use case stored it.
 */
export function openVisitorSession(workspaceId: string, transport: VisitorTransport, deps: VisitorSessionDeps) {
  // Any frame (typing, history, hello) costs something; a socket that floods is closed.
  const frameLimiter = createRateLimiter({ burst: 60, refillMs: 100, maxKeys: 1 });
  let visitorId: string | null = null;
  let userId: string | null = null;
  let userName: string | null = null;
  let page: string | undefined;
  let conversation: ChatConversation | null = null;
  let askedForEmail = false;
  let closed = false;
  const shown = new Set<string>();
  let queue: Promise<void> = Promise.resolve();

  const send = (frame: ServerFrame) => {
    if (!closed) transport.send(JSON.stringify(frame));
  };

  const connection: VisitorConnection = {
    workspaceId,
    conversationId: () => conversation?.id ?? null,
    ticketIds: () => conversation?.ticketIds ?? [],
    deliver: send,
    deliverMessage(message) {
      if (shown.has(message.id)) return;
      shown.add(message.id);
      send({ type: "message", message });
    },
  };

  const agentsOnline = () =>
    deps.agentsOnline ? deps.agentsOnline(workspaceId) : Promise.resolve(deps.hub.agentsOnline(workspaceId));

  const toHistory = (messages: ChatStoredMessage[]): HistoryItem[] =>
    messages.flatMap((message): HistoryItem[] => {
      const at = message.at.toISOString();
      const items: HistoryItem[] =
        message.author === "customer"
          ? [{ id: message.id, from: "visitor", body: message.body, at, ...clientIdField(message.externalId) }]
          : agentItems({ id: message.id, body: message.body, at });
      for (const item of items) shown.add(item.id);
      return items;
    });

  const history = async (): Promise<HistoryItem[]> => {
    // A verified user sees all their conversations; anyone else only the one this browser holds.
    const conversations = userId
      ? await deps.conversations.conversationsOfUser(workspaceId, userId, 20)
      : conversation
        ? [conversation]
        : [];
    const ticketIds = [...new Set(conversations.flatMap((each) => each.ticketIds))];
    return toHistory(await deps.conversations.publicMessages(workspaceId, ticketIds, historyLimit));
  };

  const mayResume = (candidate: ChatConversation) =>
    candidate.userId !== null ? candidate.userId === userId : candidate.visitorId === visitorId && userId === null;

  const hello = async (frame: Extract<VisitorFrame, { type: "hello" }>) => {
    visitorId = frame.visitorId;
    page = frame.page;
    userId = null;
    userName = null;
    const user = frame.user;
    if (user?.signature) {
      const secret = await deps.conversations.identitySecret(workspaceId);
      if (isValidUserSignature(secret, user.userId, user.signature)) {
        userId = user.userId;
        userName = user.name ?? null;
      }
    }
    conversation = null;
    if (frame.conversationId) {
      const candidate = await deps.conversations.conversation(workspaceId, frame.conversationId);
      if (candidate && mayResume(candidate)) conversation = candidate;
    }
    if (!conversation && userId) {
      [conversation = null] = await deps.conversations.conversationsOfUser(workspaceId, userId, 1);
    }
    deps.hub.addVisitor(connection);
    send({
      type: "welcome",
      conversationId: conversation?.id ?? null,
      identified: userId !== null,
      agentsOnline: await agentsOnline(),
      emailKnown: Boolean(conversation?.email),
      history: await history(),
    });
  };

  const sender = (): InboundSender => {
    if (userId)
      return { handle: { provider: appUserHandleProvider, value: userId }, ...(userName ? { name: userName } : {}) };
    // The email a visitor typed is not proof of who they are: it is added to their own customer
    // (when nobody else has it) but never used to find one.
    return { handle: { provider: visitorHandleProvider, value: visitorId ?? "" }, name: "Website visitor" };
  };

  const message = async (frame: Extract<VisitorFrame, { type: "message" }>) => {
    const now = deps.clock.now();
    const withinLimits =
      deps.messageLimiter.take(`visitor:${workspaceId}:${visitorId}`, now.getTime()) &&
      (!deps.remoteAddress ||
        isLoopback(deps.remoteAddress) ||
        deps.addressLimiter.take(`address:${deps.remoteAddress}`, now.getTime()));
    if (!withinLimits) {
      send({
        type: "error",
        code: "rate_limited",
        clientId: frame.clientId,
        message: "Too many messages at once; this one will be sent again in a moment.",
      });
      return;
    }
    conversation ??= await deps.conversations.createConversation(workspaceId, {
      visitorId: visitorId ?? "",
      userId,
      channel: userId ? "in_app" : "chat",
      at: now,
    });
    const current = conversation;
    const externalId = visitorExternalId(current.id, frame.clientId);
    const received = await deps.receive(workspaceId, {
      channel: current.channel,
      provider: visitorHandleProvider,
      externalId,
      threadIds: current.lastExternalId ? [current.lastExternalId] : [],
      ...(current.ticketIds.length > 0 ? { ticketReference: current.ticketIds.at(-1) } : {}),
      from: sender(),
      ...(current.ticketIds.length === 0 ? { subject: subjectOf(frame.body) } : {}),
      body: frame.body,
      at: now,
      attributes: { conversationId: current.id, ...(page ? { page } : {}) },
    });
    if (!received.duplicate) {
      await deps.conversations.recordInbound(workspaceId, current.id, {
        ticketId: received.ticketId,
        externalId,
        at: now,
      });
      if (!current.ticketIds.includes(received.ticketId)) current.ticketIds = [...current.ticketIds, received.ticketId];
      current.lastExternalId = externalId;
    }
    shown.add(received.messageId);
    send({
      type: "ack",
      clientId: frame.clientId,
      messageId: received.messageId,
      conversationId: current.id,
      duplicate: received.duplicate,
    });
    deps.hub.toAgents(workspaceId, {
      type: "visitor.typing",
      conversationId: current.id,
      ticketId: received.ticketId,
      typing: false,
    });
    if (!current.email && !askedForEmail && !(await agentsOnline())) {
      askedForEmail = true;
      send({ type: "ask_email" });
    }
  };

  const email = async (address: string) => {
    if (!conversation) {
      send({
        type: "error",
        code: "not_ready",
        message: "Send a message first; the email address belongs to a conversation.",
      });
      return;
    }
    await deps.conversations.setEmail(workspaceId, conversation.id, address, deps.clock.now());
    conversation.email = address.trim().toLowerCase();
    const ticketId = conversation.ticketIds.at(-1);
    if (ticketId) await deps.conversations.addCustomerEmail(workspaceId, ticketId, address);
    send({ type: "email_saved" });
  };

  const track = async (frame: Extract<VisitorFrame, { type: "track" }>) => {
    if (!userId) {
      send({
        type: "error",
        code: "forbidden",
        message: "Events are recorded only for users the host app identified with a valid signature.",
      });
      return;
    }
    if (!deps.messageLimiter.take(`${workspaceId}:${visitorId}:track`, deps.clock.now().getTime())) {
      send({ type: "error", code: "rate_limited", message: "Too many events at once." });
      return;
    }
    const customerId = await deps.conversations.customerOfAppUser(workspaceId, userId, userName);
    await deps.conversations.addAccountEvent(workspaceId, {
      customerId,
      type: frame.event,
      data: frame.data ?? null,
      at: deps.clock.now(),
    });
    send({ type: "tracked", event: frame.event });
  };

  const handleFrame = async (frame: VisitorFrame) => {
    if (frame.type === "ping") return send({ type: "pong" });
    if (frame.type === "hello") return hello(frame);
    if (visitorId === null) {
      return send({ type: "error", code: "not_ready", message: "Send hello first: it says who the visitor is." });
    }
    switch (frame.type) {
      case "message":
        return message(frame);
      case "typing":
        if (conversation) {
          deps.hub.toAgents(workspaceId, {
            type: "visitor.typing",
            conversationId: conversation.id,
            ticketId: conversation.ticketIds.at(-1) ?? null,
            typing: frame.typing,
          });
        }
        return;
      case "email":
        return email(frame.email);
      case "track":
        return track(frame);
      case "history":
        return send({ type: "history", history: await history() });
    }
  };

  return {
    connection,
    /** Takes one raw frame; frames are handled one after another, in order. */
    receive(raw: string): Promise<void> {
      if (!frameLimiter.take("socket", Date.now())) {
        transport.close(1008, "Too many frames: slow down and reconnect.");
        return queue;
      }
      const parsed = parseVisitorFrame(raw);
      if (!parsed.ok) {
        send({ type: "error", code: "invalid_input", message: parsed.message });
        return queue;
      }
      queue = queue.then(async () => {
        if (closed) return;
        try {
          await handleFrame(parsed.frame);
        } catch (error) {
          const clientId = parsed.frame.type === "message" ? parsed.frame.clientId : undefined;
          send({
            type: "error",
            code: "internal",
            message: "The desk could not take this just now; it will be sent again.",
            ...(clientId ? { clientId } : {}),
          });
          deps.onError?.(error);
        }
      });
      return queue;
    },
    close() {
      closed = true;
      deps.hub.removeVisitor(connection);
    },
  };
}

function subjectOf(body: string): string {
  const firstLine = body.split("\n")[0]?.trim() ?? "";
  return firstLine.length > 80 ? `${firstLine.slice(0, 77)}...` : firstLine;
}

/** Behind a reverse proxy on the same host every visitor comes from loopback: only the per-visitor limit applies. */
function isLoopback(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function clientIdField(externalId: string | null): { clientId?: string } {
  const clientId = clientIdOf(externalId);
  return clientId ? { clientId } : {};
}
