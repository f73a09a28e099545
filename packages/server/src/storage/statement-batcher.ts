/**
 * Lets many callers share one statement. While `concurrency` statements are running, new calls wait
 * and leave together in the next one (up to `maxBatch`). A call on a quiet desk leaves alone, as soon
 * as the event loop's turn ends; under load, calls that would have queued for a connection share a
 * statement instead, so the database pays the per-statement work once for all of them. That work is
 * the round trip, starting the executor, the triggers' setup and the commit.
 */
export type StatementBatcher<Input, Output> = {
  submit(input: Input): Promise<Output>;
};

export type StatementBatcherOptions<Input, Output> = {
  /** One statement for the batch, as one transaction: its outputs in the order of the inputs. */
  run(batch: Input[]): Promise<Output[]>;
  /** Statements running at once, not counting slow ones. */
  concurrency: number;
  /**
   * After this long a running statement stops counting against `concurrency`, so that one stuck
   * (waiting for a lock, say) does not hold up everyone behind it.
   */
  slowAfterMs: number;
  /** Statements running at once, slow ones included. */
  maxRunning: number;
  maxBatch: number;
  /**
   * Whether a batch that failed with this error is tried again one input at a time. Only safe when the
   * statement surely rolled back and the error may come from a single input (a constraint it broke), so
   * that only that caller sees it.
   */
  retryAlone(error: unknown): boolean;
};

type Waiting<Input, Output> = {
  input: Input;
  resolve(output: Output): void;
  reject(error: unknown): void;
};

export function createStatementBatcher<Input, Output>(
  options: StatementBatcherOptions<Input, Output>,
): StatementBatcher<Input, Output> {
  const { run, concurrency, slowAfterMs, maxRunning, maxBatch, retryAlone } = options;
  const waiting: Waiting<Input, Output>[] = [];
  let running = 0;
  let slow = 0;

  const runBatch = async (batch: Waiting<Input, Output>[]): Promise<void> => {
    try {
      const outputs = await run(batch.map((call) => call.input));
      if (outputs.length !== batch.length) {
        throw new Error(`a statement for ${batch.length} inputs answered ${outputs.length} results`);
      }
      batch.forEach((call, index) => {
        call.resolve(outputs[index] as Output);
      });
    } catch (error) {
      if (batch.length > 1 && retryAlone(error)) {
        for (const call of batch) await runBatch([call]);
      } else {
        for (const call of batch) call.reject(error);
      }
    }
  };

  const startWaiting = () => {
    while (waiting.length > 0 && running - slow < concurrency && running < maxRunning) {
      running += 1;
      let countedSlow = false;
      const slowTimer = setTimeout(() => {
        countedSlow = true;
        slow += 1;
        startWaiting();
      }, slowAfterMs);
      slowTimer.unref();
      void runBatch(waiting.splice(0, maxBatch)).finally(() => {
        clearTimeout(slowTimer);
        running -= 1;
        if (countedSlow) slow -= 1;
        startSoon();
      });
    }
  };

  // A batch leaves after the event loop has read what already arrived: an embedded database
  // (PGlite) runs its statement on this thread, so the requests that came in meanwhile are only
  // read after it, and would otherwise go one by one.
  let startScheduled = false;
  const startSoon = () => {
    if (startScheduled) return;
    startScheduled = true;
    setImmediate(() => {
      startScheduled = false;
      startWaiting();
    });
  };

  return {
    submit: (input) =>
      new Promise<Output>((resolve, reject) => {
        waiting.push({ input, resolve, reject });
        startSoon();
      }),
  };
}
