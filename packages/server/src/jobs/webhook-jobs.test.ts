import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyWebhookSignature, webhookPauseAfterFailures } from "../core/automation/webhooks.ts";
import { openTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { outboxReader, recordingQueue } from "./automation-testing.ts";
import { webhookDeliveryDefinition, webhookFanOutSubscriber } from "./webhook-jobs.ts";

type Received = { headers: Record<string, string | string[] | undefined>; body: string; signatureValid: boolean };

/** A receiver on a real port; `secret` is read when a request arrives, `status` is what it answers. */
async function receiver(options: { status: number; secret: () => string; now: () => Date }) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signature = String(request.headers["x-responder-signature"] ?? "");
      received.push({
        headers: request.headers,
        body,
        signatureValid: verifyWebhookSignature(options.secret(), body, signature, options.now()),
      });
      response.statusCode = options.status;
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let desk: TestDesk;
let queue: ReturnType<typeof recordingQueue>;
let readOutbox: ReturnType<typeof outboxReader>;
const secrets = new Map<string, string>();
let good: Awaited<ReturnType<typeof receiver>>;
let failing: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  desk = await createTestDesk();
  queue = recordingQueue();
  readOutbox = outboxReader(desk);
  good = await receiver({ status: 204, secret: () => secrets.get("good") ?? "", now: () => desk.clock.now() });
  failing = await receiver({ status: 503, secret: () => secrets.get("failing") ?? "", now: () => desk.clock.now() });
});
afterAll(async () => {
  await good?.close();
  await failing?.close();
  await desk?.close();
});

const deps = () => ({ ...desk, jobs: queue }) as never;

async function relay() {
  for (const notification of await readOutbox()) {
    if (webhookFanOutSubscriber.kinds.includes(notification.kind))
      await webhookFanOutSubscriber.handle(notification, deps());
  }
}

async function runDeliveries() {
  for (const job of queue.take("webhook-deliver")) {
    await webhookDeliveryDefinition.handle(job.payload as { deliveryId: string }, deps());
  }
}

async function subscribe(name: string, url: string, kinds: string[]) {
  const secret = `whsec_${name}_${"s".repeat(24)}`;
  secrets.set(name, secret);
  return desk.webhooks.create(desk.workspaceId, { url, kinds, description: name, secret }, desk.clock.now());
}

async function newTicket() {
  return openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: "ana@example.com", name: "Ana Lima" },
      channel: "email",
      subject: "Login loop",
      message: { author: "customer", body: "I keep getting sent back to the login page." },
      actor: "customer",
    },
    desk,
  );
}

