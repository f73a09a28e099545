import type { SeededWorkspace } from "./seed.ts";

/** A route with its path parameters filled in from one workspace's seeded objects. */
export type RouteRequest = {
  method: string;
  url: string;
  /** True when the path names an object (so a stranger must get 404 for a read). */
  namesAnObject: boolean;
};

/** Which seeded id fills `:name` after `segment` (the path segment before the parameter). */
function parameterValue(segment: string, name: string, seeded: SeededWorkspace): string | null {
  const { ids } = seeded;
  if (name === "followUpId") return ids.followUp;
  if (name === "macroId") return ids.macro;
  if (name === "teamId") return ids.team;
  if (name === "token") return "survey-token-that-was-never-issued-000000000";
  if (name !== "id") return null;
  const bySegment: Record<string, string> = {
    tickets: ids.ticket,
    customers: ids.customer,
    articles: ids.article,
    "known-issues": ids.knownIssue,
    macros: ids.macro,
    triggers: ids.trigger,
    webhooks: ids.webhook,
    channels: ids.channel,
    tokens: seeded.spareTokenId,
    // Nothing seeds these; a made-up id still has to be refused alike to everyone.
    proposals: "proposal-never-made",
    attachments: "attachment-never-stored",
    broadcasts: "broadcast-never-made",
  };
  return bySegment[segment] ?? null;
}

/** The request the matrix sends for a route; throws for a parameter it cannot fill, naming it. */
export function requestFor(method: string, routeUrl: string, seeded: SeededWorkspace): RouteRequest {
  const segments = routeUrl.split("/");
  let namesAnObject = false;
  const filled = segments.map((segment, index) => {
    if (segment === "*") return "anything";
    if (!segment.startsWith(":")) return segment;
    const value = parameterValue(segments[index - 1] ?? "", segment.slice(1), seeded);
    if (value === null) {
      throw new Error(
        `the access matrix cannot fill ${segment} in ${method} ${routeUrl}: add it to testing/access-matrix/route-requests.ts`,
      );
    }
    namesAnObject = true;
    return encodeURIComponent(value);
  });
  const query = routeUrl === "/widget/socket" ? `?workspace=${encodeURIComponent(seeded.workspaceId)}` : "";
  return { method, url: `${filled.join("/")}${query}`, namesAnObject };
}
