import { z } from "zod";

/** The default taxonomy of spec/responder.md; a workspace may add its own categories. */
export const categories = [
  "bug",
  "how_to",
  "billing",
  "account_access",
  "feature_request",
  "outage",
  "data_privacy",
  "complaint",
  "shipping",
  "cancellation",
  "other",
] as const;
export type Category = (typeof categories)[number];

export const draftPriorities = ["low", "normal", "high", "urgent"] as const;
export type DraftPriority = (typeof draftPriorities)[number];

export const citationKinds = ["article", "ticket", "account_event", "known_issue"] as const;
export type CitationKind = (typeof citationKinds)[number];
export type Citation = { kind: CitationKind; id: string };

export const triageSchema = z.object({
  topic: z.string(),
  category: z.string(),
  priority: z.enum(draftPriorities),
  sentiment: z.enum(["negative", "neutral", "positive"]),
  frustration: z.number().min(0).max(1),
  language: z.string(),
  escalate: z.object({ teamId: z.string(), reason: z.string() }).nullable(),
});
export type Triage = z.infer<typeof triageSchema>;

/** The Draft of spec/responder.md: what every interface returns for a ticket. */
export const draftSchema = z.object({
  ticketId: z.string(),
  triage: triageSchema,
  reply: z.object({ channel: z.string(), body: z.string() }),
  internalNote: z.object({ body: z.string(), tags: z.array(z.string()) }),
  actions: z.array(z.object({ type: z.string(), params: z.record(z.string(), z.unknown()), reason: z.string() })),
  followUp: z.object({ dueAt: z.string(), reason: z.string() }).nullable(),
  knowledgeBase: z.object({ articleId: z.string().optional(), title: z.string(), body: z.string() }).nullable(),
  citations: z.array(z.object({ kind: z.enum(citationKinds), id: z.string() })),
  confidence: z.number().min(0).max(1),
  engine: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;
export type DraftAction = Draft["actions"][number];
