import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DeskError } from "../../core/errors.ts";
import type { ChannelAccount, ChannelAccountStore, Clock } from "../../core/ports.ts";
import { channels } from "../../core/snapshot/snapshot-schema.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse };

const text = (max = 500) => z.string().trim().min(1, "must not be empty").max(max);
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const flag = z.enum(["true", "false"]);

/** What each provider needs: which channel its tickets are on, its settings and its secrets. */
const providers = {
  whatsapp: {
    channel: "social",
    settings: z.object({
      phoneNumberId: text(100).describe("the WhatsApp Business phone number id"),
      templateName: text(200).optional().describe("a template sent when the 24-hour window is closed"),
      templateLanguage: text(20).optional(),
      apiBaseUrl: httpUrl.optional(),
    }),
    secrets: z.object({ accessToken: text(2000), appSecret: text(500), verifyToken: text(500) }),
  },
  messenger: {
    channel: "social",
    settings: z.object({
      pageId: text(100),
      humanAgentTag: flag.optional().describe("reply up to 7 days after the customer wrote (HUMAN_AGENT tag)"),
      apiBaseUrl: httpUrl.optional(),
    }),
    secrets: z.object({ accessToken: text(2000), appSecret: text(500), verifyToken: text(500) }),
  },
  instagram: {
    channel: "social",
    settings: z.object({
      instagramAccountId: text(100),
      humanAgentTag: flag.optional(),
      apiBaseUrl: httpUrl.optional(),
    }),
    secrets: z.object({ accessToken: text(2000), appSecret: text(500), verifyToken: text(500) }),
  },
  telegram: {
    channel: "social",
    settings: z.object({ apiBaseUrl: httpUrl.optional() }),
    secrets: z.object({
      botToken: text(200),
      secretToken: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, "must be 1-256 characters A-Z, a-z, 0-9, _ or - (Telegram's rule)"),
    }),
  },
  twilio: {
    channel: "phone",
    settings: z.object({
      accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be the account SID, AC followed by 32 hex digits"),
      phoneNumber: z
        .string()
        .regex(/^\+\d{6,15}$/, "must be in E.164 form, e.g. +14155551212")
        .optional(),
      messagingServiceSid: text(100).optional(),
      maxSegments: z
        .string()
        .regex(/^([1-9]|10)$/, "must be 1 to 10")
        .optional(),
      forwardTo: text(100).optional().describe("a number calls ring first; voicemail when nobody answers"),
      greeting: text(500).optional(),
      webhookBaseUrl: httpUrl.optional().describe("the public base URL Twilio calls, when the desk is behind a proxy"),
      apiBaseUrl: httpUrl.optional(),
    }),
    secrets: z.object({ authToken: text(200) }),
  },
  api: {
    channel: "api",
    settings: z.object({ url: httpUrl.optional().describe("where replies are POSTed, signed") }),
    secrets: z.object({
      signingSecret: z.string().min(16, "must be at least 16 characters").max(500).optional(),
      inboundToken: z.string().min(16, "must be at least 16 characters").max(500).optional(),
    }),
  },
} as const;

type ProviderName = keyof typeof providers;
const providerNames = Object.keys(providers) as ProviderName[];

export const channelAccountResponse = z
  .object({
    id: z.string(),
    channel: z.enum(channels),
    provider: z.string(),
    name: z.string(),
    settings: z.record(z.string(), z.string()),
    secretNames: z.array(z.string()).describe("the secrets it holds; their values are never returned"),
    enabled: z.boolean(),
    webhookUrl: z.string().describe("the path to give the provider (append it to the desk's public URL)"),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "ChannelAccount" });

const createBody = z
  .object({
    provider: z.enum(providerNames),
    name: text(200),
    settings: z.record(z.string(), z.string()).default({}),
    secrets: z.record(z.string(), z.string()).default({}),
    enabled: z.boolean().default(true),
  })
  .strict();

const updateBody = z
  .object({
    name: text(200).optional(),
    settings: z.record(z.string(), z.string()).optional().describe("merged key by key; an empty string removes a key"),
    secrets: z.record(z.string(), z.string()).optional().describe("replaced key by key; never shown again"),
    enabled: z.boolean().optional(),
  })
  .strict();

const idParams = z.object({ id: z.string().min(1).max(100) });

export function presentChannelAccount(account: ChannelAccount) {
  return {
    id: account.id,
    channel: account.channel,
    provider: account.provider,
    name: account.name,
    settings: account.settings,
    secretNames: account.secretNames,
    enabled: account.enabled,
    webhookUrl: `/api/v1/channels/${account.id}/${account.provider === "api" ? "messages" : "webhook"}`,
    createdAt: account.createdAt.toISOString(),
    updatedAt: account.updatedAt.toISOString(),
  };
}

