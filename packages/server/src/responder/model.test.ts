import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isDeskError } from "../core/errors.ts";
import { createFakeOpenAIServer, defaultAnswer } from "../testing/fake-openai-server.ts";
import { modelTestContext, modelTestPlan, modelTestRewrite } from "./drafting/model-fixtures.ts";
import { renderSystemPrompt } from "./drafting/model-prompt.ts";
import { writeWithModel } from "./drafting/model-writer.ts";
import { createLanguageModel, engineName, parseModelSetting } from "./model.ts";

describe("parseModelSetting", () => {
  it.each([
    [
      "openai-compatible:llama3.1@http://127.0.0.1:11434/v1",
      { provider: "openai-compatible", model: "llama3.1", baseUrl: "http://127.0.0.1:11434/v1" },
    ],
    [
      "openai-compatible:qwen2.5:14b-instruct@http://gpu-box:8000/v1/",
      { provider: "openai-compatible", model: "qwen2.5:14b-instruct", baseUrl: "http://gpu-box:8000/v1" },
    ],
    ["openai:gpt-4.1-mini", { provider: "openai", model: "gpt-4.1-mini" }],
    [" anthropic:claude-sonnet-4-5 ", { provider: "anthropic", model: "claude-sonnet-4-5" }],
    [
      "openai:gpt-4.1-mini@https://proxy.example.com/openai/v1",
      { provider: "openai", model: "gpt-4.1-mini", baseUrl: "https://proxy.example.com/openai/v1" },
    ],
  ])("reads %s", (value, expected) => {
    expect(parseModelSetting(value)).toEqual(expected);
  });

  it.each([
    ["", "no provider"],
    ["llama3.1", "no provider"],
    ["ollama:llama3.1", 'unknown provider "ollama"'],
    ["openai:", "no model"],
    ["openai-compatible:llama3.1", "needs @baseUrl"],
    ["openai-compatible:llama3.1@ftp://host/v1", "needs @baseUrl"],
    ["openai:gpt 4", "contains a space"],
  ])("refuses %j", (value, why) => {
    let caught: unknown;
    try {
      parseModelSetting(value);
    } catch (error) {
      caught = error;
    }
    expect(isDeskError(caught) && caught.code).toBe("invalid_input");
    expect((caught as Error).message).toMatch(/^RESPONDER_MODEL ".*": expected provider:model\[@baseUrl\]/);
    expect((caught as Error).message).toContain(why);
  });
});

describe("createLanguageModel", () => {
  it("names the engine by provider and model", () => {
    expect(engineName(parseModelSetting("openai:gpt-4.1-mini"))).toBe("openai:gpt-4.1-mini");
    expect(engineName({ provider: "openai-compatible", model: "llama3.1" })).toBe("openai-compatible:llama3.1");
  });

  it("builds each provider's model without calling it", () => {
    expect(createLanguageModel({ provider: "openai", model: "gpt-4.1-mini", apiKey: "k" })).toMatchObject({
      modelId: "gpt-4.1-mini",
    });
    expect(createLanguageModel({ provider: "anthropic", model: "claude-sonnet-4-5", apiKey: "k" })).toMatchObject({
      modelId: "claude-sonnet-4-5",
    });
  });

  it("refuses a hosted provider without an API key, naming the variables to set", () => {
    expect(() => createLanguageModel({ provider: "anthropic", model: "claude-sonnet-4-5" })).toThrow(
      /RESPONDER_MODEL_API_KEY or ANTHROPIC_API_KEY/,
    );
    expect(() => createLanguageModel({ provider: "openai-compatible", model: "llama3.1" })).toThrow(/base URL/);
  });
});

describe("a model behind an OpenAI-compatible server", () => {
  const fake = createFakeOpenAIServer({ models: ["llama3.1"], apiKey: "local-key" });
  const write = (timeoutMs = 5000) =>
    writeWithModel({
      model: createLanguageModel({
        provider: "openai-compatible",
        model: "llama3.1",
        baseUrl: fake.url,
        apiKey: "local-key",
      }),
      engine: "openai-compatible:llama3.1",
      context: modelTestContext,
      plan: modelTestPlan,
      timeoutMs,
    });

  beforeAll(() => fake.start());
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it("sends the system prompt and the context, and parses the structured answer", async () => {
    fake.respond(() => ({ content: JSON.stringify(modelTestRewrite), promptTokens: 2048 }));

    const result = await write();

    expect(result).toEqual({
      ok: true,
      reply: modelTestRewrite.reply,
      internalNote: modelTestRewrite.internalNote,
      citations: modelTestRewrite.citations,
      promptTokens: 2048,
    });
    const [request] = fake.chatRequests();
    expect(request?.model).toBe("llama3.1");
    expect(request?.messages?.[0]).toEqual({ role: "system", content: renderSystemPrompt() });
    const user = String(request?.messages?.[1]?.content);
    expect(user).toContain("[known_issue:KI-12]");
    expect(user).toContain("order PX-88412");
    expect(request?.response_format?.type).toBe("json_schema");
    expect(Object.keys(request?.response_format?.json_schema?.schema?.properties ?? {})).toEqual([
      "reply",
      "internalNote",
      "citations",
    ]);
  });

  it("falls back on a server error", async () => {
    fake.respond(() => ({ status: 500, message: "model crashed" }));

    const result = await write();

    expect(result).toMatchObject({ ok: false, failure: "error", promptTokens: null });
    expect(result.ok === false && result.reason).toContain("model crashed");
    expect(fake.chatRequests()).toHaveLength(1);
  });

  it("falls back when the server takes longer than the timeout", async () => {
    fake.respond(() => ({ content: JSON.stringify(modelTestRewrite), delayMs: 5000 }));

    const result = await write(100);

    expect(result).toMatchObject({ ok: false, failure: "timeout" });
  });

  it("falls back on an answer that is not JSON", async () => {
    fake.respond(() => "I'm sorry, I can't help with that.");

    const result = await write();

    expect(result).toMatchObject({ ok: false, failure: "malformed" });
  });

  it("answers the schema it is asked for by default, and lists its models", async () => {
    fake.respond(defaultAnswer);

    const result = await write();

    expect(result).toMatchObject({ ok: true, reply: "fake", internalNote: "fake", citations: [] });
    const models = await fetch(`${fake.url}/models`, { headers: { authorization: "Bearer local-key" } });
    expect(await models.json()).toMatchObject({ object: "list", data: [{ id: "llama3.1", object: "model" }] });
    const refused = await fetch(`${fake.url}/models`);
    expect(refused.status).toBe(401);
  });
});
