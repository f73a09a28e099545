import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
let app: FastifyInstance;
let token: string;
let otherToken: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  token = await desk.issueToken("agent");
  await desk.addWorkspace("elsewhere");
  otherToken = await desk.issueToken("agent", { workspaceId: "elsewhere" });
  const open = async (name: string, body: string, client = apiClient(app, token)) => {
    const response = await client.post("/tickets", {
      customer: { email: `${name}@example.test`, name },
      message: { body },
    });
    expect(response.status, response.text).toBe(201);
    ids[name] = response.body.id;
    desk.clock.advance(60_000);
  };
  await open("Amal", "My parcel never arrived and the tracking page is blank");
  await open("Bruno", "The invoice for March lists the wrong VAT number");
  await open("Chen", "Parcel arrived damaged, box crushed");
  await open("Dana", "Parcel question from another company", apiClient(app, otherToken));
  const reply = await apiClient(app, token).post(`/tickets/${ids.Bruno}/messages`, {
    author: "agent",
    public: true,
    body: "We corrected the VAT number on the invoice",
  });
  expect(reply.status, reply.text).toBe(200);
});
afterAll(() => desk.close());

describe("GET /search over messages", () => {
  it("returns the tickets whose messages match, with the matched words highlighted", async () => {
    const response = await apiClient(app, token).get("/search?q=parcel");
    expect(response.status, response.text).toBe(200);
    const matches = response.body.messages as { ticket: { id: string }; snippetHtml: string }[];
    expect(matches.map((match) => match.ticket.id).sort()).toEqual([ids.Amal, ids.Chen].sort());
    for (const match of matches) expect(match.snippetHtml.toLowerCase()).toContain("<mark>parcel</mark>");
    const tickets = response.body.tickets as { id: string }[];
    expect(tickets.map((ticket) => ticket.id)).toEqual(expect.arrayContaining([ids.Amal, ids.Chen]));
    expect(response.body.nextCursor).toBeNull();
  });

  it("finds a ticket by an agent's reply as well as the customer's words", async () => {
    const response = await apiClient(app, token).get(`/search?q=${encodeURIComponent("corrected VAT")}`);
    expect(response.body.messages).toHaveLength(1);
    expect(response.body.messages[0]).toMatchObject({ ticket: { id: ids.Bruno } });
  });

  it("pages message matches with a cursor", async () => {
    const first = await apiClient(app, token).get("/search?q=parcel&limit=1");
    expect(first.body.messages).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await apiClient(app, token).get(
      `/search?q=parcel&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.status, second.text).toBe(200);
    expect(second.body.messages).toHaveLength(1);
    expect(second.body.messages[0].ticket.id).not.toBe(first.body.messages[0].ticket.id);
    expect(second.body.nextCursor).toBeNull();
  });

  it("keeps each workspace's messages to itself", async () => {
    const response = await apiClient(app, otherToken).get("/search?q=parcel");
    expect(response.body.messages.map((match: { ticket: { id: string } }) => match.ticket.id)).toEqual([ids.Dana]);
  });

  it("says what is wrong with a bad cursor or an empty query", async () => {
    const badCursor = await apiClient(app, token).get("/search?q=parcel&cursor=nonsense");
    expect(badCursor.status).toBe(400);
    expect(badCursor.body).toMatchObject({ code: "invalid_input", message: expect.stringContaining("cursor") });
    const empty = await apiClient(app, token).get("/search?q=%20");
    expect(empty.status).toBe(400);
  });
});
