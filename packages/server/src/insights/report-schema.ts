import { z } from "zod";

const percent = z.number().nullable().describe("0–100, not rounded; null when there is nothing to divide by");
const hours = z.number().nullable();

export const topIssueSchema = z.object({
  topic: z.string(),
  count: z.number().int(),
  fcrPct: percent,
  escalationRatePct: percent,
  countPrev: z.number().int().optional().describe("tickets with this topic created in the previous period"),
  trendPct: percent.optional().describe("change against the previous period, in %"),
  csat: z.object({ mean: z.number().nullable(), count: z.number().int() }).optional(),
  knownIssueId: z.string().optional(),
  knownIssueStatus: z.string().optional().describe("open, fix_in_progress or fixed"),
});

export const reportTargetsSchema = z.object({
  frtHours: z.number(),
  fcrPct: z.number(),
  csat: z.number(),
  openTickets: z.number(),
});

/** The core figures of the tickets in one group of a breakdown (same definitions as the report's own). */
export const breakdownRowSchema = z.object({
  key: z
    .string()
    .describe('the group: a week\'s Monday YYYY-MM-DD (or "earlier"), a channel, team id, agent id, priority or topic'),
  volume: z.number().int(),
  frt: z.object({ meanHours: hours, targetMetPct: percent, count: z.number().int() }),
  fcrPct: percent,
  csat: z.object({ mean: z.number().nullable(), count: z.number().int() }),
  openTickets: z.number().int(),
});

export const breakdownsSchema = z.object({
  week: z
    .array(breakdownRowSchema)
    .describe(
      "weeks starting Monday in the workspace's time zone; a ticket counts in the week it was created, tickets created before the period's first week in \"earlier\"",
    ),
  channel: z.array(breakdownRowSchema),
  team: z.array(breakdownRowSchema),
  agent: z.array(breakdownRowSchema),
  priority: z.array(breakdownRowSchema),
  topic: z.array(breakdownRowSchema),
});

/** The metrics report of spec/metrics.md: every figure computed from stored messages and events. */
export const reportSchema = z
  .object({
    period: z.object({
      start: z.string().describe("ISO 8601 instant, inclusive"),
      end: z.string().describe("ISO 8601 instant, exclusive"),
      timezone: z.string(),
    }),
    volume: z.number().int(),
    volumePrev: z.number().int(),
    volumeChangePct: percent,
    frt: z.object({ meanHours: hours, medianHours: hours, targetMetPct: percent, count: z.number().int() }),
    fcrPct: percent,
    csat: z.object({ mean: z.number().nullable(), count: z.number().int(), satisfiedPct: percent }),
    openTickets: z.number().int(),
    resolution: z.object({ meanHours: hours, medianHours: hours, count: z.number().int() }),
    escalationRatePct: percent,
    topIssues: z.array(topIssueSchema),
    targets: reportTargetsSchema,
    recommendations: z.array(z.object({ text: z.string(), evidence: z.array(z.string()) })),
    breakdowns: breakdownsSchema,
  })
  .meta({ id: "Report" });

export type Report = z.infer<typeof reportSchema>;
export type ReportTargets = z.infer<typeof reportTargetsSchema>;
export type TopIssue = z.infer<typeof topIssueSchema>;
export type BreakdownRow = z.infer<typeof breakdownRowSchema>;
export type Breakdowns = z.infer<typeof breakdownsSchema>;

export const defaultTargets: ReportTargets = { frtHours: 2, fcrPct: 85, csat: 4.5, openTickets: 25 };
