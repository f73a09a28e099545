import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeskError } from "../core/errors.ts";
import { runClassifyCommand } from "./classify-command.ts";

const training = `text,category
Where is my package?,shipping
My parcel has not arrived yet,shipping
When will my order be delivered?,shipping
The tracking number shows no updates,shipping
I want my money back for this order,refund
Please refund my last purchase,refund
"How do I get a refund, please?",refund
Can you return the money you charged me,refund
I forgot my password,password
How do I reset my password?,password
The password reset email never came,password
`;

const input = `id,text
1,could I have a refund
2,"my package still hasn't come, where is it?"
3,The quick brown fox jumps over the lazy dog
`;

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

async function expectInvalidInput(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(isDeskError(error) && error.code).toBe("invalid_input");
  expect((error as Error).message).toMatch(message);
}

describe("responder classify", () => {
  let folder = "";
  const file = (name: string) => join(folder, name);

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "classify-command-"));
    await writeFile(file("train.csv"), training);
    await writeFile(file("input.csv"), input);
    await writeFile(file("no-category.csv"), "text,topic\nWhere is my package?,shipping\n");
    await writeFile(file("no-text.csv"), "id,body\n1,Where is my package?\n");
    await writeFile(file("header-only.csv"), "text,category\n");
    await writeFile(file("broken.csv"), 'text,category\n"Where is my package?,shipping\n');
    await writeFile(file("ragged.csv"), "text,category\nWhere is my package?,shipping,extra\n");
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("prints one JSON line per input row, in order, with null when no known topic fits", async () => {
    const out = collector();
    await runClassifyCommand({ train: file("train.csv"), input: file("input.csv"), json: true }, out.stream);
    const lines = out
      .text()
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.text, line.label])).toEqual([
      ["could I have a refund", "refund"],
      ["my package still hasn't come, where is it?", "shipping"],
      ["The quick brown fox jumps over the lazy dog", null],
    ]);
    for (const line of lines) expect(Object.keys(line)).toEqual(["text", "label", "confidence"]);
  });

  it("prints a readable line per row without --json", async () => {
    const out = collector();
    await runClassifyCommand({ train: file("train.csv"), input: file("input.csv") }, out.stream);
    const lines = out.text().trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^refund \(\d\.\d\d\) {2}could I have a refund$/);
  });

  it("names the file and the problem when the input is unusable", async () => {
    const run = (train: string, inputFile = file("input.csv")) =>
      runClassifyCommand({ train: file(train), input: inputFile }, collector().stream);
    await expectInvalidInput(run("missing.csv"), /missing\.csv: no such file/);
    await expectInvalidInput(run("no-category.csv"), /no-category\.csv needs a "category" column/);
    await expectInvalidInput(run("header-only.csv"), /header-only\.csv has no data rows/);
    await expectInvalidInput(run("broken.csv"), /broken\.csv is not valid CSV/);
    await expectInvalidInput(run("ragged.csv"), /ragged\.csv is not valid CSV: .*line 2/);
    await expectInvalidInput(run("train.csv", file("train.csv").replace("train", "nope")), /nope\.csv/);
    await expectInvalidInput(
      run("train.csv", file("no-text.csv")),
      /no-text\.csv needs a "text" column; its header row has id, body/,
    );
  });
});
