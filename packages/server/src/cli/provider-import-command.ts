import { DeskError } from "../core/errors.ts";
import type { SnapshotStore } from "../core/ports.ts";
import type { ImportSummary, ProviderImporter } from "../interop/provider-importer.ts";
import { providerImporters } from "../interop/registry.ts";
import { createProgress } from "./progress.ts";

export type ProviderImportOptions = {
  from: string;
  /** The export folder to read (file path), or where the API path keeps its pages (default ./import-NAME). */
  folder?: string;
  url?: string;
  email?: string;
  token?: string;
};

/**
 * `responder import --from NAME DIR` reads a provider's export folder; with `--url` it first downloads
 * the account into the folder, continuing from the cursor a previous, interrupted run saved there.
 * Either way the folder is mapped to one snapshot and imported all or nothing (upserting by id, so a
 * second run adds nothing twice).
 */
export async function runProviderImport(
  options: ProviderImportOptions,
  importInto: (work: (snapshots: SnapshotStore, workspaceId: string) => Promise<void>) => Promise<void>,
  out: NodeJS.WritableStream,
  log: (line: string) => void,
): Promise<void> {
  const importer = findImporter(options.from);
  const folder = options.folder ?? `import-${importer.name}`;
  if (options.url) {
    if (!options.token) {
      throw new DeskError("invalid_input", "--url needs --token (or RESPONDER_IMPORT_TOKEN): the account's API token.");
    }
    const progress = createProgress(`Downloading from ${importer.name}`);
    try {
      await importer.download({
        url: options.url,
        email: options.email,
        token: options.token,
        folder,
        onProgress: ({ done, total }) => progress.update(done, Math.max(total, done, 1)),
        log: (line) => progress.note(line),
      });
    } finally {
      progress.stop();
    }
  } else if (!options.folder) {
    throw new DeskError(
      "invalid_input",
      `Give the export folder (responder import --from ${importer.name} DIR) or --url.`,
    );
  }

  const { snapshot, summary } = await importer.readFolder(folder);
  await importInto(async (snapshots, workspaceId) => {
    const progress = createProgress("Importing");
    const result = await snapshots.importSnapshot(workspaceId, snapshot, ({ ticketsDone, ticketsTotal }) =>
      progress.update(ticketsDone, ticketsTotal),
    );
    progress.stop();
    log(`Imported ${result.tickets} tickets and ${result.messages} messages from ${importer.name}.`);
  });
  out.write(formatSummary(importer.name, summary));
}

function findImporter(name: string): ProviderImporter {
  const importer = providerImporters.find((candidate) => candidate.name === name.toLowerCase());
  if (!importer) {
    const known = providerImporters.map((candidate) => candidate.name).join(", ");
    throw new DeskError("invalid_input", `--from ${name}: unknown helpdesk; the desk imports from ${known}.`);
  }
  return importer;
}

export function formatSummary(provider: string, summary: ImportSummary): string {
  const lines = [`Mapped from ${provider}:`];
  for (const [what, count] of Object.entries(summary.counts)) lines.push(`  ${what}: ${count}`);
  if (summary.keptInAttributes.length > 0) {
    lines.push(`Kept in attributes: ${summary.keptInAttributes.join(", ")}`);
  }
  for (const note of summary.notes) lines.push(`Note: ${note}`);
  return `${lines.join("\n")}\n`;
}