describe("outbound webhooks", () => {
  it("deliver each subscribed event once, signed with HMAC-SHA256 over the timestamp and body", async () => {
    const subscription = await subscribe("good", good.url, ["ticket.*"]);
    const other = await subscribe("unrelated", good.url, ["customer.updated"]);
    const ticket = await newTicket();
    await relay();
    await relay();
    await runDeliveries();

    expect(good.received).toHaveLength(1);
    const [request] = good.received;
    expect(request?.signatureValid).toBe(true);
    expect(request?.headers["x-responder-event"]).toBe("ticket.created");
    expect(request?.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(request?.body ?? "{}");
    expect(body).toMatchObject({ kind: "ticket.created", data: { ticket: { id: ticket.id, subject: "Login loop" } } });

    // The signature covers the body: a changed body or another secret does not verify.
    const header = String(request?.headers["x-responder-signature"]);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secrets.get("good") ?? "", `${request?.body} `, header, desk.clock.now())).toBe(
      false,
    );
    expect(verifyWebhookSignature("whsec_other", request?.body ?? "", header, desk.clock.now())).toBe(false);
    expect(
      verifyWebhookSignature(
        secrets.get("good") ?? "",
        request?.body ?? "",
        header,
        new Date(desk.clock.now().getTime() + 10 * 60_000),
      ),
    ).toBe(false);

    const [delivery] = await desk.webhooks.deliveries(desk.workspaceId, subscription.id, 10);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 204 });
    expect(await desk.webhooks.deliveries(desk.workspaceId, other.id, 10)).toEqual([]);
    await desk.webhooks.delete(desk.workspaceId, subscription.id);
    await desk.webhooks.delete(desk.workspaceId, other.id);
  });

  it("retry a failing receiver with exponential backoff, then pause the subscription after repeated failures", async () => {
    const subscription = await subscribe("failing", failing.url, ["ticket.created"]);
    await newTicket();
    await relay();
    const [first] = queue.scheduled.filter((job) => job.name === "webhook-deliver");
    expect(first).toBeDefined();

    const retryGaps: number[] = [];
    let attempts = 0;
    while (queue.scheduled.some((job) => job.name === "webhook-deliver")) {
      const [job] = queue.take("webhook-deliver");
      if (job?.options.runAt) {
        retryGaps.push((job.options.runAt.getTime() - desk.clock.now().getTime()) / 60_000);
        desk.clock.set(job.options.runAt);
      }
      await webhookDeliveryDefinition.handle(job?.payload as { deliveryId: string }, deps());
      attempts += 1;
    }
    expect(attempts).toBe(6);
    expect(retryGaps).toEqual([1, 2, 4, 8, 16]);
    expect(failing.received.every((request) => request.signatureValid)).toBe(true);
    const [delivery] = await desk.webhooks.deliveries(desk.workspaceId, subscription.id, 10);
    expect(delivery).toMatchObject({ status: "failed", attempts: 6, responseStatus: 503 });
    expect(delivery?.lastError).toContain("HTTP 503");

    // More failures in a row pause it; nothing more is sent while paused.
    for (let ticketNumber = 0; ticketNumber < 2; ticketNumber += 1) {
      await newTicket();
      await relay();
      while (queue.scheduled.some((job) => job.name === "webhook-deliver")) {
        const [job] = queue.take("webhook-deliver");
        if (job?.options.runAt) desk.clock.set(job.options.runAt);
        await webhookDeliveryDefinition.handle(job?.payload as { deliveryId: string }, deps());
      }
    }
    const paused = await desk.webhooks.get(desk.workspaceId, subscription.id);
    expect(paused?.status).toBe("paused");
    expect(paused?.consecutiveFailures).toBe(webhookPauseAfterFailures);
    expect(paused?.pausedReason).toContain(`paused after ${webhookPauseAfterFailures} failed deliveries in a row`);
    expect(failing.received).toHaveLength(webhookPauseAfterFailures);

    await newTicket();
    await relay();
    expect(queue.scheduled).toEqual([]);

    // Resuming clears the count and deliveries flow again.
    const resumed = await desk.webhooks.update(
      desk.workspaceId,
      subscription.id,
      { status: "active" },
      desk.clock.now(),
    );
    expect(resumed).toMatchObject({ status: "active", consecutiveFailures: 0, pausedReason: null });
    await newTicket();
    await relay();
    expect(queue.take("webhook-deliver")).toHaveLength(1);
  });
});

describe("outbound webhooks for customers", () => {
  it("tell a customer.* subscriber about a customer the desk met for the first time, once", async () => {
    const subscription = await subscribe("customers", good.url, ["customer.*"]);
    const before = good.received.length;
    await openTicket(
      {
        workspaceId: desk.workspaceId,
        customer: { email: "new.person@example.com", name: "New Person" },
        channel: "email",
        message: { author: "customer", body: "Hello" },
        actor: "customer",
      },
      desk,
    );
    await relay();
    await runDeliveries();

    const received = good.received.slice(before);
    expect(received.map((request) => request.headers["x-responder-event"])).toEqual(["customer.created"]);
    const body = JSON.parse(received[0]?.body ?? "{}");
    expect(body.data.ticket).toBeNull();
    expect(body.data.change.customer).toMatchObject({ name: "New Person", email: "new.person@example.com" });
    await desk.webhooks.delete(desk.workspaceId, subscription.id);
  });
});
