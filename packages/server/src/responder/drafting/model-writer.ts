import { generateText, type LanguageModel, type LanguageModelUsage, NoObjectGeneratedError, Output } from "ai";
import { z } from "zod";
import type { ResponderContext } from "../context/responder-context.ts";
import { type Citation, citationKinds, type Draft } from "../draft.ts";
import { renderContextPrompt, renderSystemPrompt } from "./model-prompt.ts";

/**
 * A language model rewrites the offline draft's reply and internal note from the same context.
 * It never throws: any error, timeout, abort or malformed answer is a failure the caller answers
 * with the offline text. What it returns still has to pass the caller's review.
 */

export const modelRewriteSchema = z.object({
  reply: z.string().describe("The reply to the customer, in the plan's language, without ids or citation marks."),
  internalNote: z.string().describe("The internal note for the team."),
  citations: z
    .array(z.object({ kind: z.enum(citationKinds), id: z.string() }))
    .describe("The source of every fact used, as shown [kind:id] in the context."),
});
export type ModelRewrite = z.infer<typeof modelRewriteSchema>;

export type ModelFailureKind = "timeout" | "aborted" | "malformed" | "error";

export type ModelWriting =
  | { ok: true; reply: string; internalNote: string; citations: Citation[]; promptTokens: number | null }
  | { ok: false; reason: string; failure: ModelFailureKind; promptTokens: number | null };

export type ModelWriterInput = {
  model: LanguageModel;
  /** The engine name (`engineName(settings)`), used in failure reasons. */
  engine: string;
  context: ResponderContext;
  plan: Draft;
  timeoutMs: number;
  signal?: AbortSignal;
};

// Fallback is the retry: a second attempt would spend the draft's time budget on a backoff.
const maxRetries = 0;
// Room for an email and a note in JSON; a model that needs more is rambling.
const maxOutputTokens = 2048;
const reasonChars = 300;

class ModelTimeout extends Error {}

export async function writeWithModel(input: ModelWriterInput): Promise<ModelWriting> {
  const controller = new AbortController();
  const timeoutMs = Math.max(1, Math.floor(input.timeoutMs));
  const timer = setTimeout(() => controller.abort(new ModelTimeout()), timeoutMs);
  const forwardAbort = () => controller.abort(input.signal?.reason);
  if (input.signal?.aborted) forwardAbort();
  else input.signal?.addEventListener("abort", forwardAbort, { once: true });

  try {
    if (controller.signal.aborted) throw controller.signal.reason;
    const call = generateText({
      model: input.model,
      system: renderSystemPrompt(),
      prompt: renderContextPrompt(input.context, input.plan),
      output: Output.object({
        schema: modelRewriteSchema,
        name: "draft_rewrite",
        description: "The rewritten customer reply and internal note, with their sources.",
      }),
      temperature: 0.2,
      maxOutputTokens,
      maxRetries,
      abortSignal: controller.signal,
    });
    // A provider that ignores the abort signal must not hold the draft past its time.
    const result = await untilAborted(call, controller.signal);
    return accept(result.output, promptTokensOf(result.usage));
  } catch (error) {
    const reason = controller.signal.aborted ? controller.signal.reason : error;
    if (reason instanceof ModelTimeout) {
      return fail("timeout", `${input.engine} gave no answer within ${timeoutMs} ms`, null);
    }
    if (controller.signal.aborted) return fail("aborted", `${input.engine}: the draft was cancelled`, null);
    if (NoObjectGeneratedError.isInstance(error)) {
      const promptTokens = error.usage ? promptTokensOf(error.usage) : null;
      const salvaged = salvage(error.text);
      if (salvaged) return accept(salvaged, promptTokens);
      return fail("malformed", `${input.engine} answered without the expected JSON: ${messageOf(error)}`, promptTokens);
    }
    return fail("error", `${input.engine} failed: ${messageOf(error)}`, null);
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener("abort", forwardAbort);
  }
}

function accept(output: ModelRewrite, promptTokens: number | null): ModelWriting {
  const reply = output.reply.trim();
  const internalNote = output.internalNote.trim();
  if (!reply) return fail("malformed", "the model wrote an empty reply", promptTokens);
  if (!internalNote) return fail("malformed", "the model wrote an empty internal note", promptTokens);
  const seen = new Set<string>();
  const citations = output.citations.flatMap((citation) => {
    const id = citation.id.trim();
    const key = `${citation.kind}:${id}`;
    if (!id || seen.has(key)) return [];
    seen.add(key);
    return [{ kind: citation.kind, id }];
  });
  return { ok: true, reply, internalNote, citations, promptTokens };
}

function fail(failure: ModelFailureKind, reason: string, promptTokens: number | null): ModelWriting {
  return { ok: false, failure, reason: clip(reason), promptTokens };
}

/**
 * Models without structured output often wrap the object in a Markdown fence or a sentence;
 * the object inside still counts if it has the expected shape.
 */
function salvage(text: string | undefined): ModelRewrite | null {
  if (!text) return null;
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  try {
    const parsed = modelRewriteSchema.safeParse(JSON.parse(text.slice(start, end + 1)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function promptTokensOf(usage: LanguageModelUsage): number | null {
  const tokens = usage.inputTokens;
  return typeof tokens === "number" && Number.isFinite(tokens) ? tokens : null;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  // The losing side of the race must not surface later as an unhandled rejection.
  promise.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const status = "statusCode" in error && typeof error.statusCode === "number" ? ` (HTTP ${error.statusCode})` : "";
    return `${error.message}${status}`;
  }
  return String(error);
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= reasonChars ? line : `${line.slice(0, reasonChars - 1)}…`;
}
