import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { type Draft, draftSchema } from "./draft.ts";

const demoFile = new URL("../demo/demo-workspace.json", import.meta.url);
// Twenty minutes after the star ticket arrived (Thursday evening in New York).
const draftedAt = "2026-03-27T00:12:00Z";
const demoStarTicketId = "ticket-1639";

let desk: TestDesk;
let ticketIds: string[];

beforeAll(async () => {
  desk = await createTestDesk({ now: draftedAt });
  const snapshot = parseSnapshot(JSON.parse(await readFile(demoFile, "utf8")));
  await desk.snapshots.importSnapshot("default", snapshot);
  ticketIds = snapshot.tickets.map((ticket) => ticket.id);
});
afterAll(() => desk.close());

describe("the demo workspace", () => {
  it("gets a valid draft for every ticket", async () => {
    const drafts: Draft[] = [];
    for (const id of ticketIds) drafts.push(draftSchema.parse(await desk.responder.draft("default", id)));
    expect(drafts.map((draft) => draft.ticketId)).toEqual(ticketIds);
    expect(drafts.every((draft) => draft.engine === "offline")).toBe(true);
  }, 120_000);

  it("answers the brief's export story the way the brief does", async () => {
    const draft = await desk.responder.draft("default", demoStarTicketId);
    const reply = draft.reply.body;
    expect(reply).toMatch(/^Hi Maya,/);
    for (const fact of ["780 MB", "500 MB", "2 minutes", "March 23", "tomorrow (Friday, March 27)"]) {
      expect(reply).toContain(fact);
    }
    expect(reply).toMatch(/run manually/);
    expect(reply).toMatch(/smaller date ranges/);
    expect(draft.actions.map((action) => action.type)).toEqual(
      expect.arrayContaining(["rerun_operation", "escalate", "link_known_issue", "schedule_follow_up"]),
    );
    expect(draft.followUp?.dueAt).toBe("2026-03-27T13:00:00.000Z");
    expect(draft.triage).toMatchObject({ category: "bug", sentiment: "negative", escalate: { teamId: "engineering" } });
    expect(draft.internalNote.body).toMatch(/product bug/i);
    expect(draft.internalNote.body).toMatch(/KB update/);
    expect(draft.internalNote.tags).toEqual(expect.arrayContaining(["product-bug", "kb-update", "engineering"]));
    expect(draft.citations).toEqual(
      expect.arrayContaining([
        { kind: "known_issue", id: "known-issue-export-timeout" },
        { kind: "account_event", id: "account-event-0222" },
      ]),
    );
  });
});
