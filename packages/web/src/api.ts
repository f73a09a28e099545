/** The desk's HTTP API as the web app uses it: same origin, session cookie, JSON errors `{ code, message }`. */

export type Ticket = {
  id: string;
  customerId: string;
  channel: string;
  subject: string | null;
  status: "new" | "open" | "pending" | "on_hold" | "solved" | "closed";
  priority: "low" | "normal" | "high" | "urgent" | null;
  tags: string[];
  topic: string | null;
  assigneeId: string | null;
  teamId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  csat: { score: number; comment: string | null; at: string } | null;
};

export type InboxTicket = Ticket & {
  customerName: string | null;
  slaDueAt: string | null;
  slaBreached: boolean;
  slaWarning: boolean;
};

export type Message = { id: string; at: string; author: string; public: boolean; body: string };
export type TicketEvent = {
  at: string;
  actor: string | null;
  type: string;
  from: string | null;
  to: string | null;
};
export type SlaClock = {
  dueAt: string | null;
  metAt: string | null;
  breached: boolean;
  warning: boolean;
  paused: boolean;
  remainingMinutes: number | null;
};
export type TicketDetail = Ticket & {
  messages: Message[];
  events: TicketEvent[];
  sla: { firstResponse: SlaClock; nextResponse: SlaClock; resolution: SlaClock };
};

export type Customer = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  plan: string | null;
  language: string | null;
  tickets: Ticket[];
  accountEvents: { id: string; at: string; type: string; data: Record<string, unknown> | null }[];
};

export type Citation = { kind: "article" | "ticket" | "account_event" | "known_issue"; id: string };
export type Draft = {
  ticketId: string;
  triage: {
    topic: string;
    category: string;
    priority: string;
    sentiment: string;
    frustration: number;
    language: string;
    escalate: { teamId: string; reason: string } | null;
  };
  reply: { channel: string; body: string };
  internalNote: { body: string; tags: string[] };
  actions: { type: string; params: Record<string, unknown>; reason: string }[];
  citations: Citation[];
  confidence: number;
  engine: string;
};

export type Agent = { id: string; name: string; email: string; role: "admin" | "agent"; teamId: string | null };
export type Session = {
  agent: Agent | null;
  workspace: { id: string; name: string; timezone: string };
  teams: { id: string; name: string }[];
};
export type Article = { id: string; title: string; body: string; public: boolean };
export type KnownIssue = { id: string; title: string; status: string };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "unavailable", "The desk did not answer. Check that it is running, then try again.");
  }
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      data?.code ?? "internal",
      data?.message ?? `The desk answered ${response.status}.`,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body: unknown = {}) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  delete: <T>(path: string) => request<T>("DELETE", path),
};

export const encode = encodeURIComponent;
