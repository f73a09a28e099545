import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntry } from "../core/ports.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let workspaceNumber = 0;

beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk.close());

async function freshWorkspace(): Promise<string> {
  workspaceNumber += 1;
  const id = `audit-${workspaceNumber}`;
  await desk.addWorkspace(id);
  return id;
}

const entry = (number: number, fields: Partial<AuditEntry> = {}): AuditEntry => ({
  actor: "agent-1",
  action: "PUT /routing",
  targetId: `target-${number}`,
  at: new Date(Date.UTC(2026, 2, 2, 9, number)),
  requestId: `request-${number}`,
  status: 200,
  ...fields,
});

describe("the audit store", () => {
  it("gives back what it recorded, newest first", async () => {
    const workspaceId = await freshWorkspace();
    await desk.audit.record(workspaceId, entry(1));
    await desk.audit.record(workspaceId, entry(2, { actor: "admin-token", targetId: null, status: 403 }));
    const page = await desk.audit.list(workspaceId, { limit: 10 });
    expect(page).toEqual({
      items: [entry(2, { actor: "admin-token", targetId: null, status: 403 }), entry(1)],
      nextCursor: null,
    });
  });

  it("pages through every entry once with the cursor", async () => {
    const workspaceId = await freshWorkspace();
    for (let number = 1; number <= 5; number += 1) await desk.audit.record(workspaceId, entry(number));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await desk.audit.list(workspaceId, { limit: 2, cursor });
      seen.push(...page.items.map((item) => item.requestId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["request-5", "request-4", "request-3", "request-2", "request-1"]);
  });

  it("keeps each workspace's entries to itself", async () => {
    const ours = await freshWorkspace();
    const theirs = await freshWorkspace();
    await desk.audit.record(ours, entry(1, { requestId: "ours" }));
    await desk.audit.record(theirs, entry(2, { requestId: "theirs" }));
    expect((await desk.audit.list(ours, { limit: 10 })).items.map((item) => item.requestId)).toEqual(["ours"]);
    expect((await desk.audit.list(theirs, { limit: 10 })).items.map((item) => item.requestId)).toEqual(["theirs"]);
  });

  it("refuses a cursor it did not give out", async () => {
    const workspaceId = await freshWorkspace();
    await expect(desk.audit.list(workspaceId, { limit: 2, cursor: "bogus" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });
});
