import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Draft } from "../draft.ts";
import { containsFigure, eventDate, eventFigure, showDraft } from "./draft-checks.ts";
import { photoBackupEmail, photoBackupEventIds } from "./failure-scenarios.ts";
import { createScenarioDesk, type ScenarioDesk } from "./scenario-desk.ts";
import type { Scenario } from "./scenario-workspace.ts";

/**
 * The engine reads the figures from the account data, never from memory: the photo-backup scenario
 * again with every figure of its account events changed (sizes, limit, timeout, error code, and every
 * date nine days earlier). What the first reply quoted must be gone, and the new values in its place.
 */

const newValues = new Map<string, unknown>([
  ["3.4", 5.8],
  ["2.9", 4.6],
  ["0.6", 0.9],
  ["7.7", 6.3],
  ["2", 1.5],
  ["420", 540],
  ["UPLOAD_DEADLINE", "UPLOAD_WINDOW_CLOSED"],
]);
const shiftMilliseconds = -9 * 24 * 3_600_000;

function withNewFigures(scenario: Scenario): Scenario {
  const accountEvents = (scenario.snapshot.accountEvents ?? []).map((event) => {
    const data = Object.fromEntries(
      Object.entries(event.data ?? {}).map(([key, value]) => {
        const replaced = newValues.get(String(value));
        if (replaced === undefined) throw new Error(`no new value for ${event.id}.${key} = ${String(value)}`);
        return [key, replaced];
      }),
    );
    const at = new Date(new Date(event.at).getTime() + shiftMilliseconds).toISOString();
    return { ...event, at, data };
  });
  return {
    ...scenario,
    id: `${scenario.id}-new-figures`,
    snapshot: { ...scenario.snapshot, accountEvents },
  };
}

const original = photoBackupEmail;
const changed = withNewFigures(original);

/** Every figure and date of the scenario's account events, as the reply would write it. */
function figuresOf(scenario: Scenario): { label: string; text: string }[] {
  return (scenario.snapshot.accountEvents ?? []).flatMap((event) => {
    const id = event.id ?? "";
    const figures = Object.keys(event.data ?? {})
      .filter((key) => key !== "errorCode")
      .map((key) => ({ label: `${id}.${key}`, text: eventFigure(scenario, id, key) }));
    return [...figures, { label: `${id} date`, text: eventDate(scenario, id) }];
  });
}

let desk: ScenarioDesk;
let before: Draft;
let after: Draft;

beforeAll(async () => {
  desk = await createScenarioDesk();
  before = await desk.draft(original);
  after = await desk.draft(changed);
});

afterAll(async () => {
  await desk?.close();
});

describe("changing every figure in the account events", () => {
  it("first quotes the original size, limit, timeout and start date", () => {
    const latest = photoBackupEventIds.latestFailure;
    for (const text of [
      eventFigure(original, latest, "sizeGb"),
      eventFigure(original, latest, "limitGb"),
      eventFigure(original, latest, "timeoutSeconds"),
      eventDate(original, photoBackupEventIds.firstFailure),
    ]) {
      expect(containsFigure(before.reply.body, text), `quotes "${text}"${showDraft(before)}`).toBe(true);
    }
  });

  it("leaves none of the old figures or dates in the new reply", () => {
    const oldFigures = figuresOf(original);
    const newTexts = new Set(figuresOf(changed).map(({ text }) => text));
    const stale = oldFigures
      .filter(({ text }) => !newTexts.has(text))
      .filter(({ text }) => containsFigure(after.reply.body, text));
    expect(stale, showDraft(after)).toEqual([]);
  });

  it("quotes the new value of every figure the first reply quoted", () => {
    const oldFigures = figuresOf(original);
    const newFigures = figuresOf(changed);
    const missing = oldFigures.flatMap((figure, index) => {
      const replacement = newFigures[index];
      if (!replacement || !containsFigure(before.reply.body, figure.text)) return [];
      return containsFigure(after.reply.body, replacement.text) ? [] : [replacement];
    });
    expect(missing, showDraft(after)).toEqual([]);
    const latest = photoBackupEventIds.latestFailure;
    for (const text of [
      eventFigure(changed, latest, "sizeGb"),
      eventFigure(changed, latest, "limitGb"),
      eventFigure(changed, latest, "timeoutSeconds"),
      eventDate(changed, photoBackupEventIds.firstFailure),
    ]) {
      expect(containsFigure(after.reply.body, text), `quotes "${text}"${showDraft(after)}`).toBe(true);
    }
  });

  it("logs the new error code, and the old one nowhere", () => {
    const both = `${after.reply.body}\n${after.internalNote.body}`;
    expect(both, showDraft(after)).not.toContain("UPLOAD_DEADLINE");
    expect(both, showDraft(after)).toContain("UPLOAD_WINDOW_CLOSED");
  });

  it("cites the changed scenario's own events", () => {
    const ids = new Set((changed.snapshot.accountEvents ?? []).map((event) => event.id));
    const cited = after.citations.filter((citation) => citation.kind === "account_event");
    expect(cited.length, showDraft(after)).toBeGreaterThan(0);
    expect(
      cited.every((citation) => ids.has(citation.id)),
      showDraft(after),
    ).toBe(true);
  });
});
