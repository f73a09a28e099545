import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let agent: ApiClient;
let admin: ApiClient;
let runNumber = 0;

beforeAll(async () => {
  desk = await createTestDesk();
  const app = await desk.app();
  agent = apiClient(app, await desk.issueToken("agent"));
  admin = apiClient(app, await desk.issueToken("admin"));
});
afterAll(() => desk.close());

/** A word no other test's articles contain, so a search for it sees only this test's articles. */
const uniqueWord = () => `zyx${++runNumber}q`;

async function writeArticle(fields: Record<string, unknown>) {
  const response = await agent.post("/articles", { title: "Untitled", body: "", ...fields });
  expect(response.status, response.text).toBe(201);
  return response.body as { id: string; title: string };
}

describe("/articles", () => {
  it("lets an agent write an article and read it back", async () => {
    const response = await agent.post("/articles", {
      title: "Resetting your password",
      body: "Open **Settings** and choose *Reset password*.",
      tags: ["Login", "login", "account"],
      public: true,
    });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^art_/),
      title: "Resetting your password",
      body: "Open **Settings** and choose *Reset password*.",
      tags: ["login", "account"],
      public: true,
      updatedAt: desk.clock.now().toISOString(),
    });
    expect(response.headers.location).toBe(`/api/v1/articles/${response.body.id}`);
    const read = await agent.get(`/articles/${response.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(response.body);
  });

  it("keeps an article internal unless it is made public", async () => {
    const article = await writeArticle({ title: "Refund policy" });
    expect((await agent.get(`/articles/${article.id}`)).body.public).toBe(false);
  });

  it("keeps an id the writer chooses and answers 409 when it is taken", async () => {
    const first = await agent.post("/articles", {
      id: "billing-faq",
      title: "Billing FAQ",
      body: "Invoices are monthly.",
    });
    expect(first.status).toBe(201);
    expect(first.body.id).toBe("billing-faq");
    const again = await agent.post("/articles", { id: "billing-faq", title: "Another", body: "" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("conflict");
    expect((await agent.get("/articles/billing-faq")).body.title).toBe("Billing FAQ");
  });

  it("changes only what a PATCH sends and moves updatedAt", async () => {
    const article = await writeArticle({ title: "Exports", body: "Old text", tags: ["export"] });
    desk.clock.advance(3_600_000);
    const response = await agent.patch(`/articles/${article.id}`, { body: "New text", public: true });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      title: "Exports",
      body: "New text",
      tags: ["export"],
      public: true,
      updatedAt: desk.clock.now().toISOString(),
    });
  });

  it("keeps every saved state as a version with who saved it, newest first", async () => {
    const article = await writeArticle({ title: "Exports", body: "First text" });
    await agent.patch(`/articles/${article.id}`, { body: "Second text" });
    await admin.patch(`/articles/${article.id}`, { title: "Exporting data" });

    const response = await agent.get(`/articles/${article.id}/versions`);

    expect(response.status).toBe(200);
    const versions = (
      response.body as { versions: { version: number; title: string; body: string; editedBy: string }[] }
    ).versions;
    expect(versions.map((version) => [version.version, version.title, version.body])).toEqual([
      [3, "Exporting data", "Second text"],
      [2, "Exports", "Second text"],
      [1, "Exports", "First text"],
    ]);
    expect(versions[0]?.editedBy).not.toBe(versions[1]?.editedBy);
    expect(versions[2]?.editedBy).toMatch(/^agent:/);
  });

  it("keeps an imported article's state as version 1 when it is first edited here", async () => {
    const imported = { id: `imported-${uniqueWord()}`, title: "Refunds", body: "Refunds take 5 days", tags: [] };
    await desk.snapshots.importSnapshot(desk.workspaceId, {
      format: "support-responder/workspace@1",
      workspace: { name: "Support", timezone: "UTC" },
      customers: [],
      tickets: [],
      articles: [imported],
    } as never);
    expect((await agent.get(`/articles/${imported.id}/versions`)).body).toEqual({ versions: [] });

    await agent.patch(`/articles/${imported.id}`, { body: "Refunds take 3 days" });

    const versions = (
      (await agent.get(`/articles/${imported.id}/versions`)).body as {
        versions: { version: number; body: string; editedBy: string }[];
      }
    ).versions;
    expect(versions.map((version) => [version.version, version.body, version.editedBy.split(":")[0]])).toEqual([
      [2, "Refunds take 3 days", "agent"],
      [1, "Refunds take 5 days", "import"],
    ]);
  });

  it("answers 400 naming the field for an invalid article", async () => {
    const missingTitle = await agent.post("/articles", { body: "No title" });
    expect(missingTitle.status).toBe(400);
    expect(missingTitle.body.code).toBe("invalid_input");
    expect(missingTitle.body.message).toContain("title");
    const article = await writeArticle({ title: "Valid" });
    const badPatch = await agent.patch(`/articles/${article.id}`, { public: "yes" });
    expect(badPatch.status).toBe(400);
    expect(badPatch.body.message).toContain("public");
  });

  it("answers 404 for an article that does not exist", async () => {
    expect((await agent.get("/articles/art_missing")).status).toBe(404);
    const patch = await agent.patch("/articles/art_missing", { title: "x" });
    expect(patch.status).toBe(404);
    expect(patch.body).toEqual({ code: "not_found", message: "There is no article art_missing." });
  });

  it("lets only an admin delete an article", async () => {
    const article = await writeArticle({ title: "Outdated" });
    const byAgent = await agent.delete(`/articles/${article.id}`);
    expect(byAgent.status).toBe(403);
    expect((await agent.get(`/articles/${article.id}`)).status).toBe(200);
    const byAdmin = await admin.delete(`/articles/${article.id}`);
    expect(byAdmin.status).toBe(204);
    expect(byAdmin.text).toBe("");
    expect((await agent.get(`/articles/${article.id}`)).status).toBe(404);
    expect((await admin.delete(`/articles/${article.id}`)).status).toBe(404);
  });

  it("lists the newest first and pages through all of them once", async () => {
    const tag = uniqueWord();
    const written: string[] = [];
    for (let index = 0; index < 5; index++)
      written.push((await writeArticle({ title: `Page ${index}`, tags: [tag] })).id);
    const seen: string[] = [];
    let url: string | null = `/articles?tag=${tag}&limit=2`;
    while (url) {
      const response = await agent.get(url);
      expect(response.status).toBe(200);
      seen.push(...response.body.articles.map((article: { id: string }) => article.id));
      url = response.body.nextCursor ? `/articles?tag=${tag}&limit=2&cursor=${response.body.nextCursor}` : null;
    }
    expect(seen).toEqual([...written].reverse());
  });

  it("filters by visibility", async () => {
    const tag = uniqueWord();
    const open = await writeArticle({ title: "Public one", tags: [tag], public: true });
    const internal = await writeArticle({ title: "Internal one", tags: [tag] });
    const ids = async (query: string) =>
      (await agent.get(`/articles?tag=${tag}${query}`)).body.articles.map((article: { id: string }) => article.id);
    expect(await ids("&public=true")).toEqual([open.id]);
    expect(await ids("&public=false")).toEqual([internal.id]);
  });

  it("ranks an article whose title matches above one whose body mentions the words", async () => {
    const word = uniqueWord();
    const inBody = await writeArticle({ title: "Account settings", body: `You can also ${word} things from here.` });
    const inTitle = await writeArticle({ title: `How to ${word}`, body: "Step by step." });
    await writeArticle({ title: "Something else", body: "Nothing relevant." });
    const response = await agent.get(`/articles?search=${encodeURIComponent(word)}`);
    expect(response.status).toBe(200);
    expect(response.body.articles.map((article: { id: string }) => article.id)).toEqual([inTitle.id, inBody.id]);
    const [first, second] = response.body.articles as { score: number }[];
    expect(first?.score).toBeGreaterThan(second?.score ?? Number.POSITIVE_INFINITY);
  });

  it("finds nothing for words no article contains", async () => {
    const response = await agent.get(`/articles?search=${uniqueWord()}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ articles: [], nextCursor: null });
  });

  it("answers 400 for a cursor it did not hand out", async () => {
    const response = await agent.get("/articles?cursor=bogus");
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("cursor");
  });

  it("answers 401 without a token", async () => {
    expect((await apiClient(await desk.app()).get("/articles")).status).toBe(401);
  });

  it("keeps articles inside their workspace", async () => {
    const article = await writeArticle({ title: "Only ours" });
    await desk.addWorkspace("articles-elsewhere");
    const outsider = apiClient(await desk.app(), await desk.issueToken("admin", { workspaceId: "articles-elsewhere" }));
    expect((await outsider.get(`/articles/${article.id}`)).status).toBe(404);
    expect((await outsider.get("/articles")).body.articles).toEqual([]);
    expect((await outsider.patch(`/articles/${article.id}`, { title: "Theirs" })).status).toBe(404);
    expect((await outsider.delete(`/articles/${article.id}`)).status).toBe(404);
    expect((await agent.get(`/articles/${article.id}`)).body.title).toBe("Only ours");
  });
});
