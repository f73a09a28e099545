import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeskError } from "../core/errors.ts";
import type { KnownIssueStore, NewKnownIssue } from "../core/ports.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import * as schema from "./schema.ts";

let desk: TestDesk;
let knownIssues: KnownIssueStore;
let workspaceNumber = 0;

beforeAll(async () => {
  desk = await createTestDesk();
  knownIssues = desk.knownIssues;
});
afterAll(() => desk.close());

async function freshWorkspace(): Promise<string> {
  workspaceNumber += 1;
  const id = `issues-${workspaceNumber}`;
  await desk.addWorkspace(id);
  return id;
}

const issue = (fields: Partial<NewKnownIssue> = {}): NewKnownIssue => ({
  title: "Large exports time out",
  status: "open",
  tags: ["export"],
  workaround: null,
  ...fields,
});

/** Opens a ticket and links it to the known issue, as an agent would. */
async function linkedTicket(workspaceId: string, knownIssueId: string | null): Promise<string> {
  const customer = await desk.customers.resolve(workspaceId, { email: `${crypto.randomUUID()}@example.test` });
  const ticket = await desk.tickets.create(
    workspaceId,
    {
      customerId: customer.id,
      channel: "email",
      subject: "Export fails",
      priority: null,
      tags: [],
      topic: null,
      assigneeId: null,
      teamId: null,
      knownIssueId: null,
      attributes: null,
      message: { author: "customer", public: true, body: "My export never finishes." },
    },
    "customer",
    desk.clock.now(),
  );
  if (knownIssueId) {
    await desk.tickets.change(workspaceId, ticket.id, () => ({
      at: desk.clock.now(),
      fields: { knownIssueId },
      events: [],
    }));
  }
  return ticket.id;
}

describe("KnownIssueStore", () => {
  it("creates a known issue with a made-up ki_ id and no linked tickets", async () => {
    const workspaceId = await freshWorkspace();
    const created = await knownIssues.create(workspaceId, issue({ workaround: "Export one month at a time." }));
    expect(created.id).toMatch(/^ki_[0-9a-f]{16}$/);
    expect(created).toMatchObject({
      title: "Large exports time out",
      status: "open",
      tags: ["export"],
      workaround: "Export one month at a time.",
      ticketCount: 0,
      ticketIds: [],
    });
    expect(await knownIssues.get(workspaceId, created.id)).toEqual(created);
  });

  it("keeps an id it is given and refuses the same id twice", async () => {
    const workspaceId = await freshWorkspace();
    await knownIssues.create(workspaceId, issue({ id: "export-timeout" }));
    const error = await knownIssues.create(workspaceId, issue({ id: "export-timeout" })).catch((caught) => caught);
    expect(isDeskError(error) && error.code).toBe("conflict");
  });

  it("gives the ids and the count of the tickets linked to it, oldest first", async () => {
    const workspaceId = await freshWorkspace();
    const created = await knownIssues.create(workspaceId, issue());
    const first = await linkedTicket(workspaceId, created.id);
    await linkedTicket(workspaceId, null);
    const second = await linkedTicket(workspaceId, created.id);
    const detail = await knownIssues.get(workspaceId, created.id);
    expect(detail?.ticketIds).toEqual([first, second]);
    expect(detail?.ticketCount).toBe(2);
    const listed = await knownIssues.list(workspaceId, { limit: 10 });
    expect(listed.items.map((item) => [item.id, item.ticketCount])).toEqual([[created.id, 2]]);
  });

  it("lists newest first, filters by status and pages through every issue exactly once", async () => {
    const workspaceId = await freshWorkspace();
    const open = await knownIssues.create(workspaceId, issue({ title: "One" }));
    const inProgress = await knownIssues.create(workspaceId, issue({ title: "Two", status: "fix_in_progress" }));
    const fixed = await knownIssues.create(workspaceId, issue({ title: "Three", status: "fixed" }));
    const unresolved = await knownIssues.list(workspaceId, { status: ["open", "fix_in_progress"], limit: 10 });
    expect(unresolved.items.map((item) => item.id)).toEqual([inProgress.id, open.id]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await knownIssues.list(workspaceId, { limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([fixed.id, inProgress.id, open.id]);
  });

  it("changes only the fields it is given, clears a workaround with null and announces a status change", async () => {
    const workspaceId = await freshWorkspace();
    const created = await knownIssues.create(workspaceId, issue({ workaround: "Retry at night." }));
    const ticketId = await linkedTicket(workspaceId, created.id);

    const updated = await knownIssues.update(workspaceId, created.id, { status: "fixed", workaround: null });
    expect(updated).toEqual({ ...created, status: "fixed", workaround: null, ticketCount: 1, ticketIds: [ticketId] });

    const announced = await desk.database.db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.workspaceId, workspaceId),
          eq(schema.notifications.kind, "known_issue.status_changed"),
        ),
      );
    expect(announced.map((row) => row.payload)).toEqual([{ knownIssueId: created.id, from: "open", to: "fixed" }]);

    await knownIssues.update(workspaceId, created.id, { title: "Exports over 500 MB time out" });
    const afterRename = await desk.database.db
      .select()
      .from(schema.notifications)
      .where(
        and(
          eq(schema.notifications.workspaceId, workspaceId),
          eq(schema.notifications.kind, "known_issue.status_changed"),
        ),
      );
    expect(afterRename).toHaveLength(1);
  });

  it("finds nothing for an unknown id or another workspace's issue", async () => {
    const workspaceId = await freshWorkspace();
    const other = await freshWorkspace();
    const created = await knownIssues.create(workspaceId, issue());
    expect(await knownIssues.get(workspaceId, "ki_missing")).toBeNull();
    expect(await knownIssues.get(other, created.id)).toBeNull();
    expect(await knownIssues.update(other, created.id, { status: "fixed" })).toBeNull();
    expect((await knownIssues.list(other, { limit: 10 })).items).toEqual([]);
    expect((await knownIssues.get(workspaceId, created.id))?.status).toBe("open");
  });
});
