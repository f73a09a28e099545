import { DeskError } from "../core/errors.ts";

/** What a list's cursor counts: a row's arrival order, or a position in ranked results. */
export type CursorKind = "seq" | "offset";

/** An opaque page cursor; the kind inside makes a cursor from another kind of list fail clearly. */
export function encodeCursor(value: number, kind: CursorKind = "seq"): string {
  return Buffer.from(`${kind}:${value}`).toString("base64url");
}

export function decodeCursor(cursor: string, kind: CursorKind = "seq"): number {
  const [givenKind, text = ""] = Buffer.from(cursor, "base64url").toString().split(":");
  if (givenKind !== kind || !/^\d{1,15}$/.test(text)) {
    throw new DeskError("invalid_input", "cursor is not one this list returned; start again without it");
  }
  return Number(text);
}
