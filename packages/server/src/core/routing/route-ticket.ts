import type { AutomationStore } from "../automation/automation-ports.ts";
import { automationActorPrefix } from "../automation/triggers.ts";
import { isDeskError } from "../errors.ts";
import type { Clock, CustomerStore, TicketStore, WorkspaceProfile, WorkspaceStore } from "../ports.ts";
import type { TicketDetail, TicketPatch } from "../tickets/ticket.ts";
import { updateTicket } from "../tickets/ticket-use-cases.ts";
import {
  chooseRoutedAgent,
  liveChatChannels,
  type RoutingDecision,
  type RoutingSettings,
  routeTicket,
  routingSettingsOf,
} from "./routing-rules.ts";

export const routingActor = `${automationActorPrefix}routing`;

const openStatuses = ["new", "open", "pending", "on_hold"] as const;
const waitingStatuses = ["new", "open"] as const;
/** How many waiting chats one pass looks at; the next freed slot starts another pass. */
const waitingChatsPerPass = 100;
const chatChannels = liveChatChannels as TicketDetail["channel"][];

export type RoutingDeps = {
  tickets: TicketStore;
  customers: CustomerStore;
  workspaces: WorkspaceStore;
  automation: AutomationStore;
  clock: Clock;
  /** The responder's reading of a ticket: its category and language. */
  readTicket(ticket: TicketDetail): { category: string | null; language: string | null };
};

type Routing = { profile: WorkspaceProfile; settings: RoutingSettings };

/**
 * Routes a new ticket: the workspace's rules pick its team (when it has none yet) and may raise its
 * priority; if the team assigns automatically, the agent whose skills fit and who has room for one
 * more chat gets it in the same change. Returns the ticket as it is after.
 */
export async function routeNewTicket(
  input: { workspaceId: string; ticketId: string },
  deps: RoutingDeps,
): Promise<TicketDetail | null> {
  const routing = await routingOf(input.workspaceId, deps);
  const ticket = await deps.tickets.get(input.workspaceId, input.ticketId);
  if (!routing || !ticket || ticket.status === "closed" || ticket.status === "solved") return ticket;
  return (await placeTicket(input.workspaceId, ticket, routing, deps)) ?? ticket;
}

/**
 * A chat slot may have freed (a chat was solved, reassigned or closed): the unassigned live chats
 * still waiting get agents, oldest first. Returns how many were assigned.
 */
export async function assignWaitingChats(input: { workspaceId: string }, deps: RoutingDeps): Promise<number> {
  const routing = await routingOf(input.workspaceId, deps);
  if (!routing) return 0;
  const waiting = await deps.tickets.list(
    input.workspaceId,
    { status: [...waitingStatuses], channel: chatChannels, assigneeId: null },
    { limit: waitingChatsPerPass },
  );
  let assigned = 0;
  for (const summary of [...waiting.items].reverse()) {
    const ticket = await deps.tickets.get(input.workspaceId, summary.id);
    if (!ticket || ticket.assigneeId !== null) continue;
    const placed = await placeTicket(input.workspaceId, ticket, routing, deps);
    if (placed?.assigneeId) assigned += 1;
  }
  return assigned;
}

async function routingOf(workspaceId: string, deps: RoutingDeps): Promise<Routing | null> {
  const profile = await deps.workspaces.profile(workspaceId);
  if (!profile) return null;
  const settings = routingSettingsOf(profile.settings, profile.teams);
  return settings.enabled ? { profile, settings } : null;
}

/**
 * The team and the agent are set in one change, so the team's own auto-assignment (which acts on
 * a new ticket that already has a team) never sees a routed team without its agent. A live chat
 * that no agent has room for is held back without its team until a slot frees, for the same
 * reason: its team is chosen again then.
 */
async function placeTicket(
  workspaceId: string,
  ticket: TicketDetail,
  routing: Routing,
  deps: RoutingDeps,
): Promise<TicketDetail | null> {
  const customer = await deps.customers.get(workspaceId, ticket.customerId);
  const reading = deps.readTicket(ticket);
  const decision: RoutingDecision = routeTicket({
    ticket: {
      channel: ticket.channel,
      topic: ticket.topic,
      category: reading.category,
      priority: ticket.priority,
      plan: customer?.plan ?? null,
    },
    rules: routing.settings.rules,
    teamIds: routing.profile.teams.map((team) => team.id),
  });
  const teamId = ticket.teamId ?? decision.teamId;
  const patch: TicketPatch = {};
  if (decision.priority !== ticket.priority) patch.priority = decision.priority;
  let assigneeId: string | null = null;
  if (teamId !== null && ticket.assigneeId === null) {
    const assignment = await deps.automation.teamAssignment(workspaceId, teamId);
    if (assignment?.autoAssign) {
      assigneeId = await chooseAgent(
        {
          workspaceId,
          teamId,
          ticket: { channel: ticket.channel, topic: ticket.topic, language: customer?.language ?? reading.language },
          settings: routing.settings,
          strategy: assignment.strategy,
          lastAgentId: assignment.lastAgentId,
        },
        deps,
      );
      if (assigneeId !== null) patch.assigneeId = assigneeId;
    }
    const waitsForChat =
      assignment?.autoAssign === true && assigneeId === null && liveChatChannels.includes(ticket.channel);
    if (teamId !== ticket.teamId && !waitsForChat) patch.teamId = teamId;
  }
  if (Object.keys(patch).length === 0) return ticket;
  const changed = await changeUnlessChanged({ workspaceId, ticket, patch, actor: routingActor }, deps);
  if (changed && assigneeId !== null && teamId !== null) {
    await deps.automation.recordAssignment(workspaceId, teamId, assigneeId, deps.clock.now());
  }
  return changed;
}

async function chooseAgent(
  input: {
    workspaceId: string;
    teamId: string;
    ticket: { channel: string; topic: string | null; language: string | null };
    settings: RoutingSettings;
    strategy: "round_robin" | "least_open";
    lastAgentId: string | null;
  },
  deps: RoutingDeps,
): Promise<string | null> {
  const members = await deps.automation.assignmentCandidates(input.workspaceId, input.teamId);
  const candidates = [];
  for (const member of members) {
    const chats = await deps.tickets.list(
      input.workspaceId,
      { assigneeId: member.agentId, status: [...openStatuses], channel: chatChannels },
      { limit: input.settings.chatLimit },
    );
    candidates.push({ ...member, openChats: chats.items.length });
  }
  return chooseRoutedAgent({
    ticket: input.ticket,
    candidates,
    skills: input.settings.skills,
    chatLimit: input.settings.chatLimit,
    strategy: input.strategy,
    lastAgentId: input.lastAgentId,
  });
}

/** Someone who changed the ticket meanwhile wins: their change stands and routing leaves it. */
async function changeUnlessChanged(
  input: { workspaceId: string; ticket: TicketDetail; patch: TicketPatch; actor: string },
  deps: Pick<RoutingDeps, "tickets" | "clock">,
): Promise<TicketDetail | null> {
  try {
    return await updateTicket(
      {
        workspaceId: input.workspaceId,
        ticketId: input.ticket.id,
        patch: input.patch,
        actor: input.actor,
        expectedVersion: input.ticket.version,
      },
      deps,
    );
  } catch (error) {
    if (isDeskError(error) && error.code === "conflict") return null;
    throw error;
  }
}
