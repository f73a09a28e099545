// The widget's side of the socket protocol (the server's is channels/chat/protocol.ts; change both together).

export type HistoryItem = { id: string; from: "visitor" | "agent"; body: string; at: string; clientId?: string };

export type VisitorUser = { userId: string; email?: string; name?: string; signature?: string };

export type ClientFrame =
  | { type: "hello"; visitorId: string; conversationId: string | null; user: VisitorUser | null; page?: string }
  | { type: "message"; clientId: string; body: string }
  | { type: "typing"; typing: boolean }
  | { type: "email"; email: string }
  | { type: "track"; event: string; data?: Record<string, unknown> }
  | { type: "history" };

export type ServerFrame =
  | {
      type: "welcome";
      conversationId: string | null;
      identified: boolean;
      agentsOnline: boolean;
      emailKnown: boolean;
      history: HistoryItem[];
    }
  | { type: "ack"; clientId: string; messageId: string; conversationId: string; duplicate: boolean }
  | { type: "message"; message: HistoryItem }
  | { type: "agent_typing"; typing: boolean }
  | { type: "presence"; agentsOnline: boolean }
  | { type: "ask_email" }
  | { type: "email_saved" }
  | { type: "history"; history: HistoryItem[] }
  | { type: "tracked"; event: string }
  | { type: "pong" }
  | { type: "error"; code: string; message: string; clientId?: string };
