export type AssignmentStrategy = "round_robin" | "least_open";

export type AssignmentCandidate = { agentId: string; openTickets: number };

/**
 * The agent of a team who gets the next ticket. Round robin: the one after the last assigned
 * (by id order, so it survives agents joining and leaving). Least open: the one with the fewest
 * open tickets, ties broken round-robin so equal loads take turns. Null for an empty team.
 */
export function chooseAssignee(input: {
  strategy: AssignmentStrategy;
  candidates: readonly AssignmentCandidate[];
  lastAgentId: string | null;
}): string | null {
  const ordered = [...input.candidates].sort((a, b) => a.agentId.localeCompare(b.agentId));
  if (ordered.length === 0) return null;
  const afterLast = (pool: readonly AssignmentCandidate[]) => {
    if (input.lastAgentId === null) return pool[0];
    return pool.find((candidate) => candidate.agentId.localeCompare(input.lastAgentId ?? "") > 0) ?? pool[0];
  };
  if (input.strategy === "round_robin") return afterLast(ordered)?.agentId ?? null;
  const fewest = Math.min(...ordered.map((candidate) => candidate.openTickets));
  return afterLast(ordered.filter((candidate) => candidate.openTickets === fewest))?.agentId ?? null;
}
