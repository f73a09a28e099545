import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk;
let app: FastifyInstance;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  const at = desk.clock.now();
  await desk.articles.create(
    desk.workspaceId,
    {
      id: "reset-password",
      title: "Reset your password",
      body: "Open **Settings** and choose *Reset*.\n\n<script>alert(1)</script>\n\n- one\n- [two](javascript:alert(1))",
      tags: [],
      public: true,
    },
    at,
  );
  await desk.articles.create(
    desk.workspaceId,
    {
      id: "internal-runbook",
      title: "Internal runbook for outages",
      body: "Only for agents.",
      tags: [],
      public: false,
    },
    at,
  );
});
afterAll(() => desk.close());

const form = (fields: Record<string, string>, ip = "10.0.0.1") => ({
  method: "POST" as const,
  url: "/help/contact",
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
  remoteAddress: ip,
});

async function ticketsOf(email: string) {
  const customers = await desk.customers.list(desk.workspaceId, { search: email, limit: 5 });
  const customer = customers.items.find((candidate) => candidate.email === email);
  if (!customer) return [];
  return (await desk.tickets.list(desk.workspaceId, { customerId: customer.id }, { limit: 10 })).items;
}

describe("the help center", () => {
  it("lists public articles only, as HTML in the workspace's language", async () => {
    const response = await app.inject({ method: "GET", url: "/help" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain('<html lang="en">');
    expect(response.body).toContain("Reset your password");
    expect(response.body).not.toContain("Internal runbook");
  });

  it("speaks the workspace's language when it has one", async () => {
    await desk.workspaces.updateSettings(desk.workspaceId, { language: "de" });
    const response = await app.inject({ method: "GET", url: "/help" });
    expect(response.body).toContain('<html lang="de">');
    expect(response.body).toContain("Hilfe-Center");
    await desk.workspaces.updateSettings(desk.workspaceId, { language: "en" });
  });

  it("renders an article's markdown with its HTML escaped and unsafe links left as text", async () => {
    const response = await app.inject({ method: "GET", url: "/help/articles/reset-password" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("<strong>Settings</strong>");
    expect(response.body).toContain("<em>Reset</em>");
    expect(response.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(response.body).not.toContain("<script>");
    expect(response.body).not.toContain('href="javascript');
  });

  it("answers 404 for an internal article, as for a missing one", async () => {
    const internal = await app.inject({ method: "GET", url: "/help/articles/internal-runbook" });
    const missing = await app.inject({ method: "GET", url: "/help/articles/nothing-here" });
    expect(internal.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(internal.body).not.toContain("Only for agents");
  });

  it("finds public articles by words, and never internal ones", async () => {
    const found = await app.inject({ method: "GET", url: "/help/search?q=password" });
    expect(found.body).toContain("/help/articles/reset-password");
    const hidden = await app.inject({ method: "GET", url: "/help/search?q=runbook" });
    expect(hidden.body).not.toContain("internal-runbook");
    expect(hidden.body).toContain("Nothing matched");
  });

  it("opens a ticket from the contact form", async () => {
    const response = await app.inject(
      form({ name: "Rita Form", email: "rita@example.test", subject: "Billing", message: "Where is my invoice?" }),
    );
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/help?sent=1#contact");
    const tickets = await ticketsOf("rita@example.test");
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ subject: "Billing", channel: "email", tags: ["help-center"] });
  });

  it("says what to fix when the form is wrong, keeping what was typed", async () => {
    const response = await app.inject(
      form({ name: "Sam", email: "not-an-email", message: "Hello <b>there</b>" }, "10.0.0.2"),
    );
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Please enter an email address");
    expect(response.body).toContain("Hello &lt;b&gt;there&lt;/b&gt;");
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("pretends to accept a bot that fills the hidden field, and opens no ticket", async () => {
    const response = await app.inject(
      form({ name: "Bot", email: "bot@example.test", message: "Buy now", website: "http://spam.test" }, "10.0.0.3"),
    );
    expect(response.statusCode).toBe(303);
    expect(await ticketsOf("bot@example.test")).toHaveLength(0);
  });

  it("refuses a flood of submissions from one address", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await app.inject(
        form({ name: "Flood", email: "flood@example.test", message: `#${attempt}` }, "10.0.0.4"),
      );
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([303, 303, 303, 303, 303]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
