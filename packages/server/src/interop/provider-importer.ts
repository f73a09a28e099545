import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";

/** Where a download stands, for a progress bar: `done` of `total` (total may grow as pages arrive). */
export type DownloadProgress = { stage: string; done: number; total: number };

export type DownloadOptions = {
  /** The account's API base, e.g. https://acme.zendesk.com or https://api.helpscout.net. */
  url: string;
  /** The account user the token belongs to, where the provider needs one (Zendesk's `email/token`). */
  email?: string;
  token: string;
  /** The folder the pages are written to; a second run continues from the cursor saved there. */
  folder: string;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that does not really sleep. */
  sleep?: (milliseconds: number) => Promise<void>;
  onProgress?: (progress: DownloadProgress) => void;
  log?: (line: string) => void;
};

/** What an import mapped, and what it kept aside in `attributes` because the desk has no field for it. */
export type ImportSummary = {
  /** What was read and mapped, e.g. { tickets: 5000, comments: 21034, users: 812 }. */
  counts: Record<string, number>;
  /** The provider's fields kept in `attributes`, e.g. "ticket.via", "user.organization". */
  keptInAttributes: string[];
  /** Anything a person should know: skipped records, unknown statuses, deleted authors. */
  notes: string[];
};

/**
 * One helpdesk we migrate from. The API path downloads the account into a folder of pages, then reads
 * that folder exactly as the file path does, so both give the same snapshot and the same summary.
 */
export type ProviderImporter = {
  /** As typed after `--from`, e.g. "zendesk". */
  name: string;
  download(options: DownloadOptions): Promise<void>;
  readFolder(folder: string): Promise<{ snapshot: Snapshot; summary: ImportSummary }>;
};
