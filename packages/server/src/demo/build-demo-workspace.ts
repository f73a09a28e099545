import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { latestInstant, summarizePeriod } from "./demo-summary.ts";
import { buildDemoWorkspace, demoPeriods } from "./demo-workspace.ts";

export const demoWorkspacePath = fileURLToPath(new URL("./demo-workspace.json", import.meta.url));

/** The committed file's exact text: 2-space JSON with a final newline. */
export const serializeDemoWorkspace = (snapshot: Snapshot): string => `${JSON.stringify(snapshot, null, 2)}\n`;

export const readDemoWorkspaceFile = (): string => readFileSync(demoWorkspacePath, "utf8");

const describeStory = (snapshot: Snapshot): string => {
  const lines = [`latest instant: ${new Date(latestInstant(snapshot)).toISOString()}`];
  for (const [label, period] of [
    ["previous month (February 2026)", demoPeriods.previous],
    ["current month (March 2026)", demoPeriods.current],
  ] as const) {
    const summary = summarizePeriod(snapshot, period.start, period.end, demoPeriods.now);
    lines.push(
      `${label}: ${summary.volume} tickets, first response ${summary.firstResponse.meanHours.toFixed(2)} h mean / ${summary.firstResponse.medianHours.toFixed(2)} h median (${summary.firstResponse.targetMetPct.toFixed(0)}% within target), FCR ${summary.fcrPct.toFixed(1)}% of ${summary.solvedCount}, CSAT ${summary.csat.mean.toFixed(2)} (${summary.csat.count}), open at end ${summary.openTickets}, escalated ${summary.escalationRatePct.toFixed(1)}%`,
    );
    lines.push(`  channels: ${JSON.stringify(summary.channels)}`);
    for (const topic of summary.topics) {
      lines.push(
        `  ${String(topic.count).padStart(3)}  ${topic.topic}${topic.escalated ? ` (${topic.escalated} escalated)` : ""}`,
      );
    }
  }
  return lines.join("\n");
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const snapshot = buildDemoWorkspace();
  const text = serializeDemoWorkspace(snapshot);
  writeFileSync(demoWorkspacePath, text);
  console.log(`wrote ${demoWorkspacePath} (${(text.length / 1024).toFixed(0)} KiB)`);
  console.log(describeStory(snapshot));
}
