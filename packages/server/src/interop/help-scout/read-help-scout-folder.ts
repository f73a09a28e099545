import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import { toJsonPath } from "../../core/snapshot/parse-snapshot.ts";
import {
  conversationSchema,
  customerSchema,
  type HelpScoutAccount,
  halPageSchema,
  mailboxSchema,
  ratingSchema,
  teamSchema,
  userSchema,
} from "./help-scout-wire.ts";

/** The folders a Help Scout download holds, one page of the API per file (`conversations/000001.json`). */
export const helpScoutKinds = ["mailboxes", "users", "teams", "customers", "conversations", "ratings"] as const;
export type HelpScoutKind = (typeof helpScoutKinds)[number];

export const downloadStateFile = "download-state.json";

/**
 * Reads a folder of Help Scout pages: HAL pages as the API sends them (`_embedded.<kind>`), and for
 * ratings pages of `{ "ratings": [...] }` (or HAL). Every record is checked; the first bad one is named
 * by file and JSON path.
 */
export async function readHelpScoutFolder(folder: string): Promise<HelpScoutAccount> {
  const [mailboxes, users, teams, customers, conversations, ratings] = await Promise.all([
    readRecords(folder, "mailboxes", mailboxSchema),
    readRecords(folder, "users", userSchema),
    readRecords(folder, "teams", teamSchema),
    readRecords(folder, "customers", customerSchema),
    readRecords(folder, "conversations", conversationSchema),
    readRecords(folder, "ratings", ratingSchema),
  ]);
  if (conversations.pages === 0 && customers.pages === 0) {
    throw new DeskError(
      "invalid_input",
      `${folder} holds no Help Scout pages (conversations/, customers/, users/ …): give the folder a download wrote, or --url and --token to download one.`,
    );
  }
  const state = await readState(folder);
  return {
    mailboxes: mailboxes.records,
    users: users.records,
    teams: teams.records,
    customers: customers.records,
    conversations: conversations.records,
    ratings: ratings.records,
    notes: state?.notes ?? [],
  };
}

async function readRecords<Schema extends z.ZodType>(
  folder: string,
  kind: HelpScoutKind,
  schema: Schema,
): Promise<{ records: z.infer<Schema>[]; pages: number }> {
  const records: z.infer<Schema>[] = [];
  const files = await pageFiles(folder, kind);
  for (const file of files) {
    const body = await readJson(file);
    const page = halPageSchema.safeParse(body);
    const plain = (body as { [key: string]: unknown } | null)?.[kind];
    const items = Array.isArray(plain) ? plain : page.success ? (page.data._embedded?.[kind] ?? []) : null;
    const base = Array.isArray(plain) ? [kind] : ["_embedded", kind];
    if (!items) throw new DeskError("invalid_input", `${file}: not a Help Scout page of ${kind}.`);
    for (const [index, item] of items.entries()) {
      const parsed = schema.safeParse(item);
      if (!parsed.success) {
        const [issue] = parsed.error.issues;
        const where = toJsonPath([...base, index, ...(issue?.path ?? [])]);
        throw new DeskError("invalid_input", `${file}: ${where}: ${issue?.message ?? "is not valid"}`, { path: where });
      }
      records.push(parsed.data);
    }
  }
  return { records, pages: files.length };
}

async function pageFiles(folder: string, kind: string): Promise<string[]> {
  try {
    const names = (await readdir(path.join(folder, kind))).filter((name) => /^\d+\.json$/.test(name));
    return names.sort().map((name) => path.join(folder, kind, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readFile(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DeskError("invalid_input", `${file} is not valid JSON: ${(error as Error).message}.`);
  }
}

async function readState(folder: string): Promise<{ notes?: string[] } | null> {
  try {
    return JSON.parse(await readFile(path.join(folder, downloadStateFile), "utf8")) as { notes?: string[] };
  } catch {
    return null;
  }
}
