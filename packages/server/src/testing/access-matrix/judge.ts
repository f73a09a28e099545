import type { ExpectedAccess } from "./expected-access.ts";

/** Who the matrix calls each route as. Workspace A is the one whose objects the paths name. */
export type Role = "anonymous" | "widget visitor" | "other workspace's admin" | "agent" | "admin";

export type Answer = { status: number; text: string };

export type Call = {
  role: Role;
  access: ExpectedAccess;
  method: string;
  /** True when the path names one of workspace A's objects. */
  namesAnObject: boolean;
  answer: Answer;
  /** Text from the workspace the caller does not belong to; none of it may appear in the answer. */
  foreignSecrets: readonly string[];
};

const isRefusal = (status: number) => status === 401 || status === 403;
const isSuccess = (status: number) => status >= 200 && status < 400;

/** Why this answer breaks the access rules, or null when it keeps them. */
export function judge(call: Call): string | null {
  const { role, access, answer } = call;
  if (answer.status >= 500) return `answered ${answer.status}`;
  const leaked = call.foreignSecrets.find((secret) => answer.text.includes(secret));
  if (leaked) return `answered ${answer.status} with another workspace's "${leaked}"`;

  if (access === "public") return null;
  if (access === "own-secret") {
    return isSuccess(answer.status) ? `answered ${answer.status} without the route's own secret` : null;
  }
  switch (role) {
    case "anonymous":
    case "widget visitor":
      return answer.status === 401 ? null : `answered ${answer.status}, expected 401`;
    case "agent":
      if (access === "admin") return answer.status === 403 ? null : `answered ${answer.status}, expected 403`;
      return isRefusal(answer.status) ? `refused the workspace's agent with ${answer.status}` : null;
    case "admin":
      return isRefusal(answer.status) ? `refused the workspace's admin with ${answer.status}` : null;
    case "other workspace's admin":
      return judgeStranger(call);
  }
}

/** An admin of another workspace: free in their own workspace, and finds nothing of this one. */
function judgeStranger({ method, namesAnObject, answer }: Call): string | null {
  if (!namesAnObject) {
    return isRefusal(answer.status) ? `refused an admin in their own workspace with ${answer.status}` : null;
  }
  if (method === "GET") {
    if (answer.status !== 404) return `answered ${answer.status} for another workspace's object, expected 404`;
    return isErrorOnly(answer.text) ? null : "answered 404 with more than { code, message }";
  }
  return isSuccess(answer.status) ? `changed another workspace's object (${answer.status})` : null;
}

function isErrorOnly(text: string): boolean {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    return Object.keys(body).every((key) => key === "code" || key === "message");
  } catch {
    return false;
  }
}
