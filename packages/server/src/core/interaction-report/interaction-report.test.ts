import { describe, expect, it } from "vitest";
import type { Message, TicketDetail, TicketEvent } from "../tickets/ticket.ts";
import {
  buildInteractionReport,
  type InteractionReportInput,
  renderInteractionReportMarkdown,
} from "./interaction-report.ts";

const at = (iso: string) => new Date(iso);
let messageNumber = 0;
const message = (iso: string, author: Message["author"], body: string, isPublic = true): Message => {
  messageNumber += 1;
  return { id: `m${messageNumber}`, ticketId: "1042", at: at(iso), author, public: isPublic, body };
};
const event = (
  iso: string,
  type: TicketEvent["type"],
  from: string | null,
  to: string | null,
  extra: Partial<TicketEvent> = {},
): TicketEvent => ({
  ticketId: "1042",
  at: at(iso),
  actor: "agent:maria",
  type,
  from,
  to,
  data: null,
  ...extra,
});

function ticket(overrides: Partial<TicketDetail> = {}): TicketDetail {
  return {
    id: "1042",
    customerId: "cus_ana",
    channel: "email",
    knownIssueId: null,
    subject: "CSV export stops at 80%",
    status: "solved",
    priority: "high",
    tags: ["export"],
    topic: "export",
    assigneeId: "maria",
    teamId: "tier1",
    createdAt: at("2026-03-02T09:00:00Z"),
    updatedAt: at("2026-03-02T11:00:00Z"),
    version: 4,
    csat: null,
    attributes: null,
    messages: [
      message(
        "2026-03-02T09:00:00Z",
        "customer",
        "Since this morning the CSV export stops at 80%. I need it for payroll today!",
      ),
      message("2026-03-02T09:40:00Z", "agent:maria", "Hi Ana, please try exporting by month while we fix it."),
      message("2026-03-02T10:30:00Z", "customer", "That worked, thanks."),
    ],
    events: [
      event("2026-03-02T09:00:00Z", "status_changed", null, "new", { actor: "customer" }),
      event("2026-03-02T09:05:00Z", "assigned", null, "maria", { actor: "automation:auto-assign" }),
      event("2026-03-02T09:40:00Z", "status_changed", "new", "open"),
      event("2026-03-02T11:00:00Z", "status_changed", "open", "solved"),
    ],
    ...overrides,
  };
}

function input(overrides: Partial<InteractionReportInput> = {}): InteractionReportInput {
  return {
    ticket: ticket(),
    customer: { id: "cus_ana", name: "Ana Lima", plan: "business" },
    priorTickets: [],
    triage: { category: "bug", topic: "export", sentiment: "negative", frustration: 0.4 },
    knownIssue: null,
    articles: [],
    sla: { firstResponse: "met", resolution: "met" },
    teamNames: { tier1: "Tier 1", tier2: "Tier 2" },
    writtenAt: at("2026-03-02T11:00:05Z"),
    ...overrides,
  };
}