/** Checks settings or secrets against the provider's needs; `partial` for a change, where only given keys count. */
function checked(
  provider: ProviderName,
  part: "settings" | "secrets",
  values: Record<string, string>,
  partial: boolean,
) {
  const base = providers[provider][part] as z.ZodObject;
  const schema = (partial ? base.partial() : base).strict();
  // On a change, an empty string removes a key: only its name is checked.
  const given = partial ? Object.fromEntries(Object.entries(values).filter(([, value]) => value !== "")) : values;
  const result = schema.safeParse(given);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${part}.${issue.path.join(".")}` : part;
    const message =
      issue?.code === "unrecognized_keys"
        ? `${part} has keys a ${provider} account does not take: ${issue.keys.join(", ")}; it takes ${Object.keys(base.shape).join(", ")}`
        : `${where}: ${issue?.message}`;
    throw new DeskError("invalid_input", message);
  }
  if (partial) {
    const unknown = Object.keys(values).filter((key) => !(key in base.shape));
    if (unknown.length > 0)
      throw new DeskError(
        "invalid_input",
        `${part} has keys a ${provider} account does not take: ${unknown.join(", ")}`,
      );
    const shape = base.shape as Record<string, z.ZodType>;
    const required = Object.keys(values).filter(
      (key) => values[key] === "" && !shape[key]?.safeParse(undefined).success,
    );
    if (required.length > 0) {
      throw new DeskError(
        "invalid_input",
        `${part}.${required[0]} is required for a ${provider} account; give a new value instead of removing it`,
      );
    }
  }
  return values;
}

export function registerChannelAccountRoutes(
  api: HttpApp,
  deps: { channelAccounts: ChannelAccountStore; clock: Clock },
) {
  const notFound = (id: string) => new DeskError("not_found", `There is no channel account ${id}.`);

  api.get(
    "/channels",
    {
      config: { access: "admin" },
      schema: {
        tags: ["channels"],
        summary: "The providers this workspace connected (secrets are never shown)",
        response: { 200: z.object({ channels: z.array(channelAccountResponse) }), ...errors },
      },
    },
    async (request) => ({
      channels: (await deps.channelAccounts.list(principalOf(request).workspaceId)).map(presentChannelAccount),
    }),
  );

  api.get(
    "/channels/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["channels"],
        summary: "One channel account",
        params: idParams,
        response: { 200: channelAccountResponse, ...errors },
      },
    },
    async (request) => {
      const account = await deps.channelAccounts.get(principalOf(request).workspaceId, request.params.id);
      if (!account) throw notFound(request.params.id);
      return presentChannelAccount(account);
    },
  );

  api.post(
    "/channels",
    {
      config: { access: "admin" },
      schema: {
        tags: ["channels"],
        summary:
          "Connect a provider (whatsapp, messenger, instagram, telegram, twilio, api) with its settings and secrets; give the provider the webhookUrl",
        body: createBody,
        response: {
          201: channelAccountResponse.extend({
            generatedSecrets: z
              .record(z.string(), z.string())
              .optional()
              .describe("secrets the desk made up for you (an API account's signingSecret); shown this once"),
          }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { provider, name, enabled } = request.body;
      const settings = checked(provider, "settings", request.body.settings, false);
      const secrets = checked(provider, "secrets", request.body.secrets, false);
      const generatedSecrets: Record<string, string> = {};
      if (provider === "api" && !secrets.signingSecret)
        generatedSecrets.signingSecret = randomBytes(24).toString("base64url");
      const account = await deps.channelAccounts.create(
        principalOf(request).workspaceId,
        {
          channel: providers[provider].channel,
          provider,
          name,
          settings,
          secrets: { ...secrets, ...generatedSecrets },
          enabled,
        },
        deps.clock.now(),
      );
      const body = presentChannelAccount(account);
      return reply
        .status(201)
        .header("location", `/api/v1/channels/${account.id}`)
        .send(Object.keys(generatedSecrets).length > 0 ? { ...body, generatedSecrets } : body);
    },
  );

  api.patch(
    "/channels/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["channels"],
        summary: "Rename, enable or disable a channel account, or change its settings or secrets",
        params: idParams,
        body: updateBody,
        response: { 200: channelAccountResponse, ...errors },
      },
    },
    async (request) => {
      const workspaceId = principalOf(request).workspaceId;
      const current = await deps.channelAccounts.get(workspaceId, request.params.id);
      if (!current) throw notFound(request.params.id);
      const provider = current.provider as ProviderName;
      const { settings, secrets, ...rest } = request.body;
      const updated = await deps.channelAccounts.update(
        workspaceId,
        current.id,
        {
          ...rest,
          ...(settings ? { settings: checked(provider, "settings", settings, true) } : {}),
          ...(secrets ? { secrets: checked(provider, "secrets", secrets, true) } : {}),
        },
        deps.clock.now(),
      );
      if (!updated) throw notFound(request.params.id);
      return presentChannelAccount(updated);
    },
  );

  api.delete(
    "/channels/:id",
    {
      config: { access: "admin" },
      schema: {
        tags: ["channels"],
        summary: "Disconnect a provider; its tickets stay, replies on them can no longer go out",
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const deleted = await deps.channelAccounts.delete(principalOf(request).workspaceId, request.params.id);
      if (!deleted) throw notFound(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
