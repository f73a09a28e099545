import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeskError } from "../core/errors.ts";
import type { ArticleStore, NewArticle } from "../core/ports.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let articles: ArticleStore;
let workspaceNumber = 0;

beforeAll(async () => {
  desk = await createTestDesk();
  articles = desk.articles;
});
afterAll(() => desk.close());

/** Each test writes into its own workspace, so lists and searches see only what the test wrote. */
async function freshWorkspace(): Promise<string> {
  workspaceNumber += 1;
  const id = `articles-${workspaceNumber}`;
  await desk.addWorkspace(id);
  return id;
}

const article = (fields: Partial<NewArticle> = {}): NewArticle => ({
  title: "Resetting your password",
  body: "Open Settings and choose Reset password.",
  tags: [],
  public: false,
  ...fields,
});

describe("ArticleStore", () => {
  it("creates an article with a made-up art_ id and the time it was written", async () => {
    const workspaceId = await freshWorkspace();
    const at = new Date("2026-03-02T10:00:00Z");
    const created = await articles.create(workspaceId, article({ tags: ["login"], public: true }), at);
    expect(created.id).toMatch(/^art_[0-9a-f]{16}$/);
    expect(created).toMatchObject({ title: "Resetting your password", tags: ["login"], public: true, updatedAt: at });
    expect(await articles.get(workspaceId, created.id)).toEqual(created);
  });

  it("keeps an id it is given and refuses the same id twice", async () => {
    const workspaceId = await freshWorkspace();
    await articles.create(workspaceId, article({ id: "reset-password" }), new Date());
    const error = await articles
      .create(workspaceId, article({ id: "reset-password" }), new Date())
      .catch((caught) => caught);
    expect(isDeskError(error) && error.code).toBe("conflict");
    expect((await articles.get(workspaceId, "reset-password"))?.title).toBe("Resetting your password");
  });

  it("finds nothing for an unknown id or for another workspace's article", async () => {
    const workspaceId = await freshWorkspace();
    const other = await freshWorkspace();
    const created = await articles.create(workspaceId, article(), new Date());
    expect(await articles.get(workspaceId, "art_missing")).toBeNull();
    expect(await articles.get(other, created.id)).toBeNull();
    expect(await articles.update(other, created.id, { title: "Taken over" }, new Date())).toBeNull();
    expect(await articles.delete(other, created.id)).toBe(false);
    expect((await articles.get(workspaceId, created.id))?.title).toBe("Resetting your password");
  });

  it("changes only the fields it is given and moves updatedAt", async () => {
    const workspaceId = await freshWorkspace();
    const created = await articles.create(workspaceId, article({ tags: ["login"] }), new Date("2026-03-02T10:00:00Z"));
    const later = new Date("2026-03-05T08:30:00Z");
    const updated = await articles.update(
      workspaceId,
      created.id,
      { body: "Use the link in the email.", public: true },
      later,
    );
    expect(updated).toEqual({ ...created, body: "Use the link in the email.", public: true, updatedAt: later });
    expect(await articles.update(workspaceId, "art_missing", { title: "x" }, later)).toBeNull();
  });

  it("deletes an article once", async () => {
    const workspaceId = await freshWorkspace();
    const created = await articles.create(workspaceId, article(), new Date());
    expect(await articles.delete(workspaceId, created.id)).toBe(true);
    expect(await articles.get(workspaceId, created.id)).toBeNull();
    expect(await articles.delete(workspaceId, created.id)).toBe(false);
  });

  it("lists newest first and its cursor visits every article exactly once", async () => {
    const workspaceId = await freshWorkspace();
    const ids: string[] = [];
    for (let index = 0; index < 7; index++) {
      ids.push((await articles.create(workspaceId, article({ title: `Article ${index}` }), new Date())).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await articles.list(workspaceId, { limit: 3, cursor });
      seen.push(...page.items.map((item) => item.id));
      expect(page.items.every((item) => item.score === null)).toBe(true);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters by tag and by visibility", async () => {
    const workspaceId = await freshWorkspace();
    const billing = await articles.create(
      workspaceId,
      article({ title: "Invoices", tags: ["billing"], public: true }),
      new Date(),
    );
    const internal = await articles.create(
      workspaceId,
      article({ title: "Refund policy", tags: ["billing"] }),
      new Date(),
    );
    await articles.create(workspaceId, article({ title: "Login", tags: ["login"], public: true }), new Date());
    const byTag = await articles.list(workspaceId, { tag: "billing", limit: 10 });
    expect(byTag.items.map((item) => item.id)).toEqual([internal.id, billing.id]);
    const publicBilling = await articles.list(workspaceId, { tag: "billing", public: true, limit: 10 });
    expect(publicBilling.items.map((item) => item.id)).toEqual([billing.id]);
    const internalOnly = await articles.list(workspaceId, { public: false, limit: 10 });
    expect(internalOnly.items.map((item) => item.id)).toEqual([internal.id]);
  });

  it("ranks an article whose title matches above one whose body matches", async () => {
    const workspaceId = await freshWorkspace();
    const inBody = await articles.create(
      workspaceId,
      article({ title: "Account settings", body: "You can also export your data from here." }),
      new Date(),
    );
    const inTitle = await articles.create(
      workspaceId,
      article({ title: "Export your data", body: "Choose CSV or Excel and press Start." }),
      new Date(),
    );
    await articles.create(workspaceId, article({ title: "Billing", body: "Invoices arrive monthly." }), new Date());

    const page = await articles.list(workspaceId, { search: "export", limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([inTitle.id, inBody.id]);
    const [first, second] = page.items;
    expect(first?.score).toBeGreaterThan(second?.score ?? Number.POSITIVE_INFINITY);
  });

  it("understands web-search syntax and finds nothing for words no article has", async () => {
    const workspaceId = await freshWorkspace();
    const csv = await articles.create(
      workspaceId,
      article({ title: "Export to CSV", body: "Comma separated." }),
      new Date(),
    );
    await articles.create(workspaceId, article({ title: "Export to Excel", body: "Spreadsheets." }), new Date());
    const withoutExcel = await articles.list(workspaceId, { search: "export -excel", limit: 10 });
    expect(withoutExcel.items.map((item) => item.id)).toEqual([csv.id]);
    expect((await articles.list(workspaceId, { search: "kubernetes", limit: 10 })).items).toEqual([]);
    expect((await articles.list(workspaceId, { search: "!!! ???", limit: 10 })).items).toEqual([]);
  });

  it("pages through search results without repeating or skipping any", async () => {
    const workspaceId = await freshWorkspace();
    const ids = new Set<string>();
    for (let index = 0; index < 5; index++) {
      ids.add((await articles.create(workspaceId, article({ title: `Export guide ${index}` }), new Date())).id);
    }
    await articles.create(workspaceId, article({ title: "Unrelated" }), new Date());
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await articles.list(workspaceId, { search: "export", limit: 2, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen)).toEqual(ids);
  });

  it("refuses a cursor it did not hand out", async () => {
    const workspaceId = await freshWorkspace();
    const error = await articles.list(workspaceId, { limit: 10, cursor: "not-a-cursor" }).catch((caught) => caught);
    expect(isDeskError(error) && error.code).toBe("invalid_input");
    const first = await articles.list(workspaceId, { limit: 10 });
    expect(first.nextCursor).toBeNull();
  });
});
