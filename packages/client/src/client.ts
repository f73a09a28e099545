import type { ApiOperations, Schemas } from "./api-types.ts";

/** A route of the desk's API, as `"METHOD /path"` under /api/v1, e.g. `"GET /tickets/{id}"`. */
export type OperationKey = keyof ApiOperations;
export type OperationParams<Key extends OperationKey> = ApiOperations[Key]["params"];
export type OperationQuery<Key extends OperationKey> = ApiOperations[Key]["query"];
export type OperationBody<Key extends OperationKey> = ApiOperations[Key]["body"];
export type OperationResponse<Key extends OperationKey> = ApiOperations[Key]["response"];

export type Ticket = Schemas["Ticket"];
export type TicketDetail = Schemas["TicketDetail"];
export type TicketWithSla = Schemas["TicketWithSla"];
export type InboxTicket = Schemas["InboxTicket"];
export type Message = Schemas["Message"];
export type TicketEvent = Schemas["TicketEvent"];
export type Customer = Schemas["Customer"];
export type CustomerDetail = Schemas["CustomerDetail"];
export type AccountEvent = Schemas["AccountEvent"];
export type FollowUp = Schemas["FollowUp"];
export type Article = Schemas["Article"];
export type ArticleListItem = Schemas["ArticleListItem"];
export type KnownIssue = Schemas["KnownIssue"];
export type KnownIssueDetail = Schemas["KnownIssueDetail"];
export type Report = Schemas["Report"];
export type Agent = Schemas["Agent"];
export type Session = Schemas["Session"];
export type Draft = OperationResponse<"POST /tickets/{id}/draft">;
export type Citation = Draft["citations"][number];
export type InboxView = OperationQuery<"GET /inbox">["view"];
export type Snapshot = OperationResponse<"GET /export">;

type TicketListQuery = OperationQuery<"GET /tickets">;
/** The ticket list's filters; `status`, `priority` and `channel` take one value, several, or a comma-separated list. */
export type TicketFilters = Omit<TicketListQuery, "status" | "priority" | "channel"> & {
  status?: string | Ticket["status"][];
  priority?: string | NonNullable<Ticket["priority"]>[];
  channel?: string | Ticket["channel"][];
};

/** The part of `fetch` the client uses: the global fetch fits, and so does an in-process adapter. */
export type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<Response>;

export type ClientOptions = {
  /** The desk's address, e.g. `http://127.0.0.1:3000`; empty (the default) for the same origin in a browser. */
  baseUrl?: string;
  /** An API token, sent as `Authorization: Bearer`; without it a browser's session cookie is used. */
  token?: string;
  fetch?: Fetch;
};

export type RequestOptions<Key extends OperationKey> = {
  params?: OperationParams<Key>;
  query?: OperationQuery<Key> | Record<string, QueryValue>;
  body?: OperationBody<Key>;
};

type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/** Every failed call: the desk's `{ code, message }` and the HTTP status (0 when the desk did not answer). */
export class DeskApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "DeskApiError";
    this.status = status;
    this.code = code;
  }
}

export function isDeskApiError(error: unknown): error is DeskApiError {
  return error instanceof DeskApiError;
}

const apiPrefix = "/api/v1";

/** Builds `/tickets/{id}` into `/tickets/T-1`, encoding each parameter. */
export function operationPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") throw new TypeError(`The path ${template} needs the parameter "${name}".`);
    return name === "*" ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
}

