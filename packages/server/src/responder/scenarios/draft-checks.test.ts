import { describe, expect, it } from "vitest";
import type { Draft } from "../draft.ts";
import { formatDay } from "../drafting/format.ts";
import { type DraftCheck, draftChecks, eventDate, eventFigure, nextBusinessDay } from "./draft-checks.ts";
import { photoBackupEmail, photoBackupEventIds } from "./failure-scenarios.ts";

/**
 * The checks themselves, on hand-made drafts for the photo-backup scenario: a draft written the way
 * the brief's example is passes every one; a generic draft fails the ones that catch genericness.
 */

const scenario = photoBackupEmail;
const { latestFailure, firstFailure } = photoBackupEventIds;
const timeZone = scenario.snapshot.workspace.timezone;

function dueAt(): string {
  // 10:00 in Sydney on the next business day.
  const day = nextBusinessDay(scenario, new Date(scenario.now));
  return new Date(`${day}T10:00:00+10:00`).toISOString();
}

function brieflike(): Draft {
  const due = dueAt();
  const figure = (key: string) => eventFigure(scenario, latestFailure, key);
  const reply = [
    "Hi Imogen,",
    "",
    `I completely understand your frustration: your videos have failed to back up since ${eventDate(scenario, firstFailure)}, and I'm sorry.`,
    `I've looked into your account: your latest video is ${figure("sizeGb")}, and uploads over ${figure("limitGb")} currently stop at our ${figure("timeoutSeconds")} upload limit.`,
    "",
    "Here's what I'm doing right now:",
    "- I've asked for your failed upload to be run again manually",
    "- I've flagged this with our engineering team, who are working on the fix",
    "- Until it ships, you can back up the large videos from a computer with the Lumora desktop uploader, which has no time limit.",
    "",
    `I'll follow up on ${formatDay(new Date(due), "en", timeZone)} to confirm your videos are safe.`,
  ].join("\n");
  return {
    ticketId: scenario.ticketId,
    triage: {
      topic: "video upload failure",
      category: "bug",
      priority: "high",
      sentiment: "negative",
      frustration: 0.8,
      language: "en",
      escalate: { teamId: "eng-core", reason: "product bug" },
    },
    reply: { channel: "email", body: reply },
    internalNote: {
      body: "Problem: video uploads failing. Root cause: UPLOAD_DEADLINE. Known issue ki-long-uploads. KB gap: add an article. Tag Core Engineering.",
      tags: ["bug", "eng-core"],
    },
    actions: [
      { type: "link_known_issue", params: { knownIssueId: "ki-long-uploads" }, reason: "" },
      { type: "escalate", params: { teamId: "eng-core" }, reason: "" },
      { type: "rerun_operation", params: { accountEventId: latestFailure }, reason: "" },
      { type: "schedule_follow_up", params: { dueAt: due }, reason: "" },
    ],
    followUp: { dueAt: due, reason: "confirm" },
    knowledgeBase: {
      title: "Large video uploads stop at the upload time limit",
      body: "Workaround: the desktop uploader.",
    },
    citations: [
      { kind: "account_event", id: firstFailure },
      { kind: "account_event", id: latestFailure },
      { kind: "known_issue", id: "ki-long-uploads" },
    ],
    confidence: 0.8,
    engine: "offline",
  };
}

function generic(): Draft {
  return {
    ...brieflike(),
    reply: {
      channel: "email",
      body: "Dear customer,\n\nWe are looking into it and will get back to you within 48 hours.",
    },
    citations: [{ kind: "account_event", id: photoBackupEventIds.otherCustomerFailure }],
  };
}

function failures(draft: Draft): string[] {
  return draftChecks
    .filter((check: DraftCheck) => check.applies(scenario))
    .filter((check) => {
      try {
        check.run(scenario, draft);
        return false;
      } catch {
        return true;
      }
    })
    .map((check) => check.name);
}

describe("the draft checks", () => {
  it("pass a draft written the way the brief's example is", () => {
    expect(failures(brieflike())).toEqual([]);
  });

  it("fail a generic draft for its missing name, figures, dates, workaround and sources, and its invented number", () => {
    expect(failures(generic())).toEqual(
      expect.arrayContaining([
        "greets the customer by name",
        "states no number or date that is not in the workspace",
        "cites only what the workspace holds, and only this customer's account data",
        "quotes the figures found in the customer's account, and cites their event",
        "says since when it has failed (the first failure after the last success)",
        "gives the workaround from the knowledge base, cited",
        "never closes the ticket; escalation, follow-up and their actions agree",
      ]),
    );
  });

  it("fail a draft that quotes the failure before the last success or another customer's size", () => {
    const draft = brieflike();
    const stale = `${draft.reply.body}\nYour earlier ${eventFigure(scenario, photoBackupEventIds.otherCustomerFailure, "sizeGb")} upload on ${eventDate(scenario, photoBackupEventIds.failureBeforeSuccess)} failed too.`;
    expect(failures({ ...draft, reply: { ...draft.reply, body: stale } })).toContain(
      "quotes nothing from other customers' data or from before the last success",
    );
  });

  it("fail a draft that parrots the customer's message or leaves a list unwritten", () => {
    const draft = brieflike();
    const customerWords = "every video I try to back up from my phone gets stuck at the end and then fails";
    const parroting = draft.reply.body.replace(
      "I completely understand",
      `You wrote that ${customerWords}. I completely understand`,
    );
    expect(failures({ ...draft, reply: { ...draft.reply, body: parroting } })).toContain(
      "acknowledges the problem in its own words, without parroting the customer's message",
    );
    const colonGreeting = draft.reply.body.replace("Hi Imogen,", "Hi Imogen:");
    expect(failures({ ...draft, reply: { ...draft.reply, body: colonGreeting } })).toEqual([]);
    const unfinished = `${draft.reply.body}\n\nCould you tell me:\nBest regards,\nThe team`;
    expect(failures({ ...draft, reply: { ...draft.reply, body: unfinished } })).toContain(
      "finishes what it starts: every line ending in a colon is followed by its list",
    );
  });

  it("fail a draft in the wrong language or that closes the ticket", () => {
    const draft = brieflike();
    const german = "Hallo Imogen,\n\nwir kümmern uns darum und melden uns bei Ihnen.";
    expect(failures({ ...draft, reply: { ...draft.reply, body: german } })).toContain(
      "replies in the customer's language",
    );
    const closing = [...draft.actions, { type: "set_status", params: { status: "closed" }, reason: "" }];
    expect(failures({ ...draft, actions: closing })).toContain(
      "never closes the ticket; escalation, follow-up and their actions agree",
    );
  });
});
