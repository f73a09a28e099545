import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../storage/schema.ts";
import { apiClient, createTestDesk, type TestAgent, type TestDesk } from "../testing/create-test-desk.ts";
import { deskToolNames } from "./desk-tools.ts";

type ToolResult = { content: { type: string; text?: string }[]; isError?: boolean };

let desk: TestDesk;
let app: FastifyInstance;
let mcpUrl: URL;
let agent: TestAgent;
let stranger: TestAgent;
let ticketId: string;
let customerId: string;
const clients: Client[] = [];

beforeAll(async () => {
  desk = await createTestDesk();
  await desk.database.db.insert(schema.teams).values([
    { workspaceId: desk.workspaceId, id: "tier1", name: "Tier 1", escalatesTo: "tier2" },
    { workspaceId: desk.workspaceId, id: "tier2", name: "Tier 2", escalatesTo: null },
  ]);
  agent = await desk.addAgent("agent", { name: "Robin Agent" });
  await desk.addWorkspace("elsewhere");
  stranger = await desk.addAgent("admin", { workspaceId: "elsewhere" });
  app = await desk.app();
  await app.listen({ port: 0, host: "127.0.0.1" });
  mcpUrl = new URL(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/mcp`);

  const api = apiClient(app, agent.token);
  const opened = await api.post("/tickets", {
    customer: { email: "ada@example.test", name: "Ada Lovelace" },
    channel: "email",
    subject: "Invoice charged twice",
    teamId: "tier1",
    assigneeId: agent.agentId,
    message: { author: "customer", body: "I was charged twice for my March invoice. Please refund one." },
  });
  expect(opened.status, opened.text).toBe(201);
  ticketId = opened.body.id;
  customerId = opened.body.customerId;
  await api.post("/tickets", {
    customer: { id: customerId },
    channel: "chat",
    subject: "Password reset",
    message: { author: "customer", body: "How do I reset my password?" },
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await desk.close();
});

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: "mcp-http-test", version: "1" });
  const transport = new StreamableHTTPClientTransport(mcpUrl, {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

function textOf(result: ToolResult): string {
  return result.content.map((part) => part.text ?? "").join("");
}

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever the tool answered and asserts on it
function jsonOf(result: ToolResult): any {
  expect(result.isError, textOf(result)).toBeFalsy();
  return JSON.parse(textOf(result));
}

describe("the MCP server over streamable HTTP at /mcp", () => {
  it("lists every desk tool with a description and an input schema", async () => {
    const client = await connect(agent.token);
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([...deskToolNames].sort());
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(40);
      expect(tool.inputSchema.type).toBe("object");
    }
    const addNote = tools.find((tool) => tool.name === "add_note");
    expect(addNote?.inputSchema.required).toEqual(["ticketId", "body"]);
  });

  it("drafts a reply for a ticket without changing it", async () => {
    const client = await connect(agent.token);
    const before = await desk.tickets.get(desk.workspaceId, ticketId);
    const draft = jsonOf(await call(client, "draft_reply", { ticketId }));
    expect(draft.ticketId).toBe(ticketId);
    expect(draft.reply.body).toContain("Ada");
    expect(draft.triage.language).toBe("en");
    expect(Array.isArray(draft.citations)).toBe(true);
    const after = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(after?.version).toBe(before?.version);
  });

  it("adds an internal note as the token's agent, stored on the ticket", async () => {
    const client = await connect(agent.token);
    const result = jsonOf(await call(client, "add_note", { ticketId, body: "Refund approved by billing." }));
    expect(result.note).toMatchObject({ public: false, body: "Refund approved by billing." });

    const stored = await desk.tickets.get(desk.workspaceId, ticketId);
    const note = stored?.messages.find((message) => message.body === "Refund approved by billing.");
    expect(note).toMatchObject({ public: false, author: `agent:${agent.agentId}` });
  });

  it("gets a ticket with its customer's profile and other tickets", async () => {
    const client = await connect(agent.token);
    const found = jsonOf(await call(client, "get_ticket", { ticketId }));
    expect(found.ticket.id).toBe(ticketId);
    expect(found.ticket.messages[0].body).toContain("charged twice");
    expect(found.customer.profile).toMatchObject({ id: customerId, name: "Ada Lovelace", email: "ada@example.test" });
    expect(found.customer.otherTickets.map((ticket: { subject: string }) => ticket.subject)).toEqual([
      "Password reset",
    ]);
    expect(found.customer.accountEvents).toEqual([]);
  });

  it("finds tickets by customer and filter, and customers by email", async () => {
    const client = await connect(agent.token);
    const byCustomer = jsonOf(await call(client, "search_tickets", { query: "ada@example.test" }));
    expect(byCustomer.tickets).toHaveLength(2);
    const chatOnly = jsonOf(await call(client, "search_tickets", { query: "ada@example.test", channel: ["chat"] }));
    expect(chatOnly.tickets.map((ticket: { subject: string }) => ticket.subject)).toEqual(["Password reset"]);
    const byFilter = jsonOf(await call(client, "search_tickets", { customerId, limit: 1 }));
    expect(byFilter.tickets).toHaveLength(1);
    expect(byFilter.nextCursor).not.toBeNull();

    const customers = jsonOf(await call(client, "search_customers", { query: "ada@example" }));
    expect(customers.customers.map((customer: { id: string }) => customer.id)).toEqual([customerId]);
  });

  it("schedules a follow-up and escalates to the next team", async () => {
    const client = await connect(agent.token);
    const followUp = jsonOf(
      await call(client, "schedule_follow_up", {
        ticketId,
        dueAt: "2026-03-04T09:00:00Z",
        promise: "I will confirm the refund by Wednesday.",
      }),
    );
    expect(followUp).toMatchObject({ ticketId, status: "scheduled", dueAt: "2026-03-04T09:00:00.000Z" });
    expect(await desk.followUps.list(desk.workspaceId, ticketId)).toHaveLength(1);

    const escalated = jsonOf(await call(client, "escalate", { ticketId, reason: "Refunds need billing." }));
    expect(escalated).toMatchObject({ ticketId, status: "on_hold", teamId: "tier2", assigneeId: agent.agentId });
    expect((await desk.tickets.get(desk.workspaceId, ticketId))?.teamId).toBe("tier2");
  });

  it("searches the knowledge base and reads the monthly report", async () => {
    const admin = apiClient(app, await desk.issueToken("admin"));
    const article = await admin.post("/articles", {
      title: "Refunds for double charges",
      body: "A double charge is refunded within 5 business days once billing confirms it.",
    });
    expect(article.status, article.text).toBe(201);
    const client = await connect(agent.token);
    const found = jsonOf(await call(client, "search_knowledge_base", { query: "double charge refund" }));
    expect(found.articles[0].id).toBe(article.body.id);

    const report = jsonOf(await call(client, "get_monthly_report", { month: "2026-03" }));
    expect(report.volume).toBe(2);
    const markdown = await call(client, "get_monthly_report", { month: "2026-03", format: "markdown" });
    expect(textOf(markdown)).toContain("|");
  });

  it("answers with the desk's message when a tool's input or the desk refuses", async () => {
    const client = await connect(agent.token);
    const missing = await call(client, "get_ticket", { ticketId: "T-none" });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain("There is no ticket T-none.");
    const badDate = await call(client, "schedule_follow_up", { ticketId, dueAt: "tomorrow", promise: "x" });
    expect(badDate.isError).toBe(true);
    expect(textOf(badDate)).toContain("ISO 8601");
  });

  it("shows a token of another workspace nothing of the ticket and refuses its note", async () => {
    const client = await connect(stranger.token);
    const seen = await call(client, "get_ticket", { ticketId });
    expect(seen.isError).toBe(true);
    expect(textOf(seen)).toContain(`There is no ticket ${ticketId}.`);
    expect(textOf(seen)).not.toContain("charged twice");

    const draft = await call(client, "draft_reply", { ticketId });
    expect(draft.isError).toBe(true);
    const search = jsonOf(await call(client, "search_tickets", { query: "ada@example.test" }));
    expect(search.tickets).toEqual([]);
    const customers = jsonOf(await call(client, "search_customers", { query: "ada" }));
    expect(customers.customers).toEqual([]);

    const note = await call(client, "add_note", { ticketId, body: "Sneaky note" });
    expect(note.isError).toBe(true);
    const stored = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(stored?.messages.some((message) => message.body === "Sneaky note")).toBe(false);
  });

  it("has no server-sent stream and no session to end: GET and DELETE answer 405", async () => {
    const headers = { authorization: `Bearer ${agent.token}`, accept: "text/event-stream" };
    const stream = await fetch(mcpUrl, { method: "GET", headers });
    expect(stream.status).toBe(405);
    const end = await fetch(mcpUrl, { method: "DELETE", headers });
    expect(end.status).toBe(405);
    const anonymous = await fetch(mcpUrl, { method: "GET", headers: { accept: "text/event-stream" } });
    expect(anonymous.status).toBe(401);
  });

  it("refuses a request without a token, or with an unknown one, with 401", async () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    };
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    const anonymous = await fetch(mcpUrl, { method: "POST", headers, body: JSON.stringify(initialize) });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "unauthorized" });

    const unknown = await fetch(mcpUrl, {
      method: "POST",
      headers: { ...headers, authorization: "Bearer not-a-real-token" },
      body: JSON.stringify(initialize),
    });
    expect(unknown.status).toBe(401);

    await expect(connect("not-a-real-token")).rejects.toThrow();
  });
});
