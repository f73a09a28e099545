import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { buildApp } from "./app.ts";

type Operation = {
  summary?: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  security?: unknown[];
};
type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

let desk: TestDesk;
let app: FastifyInstance;
let document: OpenApiDocument;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  const response = await apiClient(app).get("/openapi.json");
  expect(response.status).toBe(200);
  document = response.body;
});
afterAll(() => desk.close());

const routes: [method: string, path: string, requestBody?: "body"][] = [
  ["get", "/api/v1/health"],
  ["get", "/api/v1/tickets"],
  ["post", "/api/v1/tickets", "body"],
  ["get", "/api/v1/tickets/{id}"],
  ["patch", "/api/v1/tickets/{id}", "body"],
  ["post", "/api/v1/tickets/{id}/messages", "body"],
  ["get", "/api/v1/customers"],
  ["get", "/api/v1/customers/{id}"],
  ["get", "/api/v1/export"],
  ["post", "/api/v1/import", "body"],
  ["get", "/api/v1/articles"],
  ["post", "/api/v1/articles", "body"],
  ["get", "/api/v1/articles/{id}"],
  ["patch", "/api/v1/articles/{id}", "body"],
  ["delete", "/api/v1/articles/{id}"],
  ["get", "/api/v1/known-issues"],
  ["post", "/api/v1/known-issues", "body"],
  ["get", "/api/v1/known-issues/{id}"],
  ["patch", "/api/v1/known-issues/{id}", "body"],
];

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3 document that anyone may fetch", () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes).toHaveProperty("bearer");
  });

  it.each(routes)("documents %s %s with its request and response schemas", (method, path, requestBody) => {
    const operation = document.paths[path]?.[method];
    expect(operation, `${method.toUpperCase()} ${path} is missing`).toBeDefined();
    if (!operation) return;
    expect(operation.summary).toBeTruthy();
    if (requestBody) expect(operation.requestBody?.content["application/json"]?.schema).toBeDefined();
    const success = Object.entries(operation.responses).filter(([status]) => status.startsWith("2"));
    expect(success.length).toBeGreaterThan(0);
    for (const [status, response] of success) {
      if (status !== "204") expect(response.content?.["application/json"]?.schema, `${path} ${status}`).toBeDefined();
    }
    expect(app.hasRoute({ method: method.toUpperCase() as "GET", url: path.replaceAll("{id}", ":id") })).toBe(true);
  });

  it("documents every route it serves with a success response and a summary", () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.summary, `${method} ${path}`).toBeTruthy();
        expect(
          Object.keys(operation.responses).some((status) => status.startsWith("2")),
          `${method} ${path}`,
        ).toBe(true);
      }
    }
  });

  it("describes errors and the main shapes once, by name", () => {
    for (const name of [
      "Error",
      "Ticket",
      "TicketDetail",
      "TicketWithSla",
      "Message",
      "Customer",
      "Article",
      "KnownIssue",
      "KnownIssueDetail",
    ]) {
      expect(document.components.schemas, name).toHaveProperty(name);
    }
    const ticketResponse = document.paths["/api/v1/tickets/{id}"]?.get?.responses["200"];
    expect(ticketResponse?.content?.["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/TicketWithSla",
    });
    const changedTicket = document.paths["/api/v1/tickets/{id}"]?.patch?.responses["200"];
    expect(changedTicket?.content?.["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/TicketDetail",
    });
    const notFound = document.paths["/api/v1/articles/{id}"]?.get?.responses["404"];
    expect(notFound?.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/Error" });
  });

  it("marks health as needing no token", () => {
    expect(document.paths["/api/v1/health"]?.get?.security).toEqual([]);
  });
});

describe("GET /api/v1/docs", () => {
  it("serves the API documentation as HTML without a token", async () => {
    let response = await app.inject({ method: "GET", url: "/api/v1/docs" });
    if (response.statusCode >= 300 && response.statusCode < 400 && response.headers.location) {
      response = await app.inject({
        method: "GET",
        url: new URL(response.headers.location, "http://desk/api/v1/docs/").pathname,
      });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
    expect(response.body).toMatch(/<html/i);
  });
});

describe("GET /api/v1/health", () => {
  it("says ok without a token", async () => {
    const response = await apiClient(app).get("/health");
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: "ok" });
  });

  it("says unavailable while the desk is still starting", async () => {
    const starting = await buildApp({ ...desk, defaultWorkspaceId: desk.workspaceId, isReady: () => false });
    try {
      const response = await apiClient(starting).get("/health");
      expect(response.status).toBe(503);
      expect(response.body.code).toBe("unavailable");
    } finally {
      await starting.close();
    }
  });
});
