import type { z } from "zod";
import { DeskError } from "../errors.ts";
import { type Snapshot, snapshotSchema } from "./snapshot-schema.ts";

/** Validates a whole snapshot, shape first, then every reference; throws at the first error. */
export function parseSnapshot(document: unknown): Snapshot {
  const result = snapshotSchema.safeParse(document);
  if (!result.success) {
    const issue = firstIssue(result.error.issues);
    const path = toJsonPath(issue.path);
    throw new DeskError("invalid_input", `${path}: ${describeIssue(issue)}`, { path });
  }
  const referenceError = findReferenceError(result.data);
  if (referenceError) {
    throw new DeskError("invalid_input", `${referenceError.path}: ${referenceError.message}`, {
      path: referenceError.path,
    });
  }
  return result.data;
}

export function toJsonPath(segments: readonly PropertyKey[]): string {
  let path = "$";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (typeof segment === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}

// zod reports issues in schema order; the person fixing the file wants the earliest place.
function firstIssue(issues: z.core.$ZodIssue[]): z.core.$ZodIssue {
  const [first, ...rest] = issues;
  if (!first) throw new Error("zod reported failure without issues");
  return rest.reduce((earliest, issue) => (comparePaths(issue.path, earliest.path) < 0 ? issue : earliest), first);
}

function comparePaths(left: readonly PropertyKey[], right: readonly PropertyKey[]): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const a = left[index];
    const b = right[index];
    if (a === b) continue;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return 0;
  }
  return 0;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_value" && "values" in issue) {
    return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
  }
  if (issue.code === "invalid_type" && issue.message.includes("received undefined")) {
    return `is required (${issue.expected})`;
  }
  return issue.message;
}

type ReferenceError = { path: string; message: string };

function findReferenceError(snapshot: Snapshot): ReferenceError | null {
  const teamIds = new Set<string>();
  const agentIds = new Set<string>();
  const customerIds = new Set<string>();
  const knownIssueIds = new Set<string>();

  const duplicate =
    collectIds(snapshot.teams ?? [], "teams", teamIds) ??
    collectIds(snapshot.agents ?? [], "agents", agentIds) ??
    collectIds(snapshot.customers, "customers", customerIds) ??
    collectIds(snapshot.articles ?? [], "articles", new Set()) ??
    collectIds(snapshot.knownIssues ?? [], "knownIssues", knownIssueIds) ??
    collectIds(snapshot.tickets, "tickets", new Set());
  if (duplicate) return duplicate;

  for (const [index, team] of (snapshot.teams ?? []).entries()) {
    if (team.escalatesTo !== undefined && !teamIds.has(team.escalatesTo)) {
      return missing(`$.teams[${index}].escalatesTo`, "team", team.escalatesTo);
    }
  }
  for (const [index, agent] of (snapshot.agents ?? []).entries()) {
    if (agent.teamId !== undefined && !teamIds.has(agent.teamId)) {
      return missing(`$.agents[${index}].teamId`, "team", agent.teamId);
    }
  }
  const accountEventIds = new Set<string>();
  for (const [index, event] of (snapshot.accountEvents ?? []).entries()) {
    if (!customerIds.has(event.customerId)) {
      return missing(`$.accountEvents[${index}].customerId`, "customer", event.customerId);
    }
    if (event.id !== undefined) {
      if (accountEventIds.has(event.id)) return duplicateId(`$.accountEvents[${index}].id`, event.id);
      accountEventIds.add(event.id);
    }
  }
  const messageIds = new Set<string>();
  for (const [index, ticket] of snapshot.tickets.entries()) {
    const at = `$.tickets[${index}]`;
    if (!customerIds.has(ticket.customerId)) return missing(`${at}.customerId`, "customer", ticket.customerId);
    if (ticket.assigneeId !== undefined && !agentIds.has(ticket.assigneeId)) {
      return missing(`${at}.assigneeId`, "agent", ticket.assigneeId);
    }
    if (ticket.teamId !== undefined && !teamIds.has(ticket.teamId))
      return missing(`${at}.teamId`, "team", ticket.teamId);
    if (ticket.knownIssueId !== undefined && !knownIssueIds.has(ticket.knownIssueId)) {
      return missing(`${at}.knownIssueId`, "known issue", ticket.knownIssueId);
    }
    for (const [messageIndex, message] of ticket.messages.entries()) {
      const messageAt = `${at}.messages[${messageIndex}]`;
      if (message.author.startsWith("agent:") && !agentIds.has(message.author.slice("agent:".length))) {
        return missing(`${messageAt}.author`, "agent", message.author.slice("agent:".length));
      }
      if (message.id !== undefined) {
        if (messageIds.has(message.id)) return duplicateId(`${messageAt}.id`, message.id);
        messageIds.add(message.id);
      }
    }
  }
  return null;
}

function collectIds(items: readonly { id: string }[], field: string, into: Set<string>): ReferenceError | null {
  for (const [index, item] of items.entries()) {
    if (into.has(item.id)) return duplicateId(`$.${field}[${index}].id`, item.id);
    into.add(item.id);
  }
  return null;
}

function missing(path: string, kind: string, id: string): ReferenceError {
  return { path, message: `refers to ${kind} ${JSON.stringify(id)}, which is not in the snapshot` };
}

function duplicateId(path: string, id: string): ReferenceError {
  return { path, message: `id ${JSON.stringify(id)} appears twice` };
}
