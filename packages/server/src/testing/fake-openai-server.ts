import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for an OpenAI-compatible server (Ollama, vLLM, llama.cpp, OpenAI's chat
 * completions) that speaks the wire format on 127.0.0.1 and a random port, so the real
 * provider code runs in tests. A test scripts each answer and reads back what was asked.
 */

/** The chat-completions request body as sent; only the fields the fake looks at are typed. */
export type ChatCompletionRequest = {
  model?: string;
  messages?: { role: string; content: unknown }[];
  stream?: boolean;
  response_format?: { type: string; json_schema?: { name?: string; schema?: JsonSchema; strict?: boolean } };
  [field: string]: unknown;
};

export type FakeRequest = {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body, or null for a request without one. */
  body: ChatCompletionRequest | null;
};

/** What the fake answers to one chat completion. */
export type FakeAnswer =
  /** The assistant message's content; usage defaults to an estimate from the request and the content. */
  | { content: string; promptTokens?: number; completionTokens?: number; finishReason?: string; delayMs?: number }
  /** An OpenAI-style error body with this HTTP status. */
  | { status: number; message?: string; delayMs?: number };

export type FakeAnswerer = (body: ChatCompletionRequest) => FakeAnswer | string | Promise<FakeAnswer | string>;

export type FakeOpenAIServer = {
  /** The base URL to give a provider, e.g. "http://127.0.0.1:43121/v1"; set once started. */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: FakeRequest[];
  /** The chat-completion requests' bodies, oldest first. */
  chatRequests(): ChatCompletionRequest[];
  /** Replaces how chat completions are answered (a string is the content). */
  respond(answerer: FakeAnswerer): void;
  start(): Promise<void>;
  close(): Promise<void>;
};

export type FakeOpenAIServerOptions = {
  /** Listed by GET /v1/models. */
  models?: string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  answer?: FakeAnswerer;
};

export function createFakeOpenAIServer(options: FakeOpenAIServerOptions = {}): FakeOpenAIServer {
  const models = options.models ?? ["fake-model"];
  const requests: FakeRequest[] = [];
  let answerer: FakeAnswerer = options.answer ?? defaultAnswer;
  let server: Server | null = null;
  let url = "";

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    const raw = await readBody(request);
    let body: ChatCompletionRequest | null = null;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw) as ChatCompletionRequest;
      } catch {
        requests.push({ method: request.method ?? "", path, headers: request.headers, body: null });
        return sendError(response, 400, "The request body is not valid JSON.", "invalid_request_error");
      }
    }
    requests.push({ method: request.method ?? "", path, headers: request.headers, body });

    if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(response, 401, "Incorrect API key provided.", "invalid_request_error");
    }
    if (request.method === "GET" && path === "/v1/models") {
      return sendJson(response, 200, {
        object: "list",
        data: models.map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "fake" })),
      });
    }
    if (request.method === "POST" && path === "/v1/chat/completions") {
      if (!body || !Array.isArray(body.messages)) {
        return sendError(response, 400, "'messages' is a required property.", "invalid_request_error");
      }
      return answerChat(body, request, response);
    }
    return sendError(response, 404, `Unknown route ${request.method} ${path}.`, "invalid_request_error");
  }

  async function answerChat(body: ChatCompletionRequest, request: IncomingMessage, response: ServerResponse) {
    const scripted = await answerer(body);
    const answer: FakeAnswer = typeof scripted === "string" ? { content: scripted } : scripted;
    if (answer.delayMs) {
      const arrived = await waitUnlessGone(answer.delayMs, request, response);
      if (!arrived) return;
    }
    if ("status" in answer) {
      return sendError(response, answer.status, answer.message ?? "The fake server was told to fail.", "server_error");
    }
    const promptTokens = answer.promptTokens ?? estimateTokens(JSON.stringify(body.messages));
    const completionTokens = answer.completionTokens ?? estimateTokens(answer.content);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const model = body.model ?? models[0] ?? "fake-model";
    const finishReason = answer.finishReason ?? "stop";

    if (body.stream) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
        `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
      response.write(chunk({ role: "assistant", content: "" }, null));
      for (const piece of answer.content.match(/[\s\S]{1,40}/g) ?? []) response.write(chunk({ content: piece }, null));
      response.write(chunk({}, finishReason, { usage }));
      response.end("data: [DONE]\n\n");
      return;
    }
    sendJson(response, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: answer.content }, finish_reason: finishReason }],
      usage,
    });
  }

  return {
    get url() {
      return url;
    },
    requests,
    chatRequests: () =>
      requests.flatMap((request) => (request.path === "/v1/chat/completions" && request.body ? [request.body] : [])),
    respond(next) {
      answerer = next;
    },
    async start() {
      if (server) return;
      const started = createServer((request, response) => {
        handle(request, response).catch((error: unknown) => {
          if (!response.headersSent)
            sendError(response, 500, `The fake server failed: ${String(error)}`, "server_error");
          else response.destroy();
        });
      });
      await new Promise<void>((resolve, reject) => {
        started.once("error", reject);
        started.listen(0, "127.0.0.1", () => resolve());
      });
      server = started;
      url = `http://127.0.0.1:${(started.address() as AddressInfo).port}/v1`;
    },
    async close() {
      const stopping = server;
      server = null;
      if (!stopping) return;
      // Delayed answers would otherwise hold close() until they finish.
      stopping.closeAllConnections();
      await new Promise<void>((resolve) => stopping.close(() => resolve()));
    },
  };
}

/** Content for a request: a JSON object matching `response_format.json_schema` when one is asked for. */
export function defaultAnswer(body: ChatCompletionRequest): FakeAnswer {
  const format = body.response_format;
  if (format?.type === "json_schema") return { content: JSON.stringify(exampleOf(format.json_schema?.schema ?? {})) };
  if (format?.type === "json_object") return { content: "{}" };
  return { content: "This is the fake server's answer." };
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
};

/** The smallest value a JSON schema accepts, as far as a fake needs: every property present. */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.[0]) return exampleOf(schema.anyOf[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, exampleOf(value)]));
    case "array":
      return [];
    case "string":
      return "fake";
    case "number":
    case "integer":
      return 0;
    case "boolean":
      return false;
    default:
      return null;
  }
}

/** About four characters per token: a fake's usage figure, not a tokenizer. */
function estimateTokens(text: string | undefined): number {
  return Math.ceil((text?.length ?? 0) / 4);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** Waits, unless the client hangs up first (a timeout on its side); true when still connected. */
function waitUnlessGone(milliseconds: number, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      response.off("close", gone);
      resolve(!response.destroyed);
    }, milliseconds);
    const gone = () => {
      clearTimeout(timer);
      resolve(false);
    };
    response.once("close", gone);
    request.resume();
  });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function sendError(response: ServerResponse, status: number, message: string, type: string): void {
  sendJson(response, status, { error: { message, type, param: null, code: null } });
}
