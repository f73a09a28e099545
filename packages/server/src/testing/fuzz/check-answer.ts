import type { FastifyInstance, InjectOptions } from "fastify";
import type { Database } from "../../storage/database.ts";
import { changedTables, countRows, type RowCounts } from "./row-counts.ts";

export type FuzzRequest = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  payload?: string | Buffer;
  /** The caller's address; per-address rate limits count by it. */
  remoteAddress?: string;
};

/**
 * What a refusal may look like: `json` is the API's `{ code, message }`; `page` also allows an HTML
 * page (the help center's and the survey's forms answer people, not programs, and re-show the form
 * with the problem named).
 */
export type RefusalShape = "json" | "page";

export type AnswerCheck = {
  status: number;
  problems: string[];
  /** The refusal's message, when it was JSON. */
  message?: string;
};

/**
 * Sends one request and checks what must hold for any input: no 5xx, a refusal in the promised
 * shape, and no row written by a refused request.
 */
export async function sendAndCheck(
  app: FastifyInstance,
  db: Database,
  request: FuzzRequest,
  options: { refusal?: RefusalShape; before?: RowCounts } = {},
): Promise<AnswerCheck & { after: RowCounts }> {
  const before = options.before ?? (await countRows(db));
  const response = await app.inject({
    method: request.method,
    url: request.url,
    headers: request.headers,
    ...(request.remoteAddress ? { remoteAddress: request.remoteAddress } : {}),
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  } as InjectOptions);
  const after = await countRows(db);
  const problems: string[] = [];
  const status = response.statusCode;
  if (status >= 500) problems.push(`answered ${status}: ${response.body.slice(0, 300)}`);
  if (status >= 400) {
    const type = String(response.headers["content-type"] ?? "");
    const isPage = options.refusal === "page" && type.startsWith("text/html");
    if (!isPage) problems.push(...errorShapeProblems(type, response.body));
    const changed = changedTables(before, after);
    if (changed.length > 0) problems.push(`refused with ${status} but wrote rows: ${changed.join(", ")}`);
  }
  return { status, problems, after, message: jsonMessage(response.body) };
}

function jsonMessage(body: string): string | undefined {
  try {
    const message = (JSON.parse(body) as { message?: unknown })?.message;
    return typeof message === "string" ? message : undefined;
  } catch {
    return undefined;
  }
}

function errorShapeProblems(contentType: string, body: string): string[] {
  if (!contentType.includes("application/json")) return [`refusal is ${contentType || "untyped"}, not JSON`];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [`refusal is not valid JSON: ${body.slice(0, 200)}`];
  }
  const error = parsed as { code?: unknown; message?: unknown };
  const problems: string[] = [];
  if (typeof error.code !== "string" || error.code === "") problems.push(`refusal has no code: ${body.slice(0, 200)}`);
  if (typeof error.message !== "string" || error.message.trim() === "") {
    problems.push(`refusal has no message: ${body.slice(0, 200)}`);
  }
  return problems;
}

/** Throws (failing the property) with the request that broke it, shortened so huge inputs stay readable. */
export function assertNoProblems(request: FuzzRequest, check: AnswerCheck): void {
  if (check.problems.length === 0) return;
  const payload = request.payload === undefined ? "" : String(request.payload);
  const shown = payload.length > 400 ? `${payload.slice(0, 400)}… (${payload.length} characters)` : payload;
  throw new Error(
    `${request.method} ${request.url.slice(0, 300)} ${JSON.stringify(request.headers ?? {})} ${shown}\n` +
      check.problems.join("\n"),
  );
}
