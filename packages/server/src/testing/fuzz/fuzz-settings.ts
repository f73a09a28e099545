import type { Parameters } from "fast-check";

/** The seed every fuzz run uses unless FUZZ_SEED says otherwise, so a failure shows up again on the next run. */
export const defaultFuzzSeed = 20_260_302;

/**
 * fast-check parameters for one property: `runs` cases with the fixed seed by default, so the
 * suite stays quick and repeatable; FUZZ_RUNS (cases per property) and FUZZ_SEED (any integer)
 * run it longer or differently, e.g. `FUZZ_RUNS=2000 FUZZ_SEED=7 npx vitest run <fuzz file>`.
 */
export function fuzzParameters<T>(runs: number): Parameters<T> {
  return { numRuns: positiveInteger("FUZZ_RUNS") ?? runs, seed: integer("FUZZ_SEED") ?? defaultFuzzSeed };
}

function integer(name: string): number | null {
  const text = process.env[name];
  if (text === undefined || text.trim() === "") return null;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer; it is "${text}".`);
  return value;
}

function positiveInteger(name: string): number | null {
  const value = integer(name);
  if (value !== null && value < 1) throw new Error(`${name} must be 1 or more; it is ${value}.`);
  return value;
}
