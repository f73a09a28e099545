import fc from "fast-check";
import { hostileString, prototypeKeys } from "./hostile-input.ts";

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...prototypeKeys, "id", "text"), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

const removed = Symbol("removed");

function withChange(template: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement === removed ? null : replacement;
  if (template === null || typeof template !== "object") return template;
  const copy = structuredClone(template) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) {
    const next = parent[key];
    // An earlier change removed or replaced what this path runs through.
    if (next === null || typeof next !== "object") return copy;
    parent = next as Record<string | number, unknown>;
  }
  const last = path.at(-1) as string | number;
  if (replacement === removed) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}

/**
 * `template` (a real provider payload) with one to three of its fields, at any depth, removed or
 * swapped for something hostile, the rest left intact: most such inputs get deep into the parser
 * and the store, where a wrong assumption about one field shows.
 */
export function mutationsOf(template: unknown): fc.Arbitrary<unknown> {
  const change = fc.tuple(fc.constantFrom(...pathsOf(template)), fc.oneof(fc.constant<unknown>(removed), hostileLeaf));
  return fc
    .array(change, { minLength: 1, maxLength: 3 })
    .map((changes) => changes.reduce((value, [path, replacement]) => withChange(value, path, replacement), template));
}

/**
 * Values shaped like `template` (a real provider payload), with any field dropped, any value swapped
 * for something hostile and any list grown or emptied: inputs that pass the first checks of a
 * parser and then break its assumptions.
 */
export function shapedLike(template: unknown): fc.Arbitrary<unknown> {
  let shaped: fc.Arbitrary<unknown>;
  if (Array.isArray(template)) {
    shaped = template.length > 0 ? fc.array(shapedLike(template[0]), { maxLength: 3 }) : fc.constant([]);
  } else if (template !== null && typeof template === "object") {
    const fields = Object.fromEntries(Object.entries(template).map(([key, value]) => [key, shapedLike(value)]));
    // Most fields stay most of the time, so deep code is reached.
    shaped = fc
      .tuple(fc.record(fields), fc.array(fc.nat({ max: Object.keys(fields).length }), { maxLength: 2 }))
      .map(([record, dropped]) =>
        Object.fromEntries(Object.entries(record).filter((_entry, index) => !dropped.includes(index))),
      );
  } else {
    shaped = fc.constant(template);
  }
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: hostileLeaf });
}
