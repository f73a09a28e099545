import { describe, expect, it } from "vitest";
import { createStatementBatcher, type StatementBatcherOptions } from "./statement-batcher.ts";

/** A statement the test finishes by hand: each run waits until `finish` is called for it. */
function controlledStatements() {
  const batches: number[][] = [];
  const finishers: (() => void)[] = [];
  const run = (batch: number[]) => {
    batches.push(batch);
    return new Promise<string[]>((resolve, reject) => {
      finishers.push(() => {
        if (batch.includes(13)) reject(Object.assign(new Error("13 is refused"), { code: "23514" }));
        else resolve(batch.map((input) => `done ${input}`));
      });
    });
  };
  return {
    batches,
    run,
    /** Finishes the oldest unfinished statement. */
    finishNext: async () => {
      const finish = finishers.shift();
      if (!finish) throw new Error("no statement is running");
      finish();
      await settle();
    },
  };
}

/** Lets the batcher start what it scheduled (it waits for the event loop's turn to end). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

function batcher(
  run: (batch: number[]) => Promise<string[]>,
  options: Partial<StatementBatcherOptions<number, string>> = {},
) {
  return createStatementBatcher<number, string>({
    run,
    concurrency: 1,
    slowAfterMs: 60_000,
    maxRunning: 4,
    maxBatch: 3,
    retryAlone: (error) => (error as { code?: string }).code === "23514",
    ...options,
  });
}

describe("a statement batcher", () => {
  it("sends a call on its own when nothing else runs, once the event loop's turn ends", async () => {
    const statements = controlledStatements();
    const calls = batcher(statements.run);

    const answer = calls.submit(1);
    expect(statements.batches).toEqual([]);
    await settle();
    expect(statements.batches).toEqual([[1]]);
    await statements.finishNext();
    await expect(answer).resolves.toBe("done 1");
  });

  it("sends the calls that arrived while a statement ran together in the next, at most maxBatch", async () => {
    const statements = controlledStatements();
    const calls = batcher(statements.run);

    const first = calls.submit(1);
    await settle();
    const answers = [first, ...[2, 3, 4, 5].map((input) => calls.submit(input))];
    expect(statements.batches).toEqual([[1]]);
    await statements.finishNext();
    expect(statements.batches).toEqual([[1], [2, 3, 4]]);
    await statements.finishNext();
    expect(statements.batches).toEqual([[1], [2, 3, 4], [5]]);
    await statements.finishNext();
    await expect(Promise.all(answers)).resolves.toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
  });

  it("sends the calls made in one turn of the event loop together", async () => {
    const statements = controlledStatements();
    const calls = batcher(statements.run);

    const answers = [1, 2, 3].map((input) => calls.submit(input));
    await settle();
    expect(statements.batches).toEqual([[1, 2, 3]]);
    await statements.finishNext();
    await expect(Promise.all(answers)).resolves.toEqual(["done 1", "done 2", "done 3"]);
  });

  it("tries a refused batch again one call at a time, so only the call at fault fails", async () => {
    const statements = controlledStatements();
    const calls = batcher(statements.run);

    const first = calls.submit(1);
    await settle();
    const others = Promise.allSettled([12, 13, 14].map((input) => calls.submit(input)));
    await statements.finishNext();
    await statements.finishNext(); // [12, 13, 14] is refused
    for (let alone = 0; alone < 3; alone++) await statements.finishNext();

    expect(statements.batches).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
    await expect(first).resolves.toBe("done 1");
    const [twelve, thirteen, fourteen] = await others;
    expect(twelve).toEqual({ status: "fulfilled", value: "done 12" });
    expect(thirteen).toMatchObject({ status: "rejected", reason: { message: "13 is refused" } });
    expect(fourteen).toEqual({ status: "fulfilled", value: "done 14" });
  });

  it("fails every call of a batch with an error that is not retried alone", async () => {
    const calls = batcher(() => Promise.reject(new Error("connection lost")), {
      retryAlone: () => false,
    });
    const answers = [1, 2, 3].map((input) => calls.submit(input).catch((error: Error) => error.message));
    await expect(Promise.all(answers)).resolves.toEqual(["connection lost", "connection lost", "connection lost"]);
  });

  it("fails the batch when the statement answers for fewer calls than it was given", async () => {
    const calls = batcher(async (batch) => batch.slice(1).map(String));
    const first = calls.submit(1).catch((error: Error) => error.message);
    await expect(first).resolves.toMatch(/for 1 inputs answered 0 results/);
  });

  it("starts the next statement when the running one is slow, up to maxRunning", async () => {
    const statements = controlledStatements();
    const calls = batcher(statements.run, { slowAfterMs: 20, maxRunning: 2, maxBatch: 1 });

    const answers = [1, 2, 3].map((input) => calls.submit(input));
    await settle();
    expect(statements.batches).toEqual([[1]]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // 1 and then 2 became slow; 3 waits for maxRunning.
    expect(statements.batches).toEqual([[1], [2]]);
    await statements.finishNext();
    expect(statements.batches).toEqual([[1], [2], [3]]);
    await statements.finishNext();
    await statements.finishNext();
    await expect(Promise.all(answers)).resolves.toEqual(["done 1", "done 2", "done 3"]);
  });
});
