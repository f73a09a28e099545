import fc from "fast-check";

/** Keys that reach into an object's prototype when code copies them naively. */
export const prototypeKeys = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

/** Strings people and programs send that code tends to trip on. */
const awkwardStrings = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDFFF",
  "\u202Eevil",
  "\uFEFF",
  "😀👩‍👩‍👧‍👦",
  "Ω≈ç√∫",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "'; drop table tickets; --",
  "%00",
  "%",
  "%zz",
  "../../etc/passwd",
  "..%2f..%2f",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "9007199254740993",
  "2026-02-30T25:61:00Z",
  "0000-00-00",
  "__proto__",
  "constructor",
  "none",
  "open",
  "admin",
];

/** Any string: ASCII, full unicode (lone surrogates included), awkward classics and the occasional huge one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...awkwardStrings) },
  { weight: 1, arbitrary: fc.constantFrom(...prototypeKeys) },
  { weight: 1, arbitrary: fc.nat({ max: 200_000 }).map((length) => "x".repeat(length)) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 3 }).map((unit) => unit.repeat(5000)) },
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324),
);

/** A JSON text: a hostile value, with "__proto__" and friends written as real keys (JSON.stringify would drop them). */
export type JsonText = string;

function objectText(entries: Array<[string, JsonText]>): JsonText {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
}

/**
 * Hostile JSON texts: any shape, wrong types everywhere, and objects whose keys are mostly the
 * ones the route knows (so validation is passed far enough to matter) mixed with prototype keys
 * and random ones.
 */
export function hostileJson(knownKeys: readonly string[] = []): fc.Arbitrary<JsonText> {
  const keys = fc.oneof(
    { weight: knownKeys.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...(knownKeys.length > 0 ? knownKeys : ["x"])) },
    { weight: 2, arbitrary: fc.constantFrom(...prototypeKeys) },
    { weight: 1, arbitrary: hostileString },
  );
  const { value } = fc.letrec<{ value: JsonText; object: JsonText }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constant("null"),
      fc.boolean().map(String),
      hostileNumber.map((number) => JSON.stringify(number)),
      hostileString.map((text) => JSON.stringify(text)),
      fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(",")}]`),
      tie("object"),
    ),
    object: fc.array(fc.tuple(keys, tie("value")), { maxLength: 6 }).map(objectText),
  }));
  return fc.oneof({ weight: 4, arbitrary: fc.array(fc.tuple(keys, value), { maxLength: 8 }).map(objectText) }, value);
}

/** Bodies that are not JSON at all, or JSON that breaks half way. */
export const brokenJson: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("{", "}", "[", '{"a":', '{"a":1,}', "{'a':1}", "NaN", "undefined", '"unterminated', "\u0000", ""),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.nat({ max: 2000 }).map((depth) => "[".repeat(depth)),
  fc.nat({ max: 2000 }).map((depth) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`),
);

/** Content types a client might send in place of application/json. */
export const hostileContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constantFrom(
    undefined,
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=utf-16",
    "application/json; charset=nonsense",
    "text/plain",
    "text/html",
    "application/xml",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/octet-stream",
    "application/vnd.api+json",
    "*/*",
    ";",
    "application/json;;;",
    "ApPlIcAtIoN/JSON",
  ),
  fc.string({ maxLength: 30 }).filter((text) => /^[\x21-\x7e ]*$/.test(text)),
);

/** A path segment: a value that exists (so deeper code runs) or anything at all, percent-encoded or raw and broken. */
export function pathSegment(existing: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: existing.length > 0 ? 3 : 0, arbitrary: fc.constantFrom(...(existing.length > 0 ? existing : ["x"])) },
    {
      weight: 3,
      arbitrary: hostileString.filter((text) => text.length > 0).map((text) => encodeURIComponent(safe(text))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom("%", "%zz", "%E0%A4%A", "%C0%AE", "..", ".", "%2e%2e", "%2F", "a%00b", "%FF"),
    },
  );
}

/** A query string: known and unknown keys, repeated keys, hostile values, sometimes broken encoding. */
export function hostileQuery(knownKeys: readonly string[] = []): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: knownKeys.length > 0 ? 4 : 0, arbitrary: fc.constantFrom(...(knownKeys.length > 0 ? knownKeys : ["x"])) },
    { weight: 1, arbitrary: fc.constantFrom(...prototypeKeys, "a[b]", "a[]", "a.b") },
    { weight: 1, arbitrary: hostileString },
  );
  const pair = fc
    .tuple(key, hostileString)
    .map(([name, value]) => `${encodeURIComponent(safe(name))}=${encodeURIComponent(safe(value))}`);
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(pair, { maxLength: 5 }).map((pairs) => pairs.join("&")) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("%", "a=%", "a=%zz", "=&=&", "&&&", "a=1&a=2&a=3", "%E0%A4%A=1", "a=%FF%FE"),
    },
  );
}

/** encodeURIComponent refuses lone surrogates; they travel as the replacement character. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

const safe = wellFormed;
