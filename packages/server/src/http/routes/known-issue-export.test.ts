import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "../../core/automation/webhooks.ts";
import { openTicket } from "../../core/tickets/ticket-use-cases.ts";
import * as schema from "../../storage/schema.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

type Received = { body: string; event: string; signatureValid: boolean };

/** An issue tracker's bridge on a real port: checks the signature and answers with the item it filed. */
async function trackerBridge(secret: () => string, now: () => Date) {
  const received: Received[] = [];
  let status = 201;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signatureValid = verifyWebhookSignature(
        secret(),
        body,
        String(request.headers["x-responder-signature"] ?? ""),
        now(),
      );
      received.push({ body, event: String(request.headers["x-responder-event"]), signatureValid });
      response.statusCode = status;
      response.setHeader("content-type", "application/json");
      const key = `PROD-${100 + received.length}`;
      response.end(status < 300 ? JSON.stringify({ url: `https://tracker.example.com/browse/${key}`, key }) : "{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/issues`,
    received,
    answer: (next: number) => {
      status = next;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let desk: TestDesk;
let bridge: Awaited<ReturnType<typeof trackerBridge>>;
let secret = "";

beforeAll(async () => {
  desk = await createTestDesk();
  bridge = await trackerBridge(
    () => secret,
    () => desk.clock.now(),
  );
});
afterAll(async () => {
  await bridge?.close();
  await desk?.close();
});

async function issueWithTickets() {
  const issue = await desk.knownIssues.create(desk.workspaceId, {
    title: "CSV export times out",
    status: "open",
    tags: ["export"],
    workaround: "Export one month at a time.",
  });
  const customers = [
    { email: "ana@example.com", plan: "enterprise", mrr: 900 },
    { email: "ben@example.com", plan: "pro", mrr: 90 },
  ];
  const ticketIds: string[] = [];
  for (const [index, customer] of [...customers, customers[0]].entries()) {
    const ticket = await openTicket(
      {
        workspaceId: desk.workspaceId,
        customer: { email: customer?.email },
        channel: "email",
        subject: `Export fails ${index}`,
        message: { author: "customer", body: "The export never finishes." },
        actor: "system",
      },
      desk,
    );
    ticketIds.push(ticket.id);
    await desk.database.db
      .update(schema.tickets)
      .set({ knownIssueId: issue.id })
      .where(and(eq(schema.tickets.workspaceId, desk.workspaceId), eq(schema.tickets.id, ticket.id)));
  }
  for (const customer of customers) {
    const found = await desk.customers.resolve(desk.workspaceId, { email: customer.email });
    await desk.database.db
      .update(schema.customers)
      .set({ plan: customer.plan, attributes: { mrr: customer.mrr, region: "eu" } })
      .where(and(eq(schema.customers.workspaceId, desk.workspaceId), eq(schema.customers.id, found.id)));
  }
  return { issue, ticketIds };
}

describe("exporting a known issue to an issue tracker", () => {
  it("refuses while no webhook subscribes to known_issue.exported, and is for admins only", async () => {
    const { issue } = await issueWithTickets();
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const refused = await admin.post(`/known-issues/${issue.id}/export`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain("known_issue.exported");
    const agent = apiClient(await desk.app(), await desk.issueToken("agent"));
    expect((await agent.post(`/known-issues/${issue.id}/export`)).status).toBe(403);
    expect((await admin.post("/known-issues/no-such-issue/export")).status).toBe(404);
  });

  it("sends a signed create, stores the tracker's link, then sends updates, never a second create", async () => {
    const { issue, ticketIds } = await issueWithTickets();
    const app = await desk.app();
    const admin = apiClient(app, await desk.issueToken("admin"));
    const subscribed = await admin.post("/webhooks", { url: bridge.url, kinds: ["known_issue.*"] });
    expect(subscribed.status).toBe(201);
    secret = subscribed.body.secret;

    const first = await admin.post(`/known-issues/${issue.id}/export`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      action: "create",
      deliveries: [{ status: "succeeded", responseStatus: 201 }],
      export: { exports: 1, tracker: { url: "https://tracker.example.com/browse/PROD-101", key: "PROD-101" } },
    });
    expect(bridge.received).toHaveLength(1);
    const created = bridge.received[0] as Received;
    expect(created.signatureValid).toBe(true);
    expect(created.event).toBe("known_issue.exported");
    const payload = JSON.parse(created.body);
    expect(payload.kind).toBe("known_issue.exported");
    expect(payload.data.action).toBe("create");
    expect(payload.data.tracker).toBeNull();
    expect(payload.data.knownIssue).toMatchObject({
      id: issue.id,
      title: "CSV export times out",
      status: "open",
      kind: "bug",
      customersAffected: 2,
      plans: { enterprise: 1, pro: 1 },
      attributeTotals: { mrr: 990 },
      ticketIds,
    });
    expect(payload.data.knownIssue.description).toContain("3 tickets from 2 customers");
    expect(payload.data.knownIssue.description).toContain("Export one month at a time.");
    expect(payload.data.knownIssue.links.tickets).toHaveLength(3);

    const shown = await admin.get(`/known-issues/${issue.id}`);
    expect(shown.body.export).toMatchObject({
      exports: 1,
      tracker: { url: "https://tracker.example.com/browse/PROD-101", key: "PROD-101" },
    });

    await admin.patch(`/known-issues/${issue.id}`, { status: "fix_in_progress" });
    bridge.answer(204);
    const again = await admin.post(`/known-issues/${issue.id}/export`);
    expect(again.body).toMatchObject({ action: "update", export: { exports: 2 } });
    const update = JSON.parse((bridge.received[1] as Received).body);
    expect(update.data.action).toBe("update");
    expect(update.data.knownIssue.status).toBe("fix_in_progress");
    expect(update.data.tracker).toEqual({ url: "https://tracker.example.com/browse/PROD-101", key: "PROD-101" });
    expect(update.id).not.toBe(payload.id);
    // A 2xx without a link keeps the one stored.
    expect((await admin.get(`/known-issues/${issue.id}`)).body.export.tracker.key).toBe("PROD-101");
  });

  it("retries a failed delivery through the job queue and still never sends a second create", async () => {
    const { issue } = await issueWithTickets();
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    bridge.answer(503);
    const failed = await admin.post(`/known-issues/${issue.id}/export`);
    expect(failed.body).toMatchObject({
      action: "create",
      deliveries: [{ status: "retrying", responseStatus: 503 }],
      export: { exports: 1, tracker: null },
    });
    bridge.answer(201);
    const next = await admin.post(`/known-issues/${issue.id}/export`);
    expect(next.body.action).toBe("update");
  });
});
