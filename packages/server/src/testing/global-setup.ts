import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { redactDatabaseUrl } from "../storage/database.ts";
import {
  buildPgliteTemplate,
  dropRunDatabases,
  preparePostgresTemplate,
  testDatabaseKind,
  withAdmin,
} from "./test-database.ts";

/**
 * Vitest global setup (root vitest.config.ts): runs once per `vitest run`, before any worker starts.
 * Prepares the template that every `createTestDatabase()` copies and says which backend the run uses.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomBytes(4).toString("hex");
  project.provide("responderTestRunId", runId);
  project.provide("responderPgliteTemplateFile", null);
  project.provide("responderPostgresTemplateReady", false);

  // Throws when REQUIRE_POSTGRES=1 and DATABASE_URL is missing: the whole run fails, nothing is skipped.
  const kind = testDatabaseKind();

  // The core suite runs on in-memory fakes: `vitest run --project core` needs no database.
  const databaseFree = new Set(["core"]);
  if (project.vitest.projects.every((selected) => databaseFree.has(selected.name))) {
    console.log("test database: none (only database-free projects selected)");
    return async () => {};
  }
  const started = performance.now();

  if (kind === "postgres") {
    const url = process.env.DATABASE_URL ?? "";
    console.log(`test database: postgres ${redactDatabaseUrl(url)}`);
    // Unreachable server: withAdmin throws, and the run fails before any test starts.
    const version = await withAdmin(url, async (admin) => {
      await preparePostgresTemplate(admin, url, { recreate: true });
      return (await admin.query<{ server_version: string }>("show server_version")).rows[0]?.server_version;
    });
    project.provide("responderPostgresTemplateReady", true);
    console.log(`  Postgres ${version}, template migrated in ${Math.round(performance.now() - started)} ms`);
    return async () => {
      const leftovers = await withAdmin(url, (admin) => dropRunDatabases(admin, runId));
      if (leftovers.length > 0) console.log(`test database: dropped ${leftovers.length} unclosed test databases`);
    };
  }

  console.log("test database: pglite");
  const folder = await mkdtemp(path.join(tmpdir(), "responder-test-template-"));
  const file = path.join(folder, "pglite-template.tar");
  const template = await buildPgliteTemplate();
  await writeFile(file, new Uint8Array(await template.arrayBuffer()));
  project.provide("responderPgliteTemplateFile", file);
  console.log(`  template migrated and dumped in ${Math.round(performance.now() - started)} ms`);
  return async () => {
    await rm(folder, { recursive: true, force: true });
  };
}