describe("the interaction report", () => {
  it("describes a ticket solved on first contact from its stored messages and events", () => {
    const report = buildInteractionReport(input());
    expect(report.customer).toEqual({
      id: "cus_ana",
      name: "Ana Lima",
      plan: "business",
      channel: "email",
      priority: "high",
      priorTickets: 0,
      priorAverageCsat: null,
    });
    expect(report.issue).toMatchObject({
      category: "bug",
      topic: "export",
      urgency: "high",
      emotion: { sentiment: "negative", frustration: 0.4 },
    });
    expect(report.issue.description).toContain("payroll today");
    expect(report.resolution.customerGoal).toBe("CSV export stops at 80%");
    expect(report.resolution.rootCause).toBeNull();
    expect(report.resolution.teams).toEqual([{ id: "tier1", name: "Tier 1" }]);
    expect(report.resolution.confirmation).toEqual({ how: "not_yet", at: null });
    expect(report.resolution.steps.map((step) => step.action)).toEqual([
      "Assigned to maria",
      "Replied: Hi Ana, please try exporting by month while we fix it.",
      "Status new → open",
      "Status open → solved",
    ]);
    expect(report.resolution.steps[1]?.result).toBe("Customer answered: That worked, thanks.");
    expect(report.outcome).toMatchObject({
      resolutionMinutes: 120,
      firstContactResolution: true,
      csat: null,
      escalations: [],
      reopened: 0,
      recurrenceRisk: { level: "low", reasons: [] },
    });
    expect(report.followUps.map((followUp) => [followUp.after, followUp.dueAt])).toEqual([
      ["24 hours", "2026-03-03T11:00:00.000Z"],
      ["7 days", "2026-03-09T11:00:00.000Z"],
      ["30 days", "2026-04-01T11:00:00.000Z"],
    ]);
    expect(report.followUps[0]?.action).toBe("Confirm with the customer that the fix works.");
  });

  it("records an escalation, a reopen, the known issue as root cause and a high recurrence risk", () => {
    const base = ticket();
    const report = buildInteractionReport(
      input({
        ticket: {
          ...base,
          knownIssueId: "KI-7",
          csat: { score: 2, comment: "took two tries", at: at("2026-03-03T08:00:00Z") },
          messages: [
            ...base.messages,
            message("2026-03-02T12:00:00Z", "customer", "It broke again."),
            message("2026-03-02T12:30:00Z", "agent:lee", "Engineering found the cause; fixed now."),
          ],
          events: [
            ...base.events,
            event("2026-03-02T12:00:00Z", "status_changed", "solved", "open", { actor: "customer" }),
            event("2026-03-02T12:00:00Z", "reopened", "solved", "open", { actor: "customer" }),
            event("2026-03-02T12:05:00Z", "escalated", "tier1", "tier2", { data: { reason: "engineering needed" } }),
            event("2026-03-02T12:40:00Z", "status_changed", "open", "solved"),
            event("2026-03-05T12:40:00Z", "status_changed", "solved", "closed", {
              actor: "customer",
              data: { confirmation: "customer" },
            }),
          ],
        },
        knownIssue: { id: "KI-7", title: "Exports over 10k rows time out", status: "fix_in_progress" },
        priorTickets: [
          { id: "990", createdAt: at("2026-02-20T09:00:00Z"), topic: "export", csatScore: 3 },
          { id: "900", createdAt: at("2025-12-01T09:00:00Z"), topic: "billing", csatScore: 5 },
        ],
        sla: { firstResponse: "met", resolution: "missed" },
      }),
    );
    expect(report.customer.priorTickets).toBe(2);
    expect(report.customer.priorAverageCsat).toBe(4);
    expect(report.resolution.rootCause).toBe("Known issue KI-7: Exports over 10k rows time out");
    expect(report.resolution.teams.map((team) => team.name).sort()).toEqual(["Tier 1", "Tier 2"]);
    expect(report.resolution.confirmation).toEqual({ how: "customer", at: "2026-03-05T12:40:00.000Z" });
    expect(report.outcome.firstContactResolution).toBe(false);
    expect(report.outcome.reopened).toBe(1);
    expect(report.outcome.escalations).toEqual([
      { at: "2026-03-02T12:05:00.000Z", toTeam: "tier2", reason: "engineering needed" },
    ]);
    expect(report.outcome.csat).toEqual({ score: 2, comment: "took two tries" });
    expect(report.outcome.recurrenceRisk.level).toBe("high");
    expect(report.outcome.recurrenceRisk.reasons).toEqual([
      "known issue KI-7 is fix in progress",
      "1 earlier ticket(s) on export in the 30 days before",
      "reopened 1 time(s)",
      "CSAT 2",
    ]);
    expect(report.followUps[0]?.action).toContain("CSAT of 2");
    expect(report.followUps[1]?.action).toContain("KI-7");
  });

  it("leaves what was not recorded empty instead of guessing", () => {
    const report = buildInteractionReport(
      input({ customer: null, triage: null, ticket: ticket({ subject: null, priority: null, topic: null }) }),
    );
    expect(report.customer.name).toBeNull();
    expect(report.issue.category).toBeNull();
    expect(report.issue.emotion).toBeNull();
    expect(report.issue.topic).toBeNull();
    expect(report.resolution.customerGoal).toBe("Since this morning the CSV export stops at 80%.");
    expect(report.resolution.articles).toEqual([]);
  });

  it("renders as Markdown with every section", () => {
    const markdown = renderInteractionReportMarkdown(buildInteractionReport(input()));
    for (const heading of [
      "# Interaction report: ticket 1042",
      "## Customer",
      "## Issue",
      "## Resolution",
      "### Steps",
      "## Outcome",
      "## Follow-ups",
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain("- First-contact resolution: yes");
    expect(markdown).toContain("- Resolution time: 2.0 h");
  });
});