function queryString(query: Record<string, QueryValue> | undefined): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    search.append(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** A typed client for the desk's HTTP API (`/api/v1`), grouped by what it works on. */
export function createClient(options: ClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? "").replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  const send: Fetch = options.fetch ?? ((url, init) => fetch(url, init));

  async function request<Key extends OperationKey>(
    key: Key,
    requestOptions: RequestOptions<Key> = {},
  ): Promise<OperationResponse<Key>> {
    const [method = "GET", template = "/"] = key.split(" ");
    const path = operationPath(template, requestOptions.params as Record<string, string> | undefined);
    const url = `${baseUrl}${apiPrefix}${path}${queryString(requestOptions.query as Record<string, QueryValue>)}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const hasBody = requestOptions.body !== undefined;
    if (hasBody) headers["content-type"] = "application/json";

    let response: Response;
    try {
      response = await send(url, {
        method,
        headers,
        ...(hasBody ? { body: JSON.stringify(requestOptions.body) } : {}),
      });
    } catch (error) {
      const reason = error instanceof Error ? ` (${error.message})` : "";
      throw new DeskApiError(0, "unavailable", `The desk at ${baseUrl || "this address"} did not answer${reason}.`);
    }
    if (response.status === 204) return undefined as OperationResponse<Key>;
    const isJson = (response.headers.get("content-type") ?? "").includes("json");
    const text = await response.text();
    let data: unknown = text;
    if (isJson && text) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new DeskApiError(response.status, "invalid_response", `${key} answered JSON that does not parse.`);
      }
    }
    if (!response.ok) {
      const error = (typeof data === "object" && data !== null ? data : {}) as { code?: unknown; message?: unknown };
      throw new DeskApiError(
        response.status,
        typeof error.code === "string" ? error.code : "http_error",
        typeof error.message === "string" ? error.message : `${key} answered ${response.status}.`,
      );
    }
    return data as OperationResponse<Key>;
  }

  /** A text form of a route (Markdown, CSV) that otherwise answers JSON. */
  async function requestText(key: OperationKey, query: Record<string, QueryValue>): Promise<string> {
    const text = await request(key, { query });
    return typeof text === "string" ? text : JSON.stringify(text);
  }

  const id = (value: string) => ({ id: value });

  return {
    request,
    health: () => request("GET /health"),
    search: (query: string) => request("GET /search", { query: { q: query } }),
    export: () => request("GET /export"),
    import: (snapshot: OperationBody<"POST /import">) => request("POST /import", { body: snapshot }),

    tickets: {
      list: (filters: TicketFilters = {}) => request("GET /tickets", { query: filters }),
      inbox: (query: OperationQuery<"GET /inbox"> = {}) => request("GET /inbox", { query }),
      get: (ticketId: string) => request("GET /tickets/{id}", { params: id(ticketId) }),
      create: (body: OperationBody<"POST /tickets">) => request("POST /tickets", { body }),
      update: (ticketId: string, body: OperationBody<"PATCH /tickets/{id}">) =>
        request("PATCH /tickets/{id}", { params: id(ticketId), body }),
      addMessage: (ticketId: string, body: OperationBody<"POST /tickets/{id}/messages">) =>
        request("POST /tickets/{id}/messages", { params: id(ticketId), body }),
      /** A public reply from the caller to the customer. */
      reply: (ticketId: string, body: string) =>
        request("POST /tickets/{id}/messages", { params: id(ticketId), body: { body, public: true, author: "agent" } }),
      /** An internal note: the team sees it, the customer never does. */
      addNote: (ticketId: string, body: string) =>
        request("POST /tickets/{id}/messages", {
          params: id(ticketId),
          body: { body, public: false, author: "agent" },
        }),
      /** The responder's draft: a proposal, nothing is sent. */
      draft: (ticketId: string) => request("POST /tickets/{id}/draft", { params: id(ticketId) }),
      autoReply: (ticketId: string) => request("POST /tickets/{id}/auto-reply", { params: id(ticketId) }),
      escalate: (ticketId: string, body: OperationBody<"POST /tickets/{id}/escalate">) =>
        request("POST /tickets/{id}/escalate", { params: id(ticketId), body }),
      interactionReport: (ticketId: string) =>
        request("GET /tickets/{id}/interaction-report", { params: id(ticketId) }),
      attachments: (ticketId: string) => request("GET /tickets/{id}/attachments", { params: id(ticketId) }),
      deliveries: (ticketId: string) => request("GET /tickets/{id}/deliveries", { params: id(ticketId) }),
      merge: (ticketId: string, body: OperationBody<"POST /tickets/{id}/merge">) =>
        request("POST /tickets/{id}/merge", { params: id(ticketId), body }),
    },

    followUps: {
      list: (ticketId: string) => request("GET /tickets/{id}/follow-ups", { params: id(ticketId) }),
      schedule: (ticketId: string, body: OperationBody<"POST /tickets/{id}/follow-ups">) =>
        request("POST /tickets/{id}/follow-ups", { params: id(ticketId), body }),
      complete: (ticketId: string, followUpId: string) =>
        request("POST /tickets/{id}/follow-ups/{followUpId}/done", { params: { id: ticketId, followUpId } }),
    },

    customers: {
      list: (query: OperationQuery<"GET /customers"> = {}) => request("GET /customers", { query }),
      /** Customers whose name, email, phone or company matches. */
      search: (text: string, limit?: number) => request("GET /customers", { query: { search: text, limit } }),
      get: (customerId: string) => request("GET /customers/{id}", { params: id(customerId) }),
      merge: (customerId: string, body: OperationBody<"POST /customers/{id}/merge">) =>
        request("POST /customers/{id}/merge", { params: id(customerId), body }),
    },

    knowledge: {
      /** Articles for a question, best first. */
      search: (text: string, limit?: number) => request("GET /articles", { query: { search: text, limit } }),
      list: (query: OperationQuery<"GET /articles"> = {}) => request("GET /articles", { query }),
      get: (articleId: string) => request("GET /articles/{id}", { params: id(articleId) }),
      create: (body: OperationBody<"POST /articles">) => request("POST /articles", { body }),
      update: (articleId: string, body: OperationBody<"PATCH /articles/{id}">) =>
        request("PATCH /articles/{id}", { params: id(articleId), body }),
      remove: (articleId: string) => request("DELETE /articles/{id}", { params: id(articleId) }),
      proposals: () => request("GET /knowledge/proposals"),
    },

    knownIssues: {
      list: (query: OperationQuery<"GET /known-issues"> = {}) => request("GET /known-issues", { query }),
      get: (knownIssueId: string) => request("GET /known-issues/{id}", { params: id(knownIssueId) }),
    },

    reports: {
      /** The metrics of a calendar month (YYYY-MM, the current month when absent). */
      monthly: (month?: string) => request("GET /reports/monthly", { query: { month, format: "json" } }),
      monthlyMarkdown: (month?: string) => requestText("GET /reports/monthly", { month, format: "markdown" }),
      monthlyCsv: (month?: string) => requestText("GET /reports/monthly", { month, format: "csv" }),
      topics: (query: OperationQuery<"GET /reports/topics"> = {}) => request("GET /reports/topics", { query }),
      agentQuality: (query: OperationQuery<"GET /reports/agent-quality"> = {}) =>
        request("GET /reports/agent-quality", { query }),
      product: (query: OperationQuery<"GET /reports/product"> = {}) => request("GET /reports/product", { query }),
    },

    responder: {
      autonomy: () => request("GET /responder/autonomy"),
      setAutonomy: (body: OperationBody<"PUT /responder/autonomy">) => request("PUT /responder/autonomy", { body }),
    },

    session: {
      setup: () => request("GET /session/setup"),
      get: () => request("GET /session"),
      signIn: (body: OperationBody<"POST /session">) => request("POST /session", { body }),
      signOut: () => request("DELETE /session"),
      createFirstAdmin: (body: OperationBody<"POST /session/first-admin">) =>
        request("POST /session/first-admin", { body }),
    },

    agents: {
      list: () => request("GET /agents"),
    },
  };
}

export type DeskClient = ReturnType<typeof createClient>;
