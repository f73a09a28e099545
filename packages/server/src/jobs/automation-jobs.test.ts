import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { TicketAction } from "../core/automation/actions.ts";
import { verifyWebhookSignature } from "../core/automation/webhooks.ts";
import { openTicket, updateTicket } from "../core/tickets/ticket-use-cases.ts";
import * as schema from "../storage/schema.ts";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { autoAssignSubscriber, triggerSubscriber } from "./automation-jobs.ts";
import { outboxReader, recordingQueue } from "./automation-testing.ts";

let desk: TestDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function setUp() {
  const created = await createTestDesk();
  desk = created;
  const readOutbox = outboxReader(created);
  const deps = { ...created, jobs: recordingQueue() } as never;
  /** Hands every new notification to the trigger and auto-assignment subscribers, as the relay would. */
  const relay = async () => {
    const notifications = await readOutbox();
    for (const notification of notifications) {
      for (const subscriber of [autoAssignSubscriber, triggerSubscriber]) {
        if (subscriber.kinds.includes(notification.kind)) await subscriber.handle(notification, deps);
      }
    }
    return notifications;
  };
  await created.database.db.insert(schema.teams).values([
    { workspaceId: created.workspaceId, id: "billing", name: "Billing" },
    { workspaceId: created.workspaceId, id: "tier2", name: "Tier 2" },
  ]);
  return { desk: created, relay, deps };
}

async function newTicket(
  target: TestDesk,
  input: { subject: string; body: string; tags?: string[]; teamId?: string; email?: string },
) {
  return openTicket(
    {
      workspaceId: target.workspaceId,
      customer: { email: input.email ?? "ana@example.com", name: "Ana Lima" },
      channel: "email",
      subject: input.subject,
      tags: input.tags,
      teamId: input.teamId,
      message: { author: "customer", body: input.body },
      actor: "customer",
    },
    target,
  );
}

async function joinTeam(target: TestDesk, teamId: string, name: string) {
  const agent = await target.addAgent("agent", { name });
  await target.database.db.update(schema.agents).set({ teamId }).where(eq(schema.agents.id, agent.agentId));
  return agent.agentId;
}

