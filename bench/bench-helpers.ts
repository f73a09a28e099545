import os from "node:os";

/** Small pieces every benchmark script prints or parses with. */

export function positiveInteger(value: string | undefined, name: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${name} must be a positive whole number`);
  return number;
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ");
}

export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}
