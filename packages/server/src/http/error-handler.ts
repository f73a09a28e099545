import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type DeskErrorCode, isDeskError } from "../core/errors.ts";
import { toJsonPath } from "../core/snapshot/parse-snapshot.ts";

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
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code = error.statusCode === 413 ? "too_large" : error.statusCode === 429 ? "rate_limited" : "invalid_input";
    return reply.status(error.statusCode).send({ code, message: error.message });
  }
  request.log.error({ err: error }, "request failed");
  return reply.status(500).send({ code: "internal", message: "Something went wrong on our side; it has been logged." });
}

// Postgres refuses a reference to a missing row (23503); say which field, in the API's words.
function foreignKeyViolation(error: unknown): string | null {
  const cause = findPostgresError(error);
  if (cause?.code !== "23503") return null;
  const column = /\((?:workspace_id, )?([a-z_]+)\)=/.exec(cause.detail ?? "")?.[1];
  const field = column?.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return field
    ? `${field} refers to something that does not exist in this workspace.`
    : "A reference points to nothing.";
}

function findPostgresError(error: unknown): { code?: string; detail?: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    if ("code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current as { code: string; detail?: string };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
