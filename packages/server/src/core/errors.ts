/**
 * Stable error codes. HTTP status and CLI exit codes are decided from these in one place each;
 * `message` is written for the person who has to act on it.
 */
export type DeskErrorCode =
  | "invalid_input"
  | "not_found"
  | "conflict"
  | "invalid_transition"
  | "unauthorized"
  | "forbidden"
  | "database_busy"
  | "unavailable"
  | "internal";

const marker = Symbol.for("support-responder.desk-error");

export class DeskError extends Error {
  readonly [marker] = true;
  readonly code: DeskErrorCode;
  /** Where in the input the problem is, e.g. a snapshot's JSON path `$.tickets[3].status`. */
  readonly path?: string;

  constructor(code: DeskErrorCode, message: string, options?: { path?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "DeskError";
    this.code = code;
    this.path = options?.path;
  }
}

export function isDeskError(error: unknown): error is DeskError {
  return typeof error === "object" && error !== null && marker in error;
}
