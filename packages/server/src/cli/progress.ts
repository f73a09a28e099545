import { SingleBar } from "cli-progress";

export type Progress = {
  update(done: number, total: number): void;
  /** A line between bars (what is happening now), shown only where the bar would be. */
  note(line: string): void;
  stop(): void;
};

export type ProgressOptions = {
  /** "bytes" shows the counts as sizes (12.3/45.6 MB); the default shows them as plain numbers. */
  unit?: "count" | "bytes";
  /** Where the bar would go; a bar is drawn only when this is a terminal. Default: stderr. */
  stream?: NodeJS.WriteStream;
};

/** A progress bar on stderr when it is a terminal; silent otherwise, so logs stay clean. */
export function createProgress(label: string, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (!stream.isTTY) return { update() {}, note() {}, stop() {} };
  const bytes = options.unit === "bytes";
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {value}/{total}${bytes ? " MB" : ""}`,
    hideCursor: true,
    // Redrawing more often than this costs time and shows nothing a person can read.
    fps: 10,
    ...(bytes
      ? {
          formatValue: (value: number, _options: unknown, type: string) =>
            type === "value" || type === "total" ? (value / 1_000_000).toFixed(1) : String(value),
        }
      : {}),
  });
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    note(line) {
      if (started) {
        bar.stop();
        started = false;
      }
      stream.write(`${line}\n`);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
