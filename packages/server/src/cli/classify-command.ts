import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { DeskError } from "../core/errors.ts";
import { trainTopicClassifier } from "../responder/classify/index.ts";

type CsvRow = { line: number; fields: Record<string, string> };

/** Reads a CSV file with a header row; each row's fields are named by the (lower-cased) header. */
async function readCsvFile(file: string, requiredColumns: string[]): Promise<CsvRow[]> {
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new DeskError("invalid_input", `Cannot read ${file}: ${reason}.`);
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(content, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    throw new DeskError("invalid_input", `${file} is not valid CSV: ${(error as Error).message}.`);
  }
  const [header, ...rows] = records;
  const columns = header?.record.map((name) => name.trim().toLowerCase()) ?? [];
  for (const column of requiredColumns) {
    if (!columns.includes(column)) {
      const found = columns.length > 0 ? `its header row has ${columns.join(", ")}` : "the file is empty";
      throw new DeskError("invalid_input", `${file} needs a "${column}" column; ${found}.`);
    }
  }
  return rows.map(({ record, info }) => ({
    line: info.lines,
    fields: Object.fromEntries(columns.map((column, position) => [column, record[position] ?? ""])),
  }));
}

/**
 * `responder classify`: learns topics from the labelled rows of `train` (columns text and category) and
 * prints a prediction for each row of `input`, in order; JSON lines with `json`.
 */
export async function runClassifyCommand(
  options: { train: string; input: string; json?: boolean },
  out: NodeJS.WritableStream,
): Promise<void> {
  const trainingRows = await readCsvFile(options.train, ["text", "category"]);
  const inputRows = await readCsvFile(options.input, ["text"]);
  if (trainingRows.length === 0) {
    throw new DeskError("invalid_input", `${options.train} has no data rows to learn topics from.`);
  }
  const examples = trainingRows.map(({ line, fields }) => {
    const label = (fields.category ?? "").trim();
    if (label === "") throw new DeskError("invalid_input", `${options.train} line ${line}: the category is empty.`);
    return { text: fields.text ?? "", label };
  });
  const classifier = trainTopicClassifier(examples);
  for (const { fields } of inputRows) {
    const text = fields.text ?? "";
    const { label, confidence } = classifier.classify(text);
    const rounded = Math.round(confidence * 1000) / 1000;
    const line = options.json
      ? JSON.stringify({ text, label, confidence: rounded })
      : `${label ?? "(no known topic)"} (${rounded.toFixed(2)})  ${text}`;
    out.write(`${line}\n`);
  }
}
