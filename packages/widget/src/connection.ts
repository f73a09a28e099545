import type { ClientFrame, HistoryItem, ServerFrame, VisitorUser } from "./protocol.ts";

export type PendingMessage = { clientId: string; body: string };

/** What the connection remembers across page loads (localStorage, per workspace). */
export type WidgetMemory = {
  get(key: string): string | null;
  set(key: string, value: string | null): void;
};

export type ConnectionEvents = {
  welcome(frame: Extract<ServerFrame, { type: "welcome" }>, pending: PendingMessage[]): void;
  acknowledged(clientId: string, messageId: string): void;
  message(message: HistoryItem): void;
  agentTyping(typing: boolean): void;
  presence(agentsOnline: boolean): void;
  askEmail(): void;
  emailSaved(): void;
  status(state: "connecting" | "open" | "offline"): void;
};

export function randomId(length = 22): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte & 63]).join("");
}

/**
 * The visitor's socket: says hello (resuming the stored conversation), keeps every message it was
 * given until the desk acknowledges it, resends those after a reconnect (the client id makes a
 * resend harmless), and reconnects with growing pauses.
 */
export function createConnection(
  url: string,
  memory: WidgetMemory,
  events: ConnectionEvents,
  initialUser: VisitorUser | null = null,
) {
  let socket: WebSocket | null = null;
  let ready = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let user = initialUser;
  let stopped = false;
  const queued: ClientFrame[] = [];

  const visitorId = memory.get("visitor") ?? randomId(32);
  memory.set("visitor", visitorId);
  const pending = (): PendingMessage[] => JSON.parse(memory.get("pending") ?? "[]");
  const savePending = (messages: PendingMessage[]) => memory.set("pending", JSON.stringify(messages));

  const write = (frame: ClientFrame) => {
    if (socket && ready) socket.send(JSON.stringify(frame));
    else if (frame.type !== "typing" && frame.type !== "message") queued.push(frame);
  };

  const connect = () => {
    if (stopped) return;
    clearTimeout(timer);
    events.status("connecting");
    const current = new WebSocket(url);
    socket = current;
    ready = false;
    current.onopen = () => {
      current.send(
        JSON.stringify({
          type: "hello",
          visitorId,
          conversationId: memory.get("conversation"),
          user,
          // Without the query string and fragment: they may hold the host app's tokens.
          page: `${location.origin}${location.pathname}`.slice(0, 2000),
        } satisfies ClientFrame),
      );
    };
    current.onmessage = (event) => {
      const frame = JSON.parse(String(event.data)) as ServerFrame;
      switch (frame.type) {
        case "welcome": {
          ready = true;
          attempt = 0;
          memory.set("conversation", frame.conversationId);
          const stored = new Set(frame.history.map((item) => item.clientId).filter(Boolean));
          const unsent = pending().filter((message) => !stored.has(message.clientId));
          savePending(unsent);
          events.status("open");
          events.welcome(frame, unsent);
          for (const message of unsent) write({ type: "message", ...message });
          for (const frame of queued.splice(0)) write(frame);
          return;
        }
        case "ack":
          memory.set("conversation", frame.conversationId);
          savePending(pending().filter((message) => message.clientId !== frame.clientId));
          return events.acknowledged(frame.clientId, frame.messageId);
        case "message":
          return events.message(frame.message);
        case "agent_typing":
          return events.agentTyping(frame.typing);
        case "presence":
          return events.presence(frame.agentsOnline);
        case "ask_email":
          return events.askEmail();
        case "email_saved":
          return events.emailSaved();
        case "error": {
          const retry = pending().find((message) => message.clientId === frame.clientId);
          if (retry && frame.code !== "invalid_input") setTimeout(() => write({ type: "message", ...retry }), 2000);
          else if (retry) savePending(pending().filter((message) => message !== retry));
          return;
        }
      }
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      ready = false;
      socket = null;
      events.status("offline");
      // 1008: the workspace is unknown; retrying would not help.
      if (stopped || event.code === 1008) return;
      const pause = Math.min(30_000, 500 * 2 ** attempt) * (0.75 + Math.random() / 2);
      attempt += 1;
      timer = setTimeout(connect, pause);
    };
  };

  return {
    start: connect,
    send(body: string): PendingMessage {
      const message = { clientId: randomId(), body };
      savePending([...pending(), message]);
      write({ type: "message", ...message });
      return message;
    },
    typing(typing: boolean) {
      write({ type: "typing", typing });
    },
    leaveEmail(email: string) {
      write({ type: "email", email });
    },
    track(event: string, data?: Record<string, unknown>) {
      write({ type: "track", event, ...(data ? { data } : {}) });
    },
    /** A new identity starts a new hello. */
    identify(next: VisitorUser | null) {
      user = next;
      if (socket) {
        const old = socket;
        socket = null;
        old.close();
      }
      connect();
    },
    /** Reconnects now (the browser came back online). */
    wake() {
      if (!socket) connect();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}
