import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { defaultRoutingSettings, type RoutingSettings } from "../core/routing/routing-rules.ts";
import { openTicket, updateTicket } from "../core/tickets/ticket-use-cases.ts";
import { ensureDefaultWorkspaceTiers } from "../desk.ts";
import * as schema from "../storage/schema.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";

let desk: TestDesk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function deskWithTiers(routing: Partial<RoutingSettings> = {}) {
  const created = await createTestDesk();
  desk = created;
  expect(await ensureDefaultWorkspaceTiers(created.database, created.workspaceId)).toBe(true);
  if (Object.keys(routing).length > 0) {
    await created.workspaces.updateSettings(created.workspaceId, {
      routing: { ...defaultRoutingSettings, ...routing },
    });
  }
  return created;
}

let customerNumber = 0;
async function newTicket(
  target: TestDesk,
  input: {
    subject: string;
    body: string;
    channel?: "email" | "chat" | "in_app";
    plan?: string;
    priority?: "low";
    teamId?: string;
  },
) {
  customerNumber += 1;
  const ticket = await openTicket(
    {
      workspaceId: target.workspaceId,
      customer: { email: `customer-${customerNumber}@example.com`, name: `Customer ${customerNumber}` },
      channel: input.channel ?? "email",
      subject: input.subject,
      priority: input.priority,
      teamId: input.teamId,
      message: { author: "customer", body: input.body },
      actor: "customer",
    },
    target,
  );
  if (input.plan) {
    await target.database.db
      .update(schema.customers)
      .set({ plan: input.plan })
      .where(eq(schema.customers.id, ticket.customerId));
  }
  return ticket;
}

async function joinTeam(target: TestDesk, teamId: string, name: string) {
  const agent = await target.addAgent("agent", { name });
  await target.database.db.update(schema.agents).set({ teamId }).where(eq(schema.agents.id, agent.agentId));
  return agent.agentId;
}

const reload = async (target: TestDesk, ticketId: string) => {
  const ticket = await target.tickets.get(target.workspaceId, ticketId);
  if (!ticket) throw new Error(`ticket ${ticketId} is gone`);
  return ticket;
};

const bug = { subject: "Export crashes", body: "The CSV export fails with an error every time since yesterday." };
const billing = { subject: "Charged twice", body: "I was charged twice for my invoice this month, please refund." };

describe("default tiers", () => {
  it("give a workspace without teams tier 1 → tier 2 → tier 3 and billing, once", async () => {
    const target = await deskWithTiers();
    expect(await ensureDefaultWorkspaceTiers(target.database, target.workspaceId)).toBe(false);
    const profile = await target.workspaces.profile(target.workspaceId);
    expect(profile?.teams).toEqual([
      { id: "tier1", name: "Tier 1, general", escalatesTo: "tier2" },
      { id: "tier2", name: "Tier 2, technical", escalatesTo: "tier3" },
      { id: "tier3", name: "Tier 3, specialists", escalatesTo: null },
      { id: "billing", name: "Billing", escalatesTo: "tier1" },
    ]);
    expect(profile?.settings.routing).toEqual(defaultRoutingSettings);
    const [tier1] = await target.database.db.select().from(schema.teams).where(eq(schema.teams.id, "tier1"));
    expect(tier1?.extra).toMatchObject({ escalatesWhen: expect.stringContaining("dissatisfied customer") });
  });

  it("never touch a workspace that already has teams", async () => {
    const target = await createTestDesk();
    desk = target;
    await target.database.db
      .insert(schema.teams)
      .values({ workspaceId: target.workspaceId, id: "support", name: "Support" });
    expect(await ensureDefaultWorkspaceTiers(target.database, target.workspaceId)).toBe(false);
    const profile = await target.workspaces.profile(target.workspaceId);
    expect(profile?.teams.map((team) => team.id)).toEqual(["support"]);
    expect(profile?.settings.routing).toBeUndefined();
  });
});

