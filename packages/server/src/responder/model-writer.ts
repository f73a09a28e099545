import { writeWithModel } from "./drafting/model-writer.ts";
import { createLanguageModel, defaultModelTimeoutMs, engineName, type ModelSettings } from "./model.ts";
import type { ModelWriter } from "./responder.ts";

/** The configured language model as the responder's writer; the offline engine stays the fallback. */
export function createModelWriter(settings: ModelSettings): ModelWriter {
  const model = createLanguageModel(settings);
  const engine = engineName(settings);
  const timeoutMs = settings.timeoutMs ?? defaultModelTimeoutMs;
  return { engine, write: (context, plan) => writeWithModel({ model, engine, context, plan, timeoutMs }) };
}
