/** The desk's HTTP API as the web app uses it: the typed client, same origin, the session cookie. */
import {
  createClient,
  DeskApiError,
  type KnownIssue,
  type OperationBody,
  type OperationResponse,
  type Schemas,
} from "@support-responder/client";

export type {
  AccountEvent,
  Agent,
  Article,
  ArticleListItem,
  Citation,
  Customer,
  CustomerDetail,
  Draft,
  FollowUp,
  InboxTicket,
  KnownIssue,
  KnownIssueDetail,
  Message,
  Session,
  Ticket,
  TicketDetail,
  TicketEvent,
} from "@support-responder/client";
export type { OperationBody, OperationResponse };

export type TicketWithSla = Schemas["TicketWithSla"];
export type SlaClock = TicketWithSla["sla"]["firstResponse"];
export type TicketUpdate = OperationBody<"PATCH /tickets/{id}">;
export type TicketMerge = Schemas["TicketMerge"];
export type KnownIssueStatus = KnownIssue["status"];
export type Macro = Schemas["Macro"];
export type Trigger = Schemas["Trigger"];
export type ApiToken = Schemas["ApiToken"];
export type RoutingSettings = OperationResponse<"GET /routing">;
export type RoutingRule = RoutingSettings["rules"][number];
export type MonthlyReport = Schemas["Report"];
export type ArticleVersion = OperationResponse<"GET /articles/{id}/versions">["versions"][number];
export type ArticleProposal = Schemas["ArticleProposal"];
export type WebhookSubscription = Schemas["WebhookSubscription"];
export type WebhookDelivery = Schemas["WebhookDelivery"];
export type ChannelAccount = Schemas["ChannelAccount"];
export type AutonomyPolicy = OperationResponse<"GET /responder/autonomy">;

/** Every refused or failed call: the desk's `{ code, message }` and the HTTP status (0: no answer). */
export { DeskApiError as ApiError };

export const client = createClient({
  baseUrl: "",
  fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }),
});

export const encode = encodeURIComponent;