describe("triggers", () => {
  it("act on matching tickets: tag, prioritise, escalate and leave a note", async () => {
    const { desk, relay } = await setUp();
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const created = await admin.post("/triggers", {
      name: "Double charges to billing",
      event: "ticket.created",
      conditions: [{ field: "message.body", operator: "contains", value: "charged twice" }],
      actions: [
        { type: "add_tags", tags: ["double-charge"] },
        { type: "set_priority", priority: "high" },
        { type: "escalate", teamId: "billing", reason: "refunds are billing's" },
        { type: "notify", text: "Billing: {{customer.name}} reports a double charge on {{ticket.id}}." },
      ],
    });
    expect(created.status).toBe(201);

    const matching = await newTicket(desk, { subject: "Refund", body: "I was Charged Twice for March." });
    const other = await newTicket(desk, { subject: "Export", body: "The export stops at 80%." });
    await relay();

    const acted = await desk.tickets.get(desk.workspaceId, matching.id);
    expect(acted).toMatchObject({ priority: "high", tags: ["double-charge"], teamId: "billing" });
    expect(acted?.messages.at(-1)).toMatchObject({
      author: "system",
      public: false,
      body: `Billing: Ana Lima reports a double charge on ${matching.id}.`,
    });
    const escalated = acted?.events.find((event) => event.type === "escalated");
    expect(escalated).toMatchObject({
      to: "billing",
      actor: `automation:trigger:${created.body.id}`,
      data: { reason: "refunds are billing's" },
    });
    const untouched = await desk.tickets.get(desk.workspaceId, other.id);
    expect(untouched).toMatchObject({ priority: null, tags: [], teamId: null });
  });

  it("send a macro with the customer's name filled in, and assign within a team", async () => {
    const { desk, relay } = await setUp();
    const agentId = await joinTeam(desk, "tier2", "Lee");
    const macro = await desk.automation.createMacro(
      desk.workspaceId,
      {
        name: "Got it",
        body: "Hi {{customer.first_name}}, we received ticket {{ticket.id}}.",
        public: true,
        actions: [],
      },
      desk.clock.now(),
    );
    await desk.automation.createTrigger(
      desk.workspaceId,
      {
        name: "Acknowledge crashes",
        event: "ticket.created",
        conditions: [{ field: "subject", operator: "contains", value: "crash" }],
        actions: [
          { type: "send_macro", macroId: macro.id },
          { type: "assign_in_team", teamId: "tier2" },
        ],
        enabled: true,
      },
      desk.clock.now(),
    );
    const ticket = await newTicket(desk, { subject: "App crash on start", body: "It closes at once." });
    await relay();
    const acted = await desk.tickets.get(desk.workspaceId, ticket.id);
    expect(acted?.messages.at(-1)).toMatchObject({
      author: "system",
      public: true,
      body: `Hi Ana, we received ticket ${ticket.id}.`,
    });
    expect(acted).toMatchObject({ teamId: "tier2", assigneeId: agentId });
  });

  it("skip a trigger that cannot act, with a note saying why, and still run the others", async () => {
    const { desk, relay } = await setUp();
    const triggers: { name: string; actions: TicketAction[] }[] = [
      { name: "Broken", actions: [{ type: "send_macro", macroId: "deleted" }] },
      { name: "Working", actions: [{ type: "add_tags", tags: ["seen"] }] },
    ];
    for (const { name, actions } of triggers) {
      await desk.automation.createTrigger(
        desk.workspaceId,
        { name, event: "ticket.created", conditions: [], actions, enabled: true },
        desk.clock.now(),
      );
    }
    const ticket = await newTicket(desk, { subject: "Hello", body: "Hi" });
    await relay();
    const after = await desk.tickets.get(desk.workspaceId, ticket.id);
    expect(after?.tags).toEqual(["seen"]);
    expect(after?.messages.find((message) => !message.public)?.body).toBe(
      'Trigger "Broken" could not act: There is no macro deleted; fix the trigger that names it.',
    );
  });

  it("do not set each other off in a loop, and act once per change even when the job is retried", async () => {
    const { desk, relay, deps } = await setUp();
    await desk.automation.createTrigger(
      desk.workspaceId,
      {
        name: "Tag every update",
        event: "ticket.updated",
        conditions: [],
        actions: [{ type: "add_tags", tags: ["touched"] }],
        enabled: true,
      },
      desk.clock.now(),
    );
    await desk.automation.createTrigger(
      desk.workspaceId,
      {
        name: "Bump priority on tag changes",
        event: "ticket.updated",
        conditions: [{ field: "changed", operator: "contains", value: "tags_changed" }],
        actions: [
          { type: "set_priority", priority: "urgent" },
          { type: "remove_tags", tags: ["touched"] },
        ],
        enabled: true,
      },
      desk.clock.now(),
    );
    const ticket = await newTicket(desk, { subject: "Loop", body: "Hello" });
    await relay();
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId: ticket.id, patch: { priority: "low" }, actor: "agent:a" },
      desk,
    );
    const [agentChange] = await relay();
    for (let round = 0; round < 3; round += 1) await relay();

    const after = await desk.tickets.get(desk.workspaceId, ticket.id);
    // The agent's change fired the first trigger once; the trigger's own change fired nothing.
    expect(after?.tags).toEqual(["touched"]);
    expect(after?.priority).toBe("low");
    expect(after?.events.filter((event) => event.type === "tags_changed")).toHaveLength(1);

    // The relay hands the same notification again (a retried job): nothing happens twice.
    if (agentChange) await triggerSubscriber.handle(agentChange, deps);
    expect((await desk.tickets.get(desk.workspaceId, ticket.id))?.events).toHaveLength(after?.events.length ?? -1);
  });
});

