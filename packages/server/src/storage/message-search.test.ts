import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { testDatabaseKind } from "../testing/test-database.ts";
import { createMessageSearch, highlight, rankedMessagesLimit } from "./message-search.ts";
import * as schema from "./schema.ts";

let desk: TestDesk;
const start = Date.parse("2026-03-02T09:00:00Z");

async function addTicket(workspaceId: string, id: string, minutes: number, bodies: string[]) {
  const at = new Date(start + minutes * 60_000);
  await desk.database.db
    .insert(schema.customers)
    .values({ workspaceId, id: `customer-${id}`, name: `Customer ${id}` })
    .onConflictDoNothing();
  await desk.database.db.insert(schema.tickets).values({
    workspaceId,
    id,
    customerId: `customer-${id}`,
    channel: "email",
    subject: `Ticket ${id}`,
    status: "open",
    createdAt: at,
    updatedAt: at,
  });
  await desk.database.db.insert(schema.messages).values(
    bodies.map((body, position) => ({
      workspaceId,
      id: `${id}-message-${position}`,
      ticketId: id,
      position,
      at: new Date(at.getTime() + position * 1000),
      author: "customer",
      public: true,
      body,
    })),
  );
}

beforeAll(async () => {
  desk = await createTestDesk();
  await desk.addWorkspace("other");
  await addTicket("default", "refund-old", 0, ["I was charged twice, please refund the double charge"]);
  await addTicket("default", "refund-new", 10, ["Please refund my order", "Still waiting for the refund"]);
  await addTicket("default", "refund-best", 5, ["Refund refund: the double charge on my card needs a refund"]);
  await addTicket("default", "login", 20, ["I cannot log in since the password reset"]);
  await addTicket("default", "hostile", 30, ['my invoice <script>alert("x")</script> is wrong & late']);
  await addTicket("other", "other-refund", 40, ["Refund please, another workspace"]);
});
afterAll(() => desk.close());

describe(`message search (${testDatabaseKind()})`, () => {
  it("finds tickets by the words of their messages, best match first, one hit per ticket", async () => {
    const search = createMessageSearch(desk.database.db);
    const page = await search.search("default", "refund", { limit: 10 });
    expect(page.items.map((hit) => hit.ticket.id)).toEqual(["refund-best", "refund-new", "refund-old"]);
    expect(page.items[1]).toMatchObject({
      messageId: "refund-new-message-1",
      ticket: { subject: "Ticket refund-new" },
    });
    expect(page.nextCursor).toBeNull();
  });

  it("puts the newer ticket first when two match equally well", async () => {
    const search = createMessageSearch(desk.database.db);
    await addTicket("default", "tie-early", 50, ["parcel never arrived"]);
    await addTicket("default", "tie-late", 51, ["parcel never arrived"]);
    const page = await search.search("default", "parcel arrived", { limit: 10 });
    expect(page.items.map((hit) => hit.ticket.id)).toEqual(["tie-late", "tie-early"]);
    expect(page.items[0]?.rank).toBe(page.items[1]?.rank);
  });

  it("needs every word, and understands phrases and excluded words", async () => {
    const search = createMessageSearch(desk.database.db);
    const ids = async (query: string) =>
      (await search.search("default", query, { limit: 10 })).items.map((hit) => hit.ticket.id);
    expect(await ids("double charge")).toEqual(["refund-best", "refund-old"]);
    expect(await ids('"charged twice"')).toEqual(["refund-old"]);
    expect(await ids("refund -double")).toEqual(["refund-new"]);
    expect(await ids("password or invoice")).toEqual(["hostile", "login"]);
    expect(await ids("nothing-like-this")).toEqual([]);
    expect(await ids("!!!")).toEqual([]);
  });

  it("never finds another workspace's messages", async () => {
    const search = createMessageSearch(desk.database.db);
    expect((await search.search("other", "refund", { limit: 10 })).items.map((hit) => hit.ticket.id)).toEqual([
      "other-refund",
    ]);
    expect((await search.search("missing", "refund", { limit: 10 })).items).toEqual([]);
  });

  it("pages through the hits with a cursor, without repeats", async () => {
    const search = createMessageSearch(desk.database.db);
    const first = await search.search("default", "refund", { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await search.search("default", "refund", { limit: 2, cursor: first.nextCursor ?? "" });
    expect([...first.items, ...second.items].map((hit) => hit.ticket.id)).toEqual([
      "refund-best",
      "refund-new",
      "refund-old",
    ]);
    expect(second.nextCursor).toBeNull();
    await expect(search.search("default", "refund", { limit: 2, cursor: "not-a-cursor" })).rejects.toMatchObject({
      code: "invalid_input",
    });
  });

  it("highlights the matched words in an HTML-escaped passage", async () => {
    const search = createMessageSearch(desk.database.db);
    const [hit] = (await search.search("default", "invoice", { limit: 1 })).items;
    expect(hit?.snippetHtml).toContain("<mark>invoice</mark>");
    // ts_headline leaves tags out; what is left of them is escaped.
    expect(hit?.snippetHtml).toContain("alert(&quot;x&quot;)");
    expect(hit?.snippetHtml).toContain("wrong &amp; late");
    expect(hit?.snippetHtml).not.toContain("<script");
    expect(highlight('a "b" & c')).toBe("a &quot;b&quot; &amp; c");
  });

  it("ranks only the newest matching messages when a word is everywhere", async () => {
    const search = createMessageSearch(desk.database.db);
    const many = rankedMessagesLimit + 5;
    for (let index = 0; index < many; index += 1) {
      await addTicket("default", `common-${String(index).padStart(4, "0")}`, 100 + index, [
        index === 0 ? "widespread widespread widespread" : "widespread",
      ]);
    }
    const hits = [];
    let cursor: string | undefined;
    do {
      const page = await search.search("default", "widespread", { limit: 100, ...(cursor ? { cursor } : {}) });
      hits.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(hits).toHaveLength(rankedMessagesLimit);
    // The oldest five fall outside the ranked window, even the one that says it three times.
    expect(hits.map((hit) => hit.ticket.id)).not.toContain("common-0000");
    expect(hits[0]?.ticket.id).toBe(`common-${String(many - 1).padStart(4, "0")}`);
  });
});
