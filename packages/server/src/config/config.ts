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
});

export type Settings = {
  database: DatabaseSettings;
  adminToken?: string;
  port: number;
  log: boolean;
  /** null: the offline engine alone. */
  model: ModelSettings | null;
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
    log: env.RESPONDER_LOG !== "off",
    model: env.RESPONDER_MODEL ? modelSettings(env.RESPONDER_MODEL, env) : null,
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
