import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type DeskErrorCode, isDeskError } from "../core/errors.ts";
import { toJsonPath } from "../core/snapshot/parse-snapshot.ts";
import { isConnectionFailure, postgresErrorOf } from "../storage/database.ts";

/** The only place where an error becomes an HTTP status. */
const statusOf: Record<DeskErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  database_busy: 503,
  unavailable: 503,
  internal: 500,
};

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isDeskError(error)) {
    return reply.status(statusOf[error.code]).send({ code: error.code, message: error.message });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const [issue] = error.validation;
    const where = `${error.validationContext ?? "request"}${toJsonPath(issue?.instancePath.split("/").filter(Boolean) ?? []).slice(1)}`;
    return reply.status(400).send({ code: "invalid_input", message: `${where}: ${issue?.message ?? "is not valid"}` });
  }
  const foreignKey = foreignKeyViolation(error);
  if (foreignKey) return reply.status(400).send({ code: "invalid_input", message: foreignKey });
  if (isUnstorableText(error)) {
    return reply.status(400).send({
      code: "invalid_input",
      message: "Text may not contain the NUL character (\\u0000); remove it and try again.",
    });
  }
  if (isConnectionFailure(error)) {
    request.log.warn({ err: error }, "database unreachable");
    return reply
      .status(503)
      .send({ code: "unavailable", message: "The database cannot be reached right now; try again in a moment." });
  }
  if (error.statusCode === 413) {
    const limit = request.routeOptions.bodyLimit;
    const message = limit
      ? `The request body is too large: this address accepts at most ${describeBytes(limit)}.`
      : error.message;
    return reply.status(413).send({ code: "too_large", message });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code = error.statusCode === 413 ? "too_large" : error.statusCode === 429 ? "rate_limited" : "invalid_input";
    return reply.status(error.statusCode).send({ code, message: error.message });
  }
  request.log.error({ err: error }, "request failed");
  return reply.status(500).send({ code: "internal", message: "Something went wrong on our side; it has been logged." });
}

function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

// Postgres refuses a reference to a missing row (23503); say which field, in the API's words.
function foreignKeyViolation(error: unknown): string | null {
  const cause = postgresErrorOf(error);
  if (cause?.code !== "23503") return null;
  const column = /\((?:workspace_id, )?([a-z_]+)\)=/.exec(cause.detail ?? "")?.[1];
  const field = column?.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return field
    ? `${field} refers to something that does not exist in this workspace.`
    : "A reference points to nothing.";
}

// Postgres text cannot hold NUL (22021, or 22P05 from jsonb): a client's input, not our failure.
function isUnstorableText(error: unknown): boolean {
  const code = postgresErrorOf(error)?.code;
  return code === "22021" || code === "22P05";
}