describe("auto-assignment", () => {
  it("hands a team's new tickets round robin, leaving other teams and assigned tickets alone", async () => {
    const { desk, relay } = await setUp();
    const first = await joinTeam(desk, "billing", "Bo");
    const second = await joinTeam(desk, "billing", "Cy");
    const admin = apiClient(await desk.app(), await desk.issueToken("admin"));
    const set = await admin.put("/teams/billing/auto-assignment", { strategy: "round_robin", autoAssign: true });
    expect(set.body).toEqual({ teamId: "billing", strategy: "round_robin", autoAssign: true, lastAgentId: null });

    const tickets = [];
    for (let index = 0; index < 3; index += 1)
      tickets.push(await newTicket(desk, { subject: `Invoice ${index}`, body: "?", teamId: "billing" }));
    const elsewhere = await newTicket(desk, { subject: "Crash", body: "?", teamId: "tier2" });
    await relay();

    const assignees = [];
    for (const ticket of tickets) assignees.push((await desk.tickets.get(desk.workspaceId, ticket.id))?.assigneeId);
    expect(assignees).toEqual([first, second, first].map(String));
    expect((await desk.tickets.get(desk.workspaceId, elsewhere.id))?.assigneeId).toBeNull();
    const event = (await desk.tickets.get(desk.workspaceId, tickets[0]?.id ?? ""))?.events.find(
      (item) => item.type === "assigned",
    );
    expect(event?.actor).toBe("automation:auto-assign");
  });

  it("by load gives the new ticket to the member with the fewest open tickets", async () => {
    const { desk, relay } = await setUp();
    const busy = await joinTeam(desk, "billing", "Busy");
    const free = await joinTeam(desk, "billing", "Free");
    for (let index = 0; index < 2; index += 1) {
      const ticket = await newTicket(desk, { subject: `Old ${index}`, body: "?" });
      await updateTicket(
        { workspaceId: desk.workspaceId, ticketId: ticket.id, patch: { assigneeId: busy }, actor: "agent:x" },
        desk,
      );
    }
    await relay();
    await desk.automation.setTeamAssignment(
      desk.workspaceId,
      "billing",
      { strategy: "least_open", autoAssign: true },
      desk.clock.now(),
    );
    const ticket = await newTicket(desk, { subject: "New", body: "?", teamId: "billing" });
    await relay();
    expect((await desk.tickets.get(desk.workspaceId, ticket.id))?.assigneeId).toBe(free);
  });
});

describe("through the job runner", () => {
  it("a trigger and a signed webhook run from the outbox without calling handlers by hand", async () => {
    const created = await createTestDesk();
    desk = created;
    const bodies: { body: string; signature: string }[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        bodies.push({
          body: Buffer.concat(chunks).toString("utf8"),
          signature: String(request.headers["x-responder-signature"]),
        });
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const hook = await created.webhooks.create(
        created.workspaceId,
        { url, kinds: ["ticket.created"], description: null, secret: "whsec_end_to_end" },
        created.clock.now(),
      );
      await created.automation.createTrigger(
        created.workspaceId,
        {
          name: "VIP",
          event: "ticket.created",
          conditions: [{ field: "subject", operator: "contains", value: "urgent" }],
          actions: [{ type: "set_priority", priority: "urgent" }],
          enabled: true,
        },
        created.clock.now(),
      );
      const ticket = await newTicket(created, { subject: "URGENT: site down", body: "Nothing loads." });
      for (let round = 0; round < 3; round += 1) await created.runDueJobs();

      expect((await created.tickets.get(created.workspaceId, ticket.id))?.priority).toBe("urgent");
      expect(bodies).toHaveLength(1);
      expect(
        verifyWebhookSignature(
          "whsec_end_to_end",
          bodies[0]?.body ?? "",
          bodies[0]?.signature ?? "",
          created.clock.now(),
        ),
      ).toBe(true);
      const [delivery] = await created.webhooks.deliveries(created.workspaceId, hook.id, 5);
      expect(delivery).toMatchObject({ status: "succeeded", attempts: 1 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
