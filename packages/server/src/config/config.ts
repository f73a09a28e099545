import { z } from "zod";
import { DeskError } from "../core/errors.ts";
import { apiKeyVariables, defaultModelTimeoutMs, type ModelSettings, parseModelSetting } from "../responder/model.ts";
import type { DatabaseSettings } from "../storage/database.ts";

/** Every setting, read once; the only reader of process.env. */
const environmentSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional()
    .describe("a Postgres server; wins over the embedded database when set"),
  RESPONDER_DATA: z.string().min(1).optional().describe("folder of the embedded database"),
  RESPONDER_ADMIN_TOKEN: z
    .string()
    .min(16, "must be at least 16 characters")
    .optional()
    .describe("accepted as an admin API token"),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  RESPONDER_LOG: z.enum(["on", "off"]).optional(),
  RESPONDER_MODEL: z
    .string()
    .min(1)
    .optional()
    .describe("a language model for drafts, provider:model[@baseUrl]; the offline engine when unset"),
  RESPONDER_MODEL_API_KEY: z.string().min(1).optional(),
  OPENAI_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  RESPONDER_MODEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  RESPONDER_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, "must be an http:// or https:// URL, e.g. https://support.example.com")
    .optional()
    .describe("where customers reach the desk (links in survey messages); the local address when unset"),
  RESPONDER_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587")
    .optional()
    .describe("the SMTP server email replies go out through; email replies stay unsent when unset"),
  RESPONDER_EMAIL_FROM: z
    .string()
    .regex(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'must be an address, e.g. "Support <support@example.com>"')
    .optional()
    .describe("the address email replies come from"),
  RESPONDER_MAILBOXES: z
    .string()
    .regex(/^\s*[^\s@,]+@[^\s@,]+(\s*,\s*[^\s@,]+@[^\s@,]+)*\s*$/, "must be email addresses separated by commas")
    .optional()
    .describe("the addresses the built-in SMTP server takes mail for; any address when unset"),
  RESPONDER_EMAIL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .optional(),
  RESPONDER_ATTACHMENTS: z.string().min(1).optional().describe("folder for attachments"),
  RESPONDER_IMAP_URL: z
    .string()
    .regex(
      /^imaps?:\/\/[^\s:@/]+:[^\s@/]+@[^\s/]+(\/[^\s]*)?$/,
      "must be imap(s)://user:password@host[:port][/mailbox]",
    )
    .optional()
    .describe("a mailbox the desk reads mail from"),
  RESPONDER_IMAP_MOVE_TO: z.string().min(1).optional().describe("folder handled mail is moved to"),
});

export type Settings = {
  database: DatabaseSettings;
  adminToken?: string;
  port: number;
  /** Where customers reach the desk, for links in messages; null: the local address. */
  publicUrl: string | null;
  log: boolean;
  /** null: the offline engine alone. */
  model: ModelSettings | null;
  email: EmailSettings;
};

export type EmailSettings = {
  /** Outbound SMTP; null leaves email replies unsent (their deliveries are not even planned). */
  outbound: { smtpUrl: string; from: string } | null;
  /** Addresses the built-in SMTP server takes mail for; null: any. */
  mailboxes: string[] | null;
  /** Largest inbound mail, in bytes (the SMTP SIZE limit). */
  maxBytes: number;
  /** Where attachment files go: RESPONDER_ATTACHMENTS, else `attachments` in the data folder. */
  attachmentsFolder: string;
  /** A mailbox read over IMAP; null: none. */
  imap: ImapSettings | null;
};

export type ImapSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Where handled mail goes; null flags it \Seen where it is. */
  moveTo: string | null;
};

export type SettingsOverrides = { dataDir?: string; port?: number; purpose: string };

export function loadSettings(overrides: SettingsOverrides, environment: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new DeskError("invalid_input", `Setting ${name}: ${issue?.message ?? "is not valid"}`);
  }
  const env = parsed.data;
  const database: DatabaseSettings = env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "pglite", dataDir: overrides.dataDir ?? env.RESPONDER_DATA ?? "./data", purpose: overrides.purpose };
  return {
    database,
    adminToken: env.RESPONDER_ADMIN_TOKEN,
    port: overrides.port ?? env.PORT ?? 3000,
    publicUrl: env.RESPONDER_PUBLIC_URL ?? null,
    log: env.RESPONDER_LOG !== "off",
    model: env.RESPONDER_MODEL ? modelSettings(env.RESPONDER_MODEL, env) : null,
    email: emailSettings(env, database),
  };
}

function emailSettings(env: z.infer<typeof environmentSchema>, database: DatabaseSettings): EmailSettings {
  if (env.RESPONDER_SMTP_URL && !env.RESPONDER_EMAIL_FROM) {
    throw new DeskError(
      "invalid_input",
      'Setting RESPONDER_EMAIL_FROM: needed with RESPONDER_SMTP_URL, the address replies come from, e.g. "Support <support@example.com>"',
    );
  }
  const folderOfDatabase = database.kind === "pglite" ? `${database.dataDir}/attachments` : null;
  return {
    outbound:
      env.RESPONDER_SMTP_URL && env.RESPONDER_EMAIL_FROM
        ? { smtpUrl: env.RESPONDER_SMTP_URL, from: env.RESPONDER_EMAIL_FROM }
        : null,
    mailboxes: env.RESPONDER_MAILBOXES ? env.RESPONDER_MAILBOXES.split(",").map((box) => box.trim()) : null,
    maxBytes: env.RESPONDER_EMAIL_MAX_BYTES ?? 25 * 1024 * 1024,
    attachmentsFolder: env.RESPONDER_ATTACHMENTS ?? folderOfDatabase ?? "./data/attachments",
    imap: env.RESPONDER_IMAP_URL ? imapSettings(env.RESPONDER_IMAP_URL, env.RESPONDER_IMAP_MOVE_TO) : null,
  };
}

function imapSettings(value: string, moveTo: string | undefined): ImapSettings {
  const url = new URL(value);
  const secure = url.protocol === "imaps:";
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, "")) || "INBOX";
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    mailbox,
    moveTo: moveTo ?? null,
  };
}

function modelSettings(value: string, env: z.infer<typeof environmentSchema>): ModelSettings {
  const settings = parseModelSetting(value);
  const keys: Record<string, unknown> = env;
  const apiKey = apiKeyVariables(settings.provider)
    .map((name) => keys[name])
    .find((key): key is string => typeof key === "string");
  return {
    ...settings,
    ...(apiKey ? { apiKey } : {}),
    timeoutMs: env.RESPONDER_MODEL_TIMEOUT_MS ?? defaultModelTimeoutMs,
  };
}