describe("routing new tickets", () => {
  it("sends a technical problem to tier 2 and billing to billing with priority, as recorded changes", async () => {
    const target = await deskWithTiers();
    const technical = await newTicket(target, bug);
    const charge = await newTicket(target, { ...billing, priority: "low" });
    const question = await newTicket(target, {
      subject: "How do I add a teammate?",
      body: "How do I invite a colleague to our account?",
    });
    await target.runDueJobs();

    const routedBug = await reload(target, technical.id);
    expect(routedBug.teamId).toBe("tier2");
    expect(routedBug.events).toContainEqual(
      expect.objectContaining({ type: "team_changed", actor: "automation:routing", to: "tier2" }),
    );
    expect(await reload(target, charge.id)).toMatchObject({ teamId: "billing", priority: "high" });
    expect(await reload(target, question.id)).toMatchObject({ teamId: "tier1", priority: null });
  });

  it("puts enterprise customers first", async () => {
    const target = await deskWithTiers();
    const ticket = await newTicket(target, {
      subject: "How do I add a teammate?",
      body: "How do I invite a colleague?",
      plan: "enterprise",
      priority: "low",
    });
    await target.runDueJobs();
    const routed = await reload(target, ticket.id);
    expect(routed).toMatchObject({ teamId: "tier1", priority: "high" });
    expect(routed.events).toContainEqual(
      expect.objectContaining({ type: "priority_changed", actor: "automation:routing", from: "low", to: "high" }),
    );
  });

  it("keeps a team chosen before routing and still raises the priority", async () => {
    const target = await deskWithTiers();
    const ticket = await newTicket(target, { ...bug, teamId: "tier3", plan: "enterprise", priority: "low" });
    await target.runDueJobs();
    expect(await reload(target, ticket.id)).toMatchObject({ teamId: "tier3", priority: "high" });
  });

  it("leaves tickets alone in a workspace that has not turned routing on", async () => {
    const target = await createTestDesk();
    desk = target;
    await target.database.db.insert(schema.teams).values({ workspaceId: target.workspaceId, id: "tier2", name: "T2" });
    const ticket = await newTicket(target, bug);
    await target.runDueJobs();
    expect(await reload(target, ticket.id)).toMatchObject({ teamId: null, version: ticket.version });
  });

  it("gives the ticket to the agent who speaks the customer's language when the team assigns automatically", async () => {
    const target = await deskWithTiers();
    const english = await joinTeam(target, "tier1", "Ana");
    const german = await joinTeam(target, "tier1", "Bernd");
    await target.workspaces.updateSettings(target.workspaceId, {
      routing: { ...defaultRoutingSettings, skills: { [german]: { languages: ["de"], topics: [] } } },
    });
    await target.automation.setTeamAssignment(
      target.workspaceId,
      "tier1",
      { strategy: "round_robin", autoAssign: true },
      target.clock.now(),
    );
    const ticket = await newTicket(target, {
      subject: "Frage zu meinem Konto",
      body: "Hallo, ich möchte wissen, wie ich einen Kollegen zu unserem Konto einladen kann. Vielen Dank für die Hilfe!",
    });
    await target.runDueJobs();
    const routed = await reload(target, ticket.id);
    expect(routed).toMatchObject({ teamId: "tier1", assigneeId: german });
    expect(routed.assigneeId).not.toBe(english);
  });
});

describe("the concurrent-chat limit", () => {
  it("keeps a chat waiting while every agent is full and assigns it when a chat is solved", async () => {
    const target = await deskWithTiers({ chatLimit: 2 });
    const agent = await joinTeam(target, "tier1", "Ana");
    await target.automation.setTeamAssignment(
      target.workspaceId,
      "tier1",
      { strategy: "least_open", autoAssign: true },
      target.clock.now(),
    );
    const question = { subject: "Invite", body: "How do I invite a colleague?", channel: "chat" as const };
    const chats = [];
    for (let index = 0; index < 3; index += 1) {
      chats.push(await newTicket(target, question));
      await target.runDueJobs();
    }
    const email = await newTicket(target, { ...question, channel: "email" });
    await target.runDueJobs();

    const [first, second, third] = await Promise.all(chats.map((chat) => reload(target, chat.id)));
    expect([first?.assigneeId, second?.assigneeId, third?.assigneeId]).toEqual([agent, agent, null]);
    // Held back without its team, so the team's own auto-assignment cannot hand it out over the limit.
    expect(third?.teamId).toBeNull();
    expect((await reload(target, email.id)).assigneeId).toBe(agent);

    await updateTicket(
      {
        workspaceId: target.workspaceId,
        ticketId: chats[0]?.id ?? "",
        patch: { status: "solved" },
        actor: `agent:${agent}`,
      },
      target,
    );
    await target.runDueJobs();
    expect(await reload(target, chats[2]?.id ?? "")).toMatchObject({ teamId: "tier1", assigneeId: agent });
  });
});
