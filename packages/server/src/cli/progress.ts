import { SingleBar } from "cli-progress";

export type Progress = { update(done: number, total: number): void; stop(): void };

/** A progress bar on stderr when it is a terminal; silent otherwise, so logs stay clean. */
export function createProgress(label: string): Progress {
  if (!process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total}`,
    hideCursor: true,
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
    stop() {
      if (started) bar.stop();
    },
  };
}
