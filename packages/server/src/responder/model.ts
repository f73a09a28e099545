import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { DeskError } from "../core/errors.ts";

/**
 * The one file that names AI vendors. Everything else sees a `LanguageModel` and an engine name;
 * a new provider is one entry in `modelProviders` and one case in `createLanguageModel`.
 */

export const modelProviders = ["openai-compatible", "openai", "anthropic"] as const;
export type ModelProvider = (typeof modelProviders)[number];

export type ModelSettings = {
  provider: ModelProvider;
  /** The provider's model id, e.g. "llama3.1:8b", "gpt-4.1-mini", "claude-sonnet-4-5". */
  model: string;
  /** Required for openai-compatible (e.g. "http://127.0.0.1:11434/v1" for Ollama); a proxy for the others. */
  baseUrl?: string;
  apiKey?: string;
  /** How long one draft may wait for the model before the offline text is used. */
  timeoutMs?: number;
};

export const defaultModelTimeoutMs = 20_000;

const settingForm = "expected provider:model[@baseUrl]";
const settingExamples =
  "e.g. openai-compatible:llama3.1@http://127.0.0.1:11434/v1, openai:gpt-4.1-mini or anthropic:claude-sonnet-4-5";

/**
 * Where the configuration should look for the provider's API key, first match wins. The names
 * are listed here, not read here: config is the only reader of the environment.
 */
export function apiKeyVariables(provider: ModelProvider): string[] {
  switch (provider) {
    case "openai-compatible":
      return ["RESPONDER_MODEL_API_KEY"];
    case "openai":
      return ["RESPONDER_MODEL_API_KEY", "OPENAI_API_KEY"];
    case "anthropic":
      return ["RESPONDER_MODEL_API_KEY", "ANTHROPIC_API_KEY"];
  }
}

/**
 * Reads the one-string form used by RESPONDER_MODEL and the CLI:
 * `openai-compatible:llama3.1:8b@http://127.0.0.1:11434/v1`, `openai:gpt-4.1-mini`,
 * `anthropic:claude-sonnet-4-5@https://proxy.example/v1`. The model id may itself contain
 * colons (Ollama tags); the base URL is what follows the first "@" that starts an http(s) URL.
 */
export function parseModelSetting(value: string): ModelSettings {
  const text = value.trim();
  const invalid = (why: string) =>
    new DeskError("invalid_input", `RESPONDER_MODEL "${text}": ${settingForm} (${why}), ${settingExamples}.`);

  const match = /^(?<provider>[a-z-]+):(?<model>.*?)(?:@(?<baseUrl>https?:\/\/\S+))?$/i.exec(text);
  if (!match?.groups) throw invalid("no provider");
  const provider = match.groups.provider?.toLowerCase() ?? "";
  const model = match.groups.model?.trim() ?? "";
  const baseUrl = match.groups.baseUrl;

  if (!isModelProvider(provider)) throw invalid(`unknown provider "${provider}"; use ${modelProviders.join(", ")}`);
  if (!model) throw invalid("no model");
  if (/\s/.test(model)) throw invalid("the model id contains a space");
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) throw invalid(`"${baseUrl}" is not an http(s) URL`);
  if (provider === "openai-compatible" && baseUrl === undefined) throw invalid("openai-compatible needs @baseUrl");

  return baseUrl === undefined ? { provider, model } : { provider, model, baseUrl: baseUrl.replace(/\/+$/, "") };
}

/** How a draft names the model that wrote it, e.g. "openai-compatible:llama3.1" or "openai:gpt-4.1-mini". */
export function engineName(settings: Pick<ModelSettings, "provider" | "model">): string {
  return `${settings.provider}:${settings.model}`;
}

/**
 * The AI SDK model for these settings. Creating it makes no network call; a missing key for a
 * hosted provider is refused here, at start, rather than on the first draft.
 */
export function createLanguageModel(settings: ModelSettings): LanguageModel {
  const name = engineName(settings);
  if (settings.baseUrl !== undefined && !isHttpUrl(settings.baseUrl)) {
    throw new DeskError("invalid_input", `Model ${name}: the base URL "${settings.baseUrl}" is not an http(s) URL.`);
  }
  const needsKey = () =>
    new DeskError(
      "invalid_input",
      `Model ${name} needs an API key: set ${apiKeyVariables(settings.provider).join(" or ")}.`,
    );

  switch (settings.provider) {
    case "openai-compatible": {
      if (!settings.baseUrl) {
        throw new DeskError(
          "invalid_input",
          `Model ${name} needs a base URL, e.g. openai-compatible:${settings.model}@http://127.0.0.1:11434/v1.`,
        );
      }
      // Ollama, vLLM and llama.cpp's server all accept response_format json_schema.
      return createOpenAICompatible({
        name: "openai-compatible",
        baseURL: settings.baseUrl,
        apiKey: settings.apiKey || undefined,
        supportsStructuredOutputs: true,
      }).chatModel(settings.model);
    }
    case "openai": {
      if (!settings.apiKey) throw needsKey();
      return createOpenAI({ apiKey: settings.apiKey, baseURL: settings.baseUrl }).responses(settings.model);
    }
    case "anthropic": {
      if (!settings.apiKey) throw needsKey();
      return createAnthropic({ apiKey: settings.apiKey, baseURL: settings.baseUrl }).messages(settings.model);
    }
  }
}

function isModelProvider(value: string): value is ModelProvider {
  return (modelProviders as readonly string[]).includes(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
