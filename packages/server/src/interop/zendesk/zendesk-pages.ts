import { z } from "zod";

/**
 * The Support API's payloads, as far as the import reads them. Loose objects: every other field is kept
 * as it came, so the mapping can put what matters into `attributes`.
 */
const id = z.number().int();
const time = z.string().min(1);

export const zendeskUserSchema = z.looseObject({
  id,
  name: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  role: z.string(),
  organization_id: id.nullish(),
  default_group_id: id.nullish(),
  locale: z.string().nullish(),
  time_zone: z.string().nullish(),
  iana_time_zone: z.string().nullish(),
  active: z.boolean().nullish(),
  suspended: z.boolean().nullish(),
  tags: z.array(z.string()).nullish(),
  user_fields: z.record(z.string(), z.unknown()).nullish(),
  created_at: time.nullish(),
});

export const zendeskOrganizationSchema = z.looseObject({
  id,
  name: z.string(),
  domain_names: z.array(z.string()).nullish(),
  tags: z.array(z.string()).nullish(),
  details: z.string().nullish(),
  notes: z.string().nullish(),
  organization_fields: z.record(z.string(), z.unknown()).nullish(),
});

export const zendeskGroupSchema = z.looseObject({
  id,
  name: z.string(),
  deleted: z.boolean().nullish(),
});

export const zendeskTicketSchema = z.looseObject({
  id,
  subject: z.string().nullish(),
  status: z.string(),
  priority: z.string().nullish(),
  type: z.string().nullish(),
  requester_id: id.nullish(),
  assignee_id: id.nullish(),
  group_id: id.nullish(),
  organization_id: id.nullish(),
  tags: z.array(z.string()).nullish(),
  url: z.string().nullish(),
  via: z.looseObject({ channel: z.union([z.string(), z.number()]).nullish() }).nullish(),
  created_at: time,
});

export const zendeskAttachmentSchema = z.looseObject({
  id: id.nullish(),
  file_name: z.string().nullish(),
  content_url: z.string().nullish(),
  content_type: z.string().nullish(),
  size: z.number().nullish(),
});

export const zendeskCommentSchema = z.looseObject({
  id,
  type: z.string().nullish(),
  author_id: id.nullish(),
  body: z.string().nullish(),
  html_body: z.string().nullish(),
  plain_body: z.string().nullish(),
  public: z.boolean().nullish(),
  attachments: z.array(zendeskAttachmentSchema).nullish(),
  created_at: time,
});

export const zendeskSatisfactionRatingSchema = z.looseObject({
  id,
  ticket_id: id,
  score: z.string(),
  comment: z.string().nullish(),
  reason: z.string().nullish(),
  created_at: time.nullish(),
  updated_at: time.nullish(),
});

export const zendeskTicketMetricEventSchema = z.looseObject({
  id,
  ticket_id: id,
  metric: z.string(),
  instance_id: z.number().nullish(),
  type: z.string(),
  time,
});

export type ZendeskUser = z.infer<typeof zendeskUserSchema>;
export type ZendeskOrganization = z.infer<typeof zendeskOrganizationSchema>;
export type ZendeskGroup = z.infer<typeof zendeskGroupSchema>;
export type ZendeskTicket = z.infer<typeof zendeskTicketSchema>;
export type ZendeskComment = z.infer<typeof zendeskCommentSchema>;
export type ZendeskAttachment = z.infer<typeof zendeskAttachmentSchema>;
export type ZendeskSatisfactionRating = z.infer<typeof zendeskSatisfactionRatingSchema>;
export type ZendeskTicketMetricEvent = z.infer<typeof zendeskTicketMetricEventSchema>;

/**
 * The endpoints an export folder holds, one subfolder each, with the key their pages list items under.
 * `ticket-comments/<ticket id>/` holds the comment pages of each ticket.
 */
export const zendeskEndpoints = {
  groups: { key: "groups", schema: zendeskGroupSchema, firstPath: "/api/v2/groups.json?page[size]=100" },
  organizations: {
    key: "organizations",
    schema: zendeskOrganizationSchema,
    firstPath: "/api/v2/organizations.json?page[size]=100",
  },
  users: { key: "users", schema: zendeskUserSchema, firstPath: "/api/v2/incremental/users/cursor.json?start_time=0" },
  tickets: {
    key: "tickets",
    schema: zendeskTicketSchema,
    firstPath: "/api/v2/incremental/tickets/cursor.json?start_time=0",
  },
  "satisfaction-ratings": {
    key: "satisfaction_ratings",
    schema: zendeskSatisfactionRatingSchema,
    firstPath: "/api/v2/satisfaction_ratings.json?page[size]=100",
  },
  "ticket-metric-events": {
    key: "ticket_metric_events",
    schema: zendeskTicketMetricEventSchema,
    firstPath: "/api/v2/incremental/ticket_metric_events.json?start_time=0&page[size]=100",
  },
} as const;

export type ZendeskEndpoint = keyof typeof zendeskEndpoints;

export const commentsFolder = (ticketId: number) => `ticket-comments/${ticketId}` as const;
export const commentsFirstPath = (ticketId: number) => `/api/v2/tickets/${ticketId}/comments.json?page[size]=100`;

/**
 * Where a page says the next one is, or null at the end: the incremental exports' `after_url` until
 * `end_of_stream`, the lists' `links.next` while `meta.has_more` (older `next_page` too).
 */
export function nextPageUrl(page: unknown): string | null {
  if (typeof page !== "object" || page === null) return null;
  const body = page as {
    end_of_stream?: boolean;
    after_url?: string | null;
    meta?: { has_more?: boolean };
    links?: { next?: string | null };
    next_page?: string | null;
  };
  if (typeof body.end_of_stream === "boolean") return body.end_of_stream ? null : (body.after_url ?? null);
  if (body.meta && typeof body.meta.has_more === "boolean")
    return body.meta.has_more ? (body.links?.next ?? null) : null;
  return body.next_page ?? null;
}

/** Deleted tickets appear in the incremental export with this status; they have no comments to fetch. */
export const deletedTicketStatus = "deleted";
