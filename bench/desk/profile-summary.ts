import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";

/**
 * Where a server spent its CPU: sums the self time per function (and per package) of a V8 CPU
 * profile written by `bench/desk.ts --cpu-prof DIR`.
 *
 *   npx tsx bench/desk/profile-summary.ts FILE.cpuprofile [--top 40] [--match TEXT]
 *
 * --match also lists, by total time (callees included), the functions whose name or file contains TEXT.
 */

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "40" }, match: { type: "string" } },
});
const file = positionals[0];
if (!file) throw new Error("usage: bench/desk/profile-summary.ts FILE.cpuprofile [--top N]");
const top = Number(values.top);

const profile = JSON.parse(await readFile(file, "utf8")) as Profile;
const nodeById = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicroseconds = new Map<number, number>();
// A sample's time is the delta to the next one.
for (let index = 0; index < profile.samples.length; index++) {
  const id = profile.samples[index] as number;
  const delta = profile.timeDeltas[index + 1] ?? 0;
  selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + delta);
}

const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, microseconds] of selfMicroseconds) {
  const node = nodeById.get(id);
  if (!node) continue;
  const { functionName, url } = node.callFrame;
  if (functionName === "(idle)") {
    idle += microseconds;
    continue;
  }
  total += microseconds;
  const key = functionKey(node);
  byFunction.set(key, (byFunction.get(key) ?? 0) + microseconds);
  const owner = packageOf(url, functionName);
  byPackage.set(owner, (byPackage.get(owner) ?? 0) + microseconds);
}

console.log(`${file}: busy ${(total / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`);
console.log("\nby package:");
for (const [name, microseconds] of sorted(byPackage).slice(0, 25)) console.log(line(microseconds, name));
console.log(`\ntop ${top} functions by self time:`);
for (const [name, microseconds] of sorted(byFunction).slice(0, top)) console.log(line(microseconds, name));

if (values.match) {
  const match = values.match;
  const inclusive = new Map<string, number>();
  for (const [id, microseconds] of selfMicroseconds) {
    const seen = new Set<string>();
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const node = nodeById.get(current);
      if (!node) break;
      const key = functionKey(node);
      if (!seen.has(key) && key.includes(match)) inclusive.set(key, (inclusive.get(key) ?? 0) + microseconds);
      seen.add(key);
    }
  }
  console.log(`\nfunctions matching "${match}" by total time:`);
  for (const [name, microseconds] of sorted(inclusive).slice(0, top)) console.log(line(microseconds, name));
}

function functionKey(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}`;
}

function sorted(map: Map<string, number>): [string, number][] {
  return [...map].sort((left, right) => right[1] - left[1]);
}

function line(microseconds: number, name: string): string {
  return `${((microseconds / total) * 100).toFixed(1).padStart(5)}% ${(microseconds / 1000).toFixed(0).padStart(7)} ms  ${name}`;
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) return url.slice(modules + "node_modules/".length);
  const source = url.indexOf("/packages/");
  if (source >= 0) return url.slice(source + 1);
  return url.replace(/^file:\/\//, "");
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const modules = url.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith("node:")) return url;
  const source = url.indexOf("/packages/server/src/");
  if (source >= 0) return `src/${url.slice(source + "/packages/server/src/".length).split("/")[0]}`;
  return url;
}
