import { rename, writeFile } from "node:fs/promises";
import { Command, CommanderError } from "commander";
import { runClassifyCommand } from "./cli/classify-command.ts";
import { formatDraft } from "./cli/format-draft.ts";
import { runKbSearch } from "./cli/kb-search-command.ts";
import { createProgress } from "./cli/progress.ts";
import { runProviderImport } from "./cli/provider-import-command.ts";
import { readSnapshotFile } from "./cli/read-snapshot-file.ts";
import { checkReportOptions, runReportCommand } from "./cli/report-command.ts";
import { type CommandDesk, reachRunningDesk } from "./cli/run-through-desk.ts";
import { loadSettings } from "./config/config.ts";
import { DeskError, type DeskErrorCode, isDeskError } from "./core/errors.ts";
import type { TokenSummary } from "./core/ports.ts";
import { createDesk, defaultWorkspaceId, ensureDefaultWorkspace } from "./desk.ts";
import { runMcpCommand } from "./mcp/mcp-command.ts";
import { createModelWriter } from "./responder/model-writer.ts";
import { loadArticles } from "./responder/retrieval/index.ts";
import { parseServeRole, type ServeRole, serve } from "./serve.ts";
import { openDatabase } from "./storage/database.ts";

const exitCodes: Partial<Record<DeskErrorCode, number>> = {
  invalid_input: 2,
  not_found: 2,
  database_busy: 3,
  unavailable: 4,
};

const program = new Command("responder")
  .description("Support Responder: a self-hosted, AI-native support desk")
  .option("--data <dir>", "embedded database folder (env RESPONDER_DATA, default ./data); DATABASE_URL wins when set")
  .showHelpAfterError()
  .exitOverride();

program
  .command("serve")
  .description("run the desk: HTTP API, docs and jobs; seeds the demo workspace into an empty data folder")
  .option("--port <port>", "HTTP port (env PORT, default 3000)", parsePort)
  .option("--smtp-port <port>", "run the built-in SMTP server on this port", parsePort)
  .option("--host <address>", "address to listen on; 0.0.0.0 for every interface", "127.0.0.1")
  .option("--no-demo", "do not load the demo workspace into an empty data folder")
  .option("--role <role>", "web (HTTP, sockets, SMTP), worker (jobs, IMAP) or all", parseServeRole, "all")
  .action(async (options: { port?: number; smtpPort?: number; demo: boolean; host: string; role: ServeRole }) => {
    const settings = loadSettings({ dataDir: program.opts().data, port: options.port, purpose: "responder serve" });
    await serve(settings, options);
  });

program
  .command("import")
  .description("load a workspace snapshot (support-responder/workspace@1): validated first, applied all or nothing")
  .argument("[file]", "the snapshot JSON file; with --from, the helpdesk's export folder")
  .option("--from <helpdesk>", "migrate from another helpdesk: zendesk or helpscout (its export folder, or --url)")
  .option("--url <url>", "with --from: download from the account's API, e.g. https://acme.zendesk.com")
  .option("--email <email>", "with --url: the account user the token belongs to (Zendesk)")
  .option("--token <token>", "with --url: the account's API token (env RESPONDER_IMPORT_TOKEN)")
  .action(
    async (file: string | undefined, options: { from?: string; url?: string; email?: string; token?: string }) => {
      if (options.from) {
        await runProviderImport(
          { ...options, from: options.from, folder: file, token: options.token ?? process.env.RESPONDER_IMPORT_TOKEN },
          (work) => withDesk("responder import", (desk) => work(desk.snapshots, defaultWorkspaceId)),
          process.stdout,
          (line) => process.stderr.write(`${line}\n`),
        );
        return;
      }
      if (!file)
        throw new UsageError("Give the snapshot file to import (responder import FILE), or --from with a folder.");
      const progress = createProgress("Importing");
      const snapshot = await readSnapshotFile(file);
      const started = performance.now();
      await withDesk("responder import", async (desk) => {
        const result = await desk.snapshots.importSnapshot(
          defaultWorkspaceId,
          snapshot,
          ({ ticketsDone, ticketsTotal }) => progress.update(ticketsDone, ticketsTotal),
        );
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          `Imported ${result.tickets} tickets and ${result.messages} messages from ${file} in ${seconds.toFixed(1)} s.\n`,
        );
      });
    },
  );

program
  .command("export")
  .description("write the workspace snapshot (to stdout unless --out is given)")
  .option("--out <file>", "write to this file instead of stdout")
  .action(async (options: { out?: string }) => {
    await withDesk("responder export", async (desk) => {
      const text = `${JSON.stringify(await desk.snapshots.exportSnapshot(defaultWorkspaceId), null, 2)}\n`;
      if (!options.out) {
        process.stdout.write(text);
        return;
      }
      // Written beside the target and renamed, so a failed export never leaves half a file.
      const partial = `${options.out}.partial`;
      await writeFile(partial, text);
      await rename(partial, options.out);
    });
  });

const token = program.command("token").description("API tokens for agents");
token
  .command("create")
  .description("issue an API token for an agent; it is printed once and stored only as a hash")
  .requiredOption("--agent <id>", "the agent the token acts as")
  .option("--name <name>", "what the token is for", "cli")
  .action(async (options: { agent: string; name: string }) => {
    await withDesk("responder token create", async (desk) => {
      const issued = await desk.access.issueToken(defaultWorkspaceId, options.agent, options.name);
      process.stdout.write(`${issued.token}\n`);
    });
  });
token
  .command("list")
  .description("the workspace's API tokens: id, agent, name, created, last used, revoked (never the secrets)")
  .option("--json", "print the tokens as JSON")
  .action(async (options: { json?: boolean }) => {
    await withDesk("responder token list", async (desk) => {
      const tokens = await desk.access.listTokens(defaultWorkspaceId);
      process.stdout.write(options.json ? `${JSON.stringify(tokens, null, 2)}\n` : formatTokens(tokens));
    });
  });
token
  .command("revoke")
  .description("revoke an API token: it stops working at once")
  .argument("<id>", "the token's id (from `responder token list`)")
  .action(async (id: string) => {
    await withDesk("responder token revoke", async (desk) => {
      if (!(await desk.access.revokeToken(defaultWorkspaceId, id))) {
        throw new DeskError("not_found", `There is no active token ${id}: see \`responder token list\`.`);
      }
      process.stdout.write(`Revoked ${id}.\n`);
    });
  });

program
  .command("draft")
  .description("the responder's draft for a ticket: triage, reply, internal note, actions, follow-up, citations")
  .argument("<ticket-id>", "the ticket to draft a reply for")
  .option("--json", "print the Draft as JSON (spec/responder.md)")
  .action(async (ticketId: string, options: { json?: boolean }) => {
    await withDesk("responder draft", async (desk) => {
      const draft = await desk.responder.draft(defaultWorkspaceId, ticketId);
      process.stdout.write(options.json ? `${JSON.stringify(draft, null, 2)}\n` : formatDraft(draft));
    });
  });

const knowledgeBase = program.command("kb").description("the knowledge base");
knowledgeBase
  .command("search")
  .description("articles for a question, best first: [{id, title, score}]")
  .argument("[query]", "the question")
  .option("--queries <file>", "a file of questions, one a line: prints one JSON array a line, in order")
  .option("--limit <n>", "how many articles (1–100)", "10")
  .option("--json", "print JSON")
  .action(async (query: string | undefined, options: { queries?: string; limit: string; json?: boolean }) => {
    await runKbSearch(
      () =>
        withDesk("responder kb search", async (desk) =>
          (await loadArticles(desk.articles, defaultWorkspaceId)).map(({ id, title, body }) => ({ id, title, body })),
        ),
      { query, queries: options.queries, limit: options.limit, json: options.json ?? false },
      process.stdout,
    );
  });

program
  .command("classify")
  .description("learn topics from labelled rows (CSV: text,category) and classify each row of another CSV")
  .requiredOption("--train <file>", "CSV with a header row and the columns text and category")
  .requiredOption("--input <file>", "CSV with a header row and a text column")
  .option("--json", "one JSON line a row: {text, label, confidence}; label is null when no known topic fits")
  .action(async (options: { train: string; input: string; json?: boolean }) => {
    await runClassifyCommand(options, process.stdout);
  });

program
  .command("report")
  .description("the monthly support metrics report (spec/metrics.md): Markdown table, or --json / --csv")
  .option("--month <month>", "YYYY-MM in the workspace's time zone (default: this month)")
  .option("--json", "print the Report as JSON")
  .option("--csv", "one row per ticket with every per-ticket figure")
  .action(async (options: { month?: string; json?: boolean; csv?: boolean }) => {
    checkReportOptions(options);
    await withDesk("responder report", (desk) =>
      runReportCommand(desk.reports, defaultWorkspaceId, options, process.stdout),
    );
  });

program
  .command("mcp")
  .description("the desk's tools for other agents over MCP on stdio; as the agent whose token is given")
  .option("--url <url>", "a running desk to talk to (env RESPONDER_URL); without it the database is opened here")
  .option("--token <token>", "the API token the tools act with (env RESPONDER_TOKEN)")
  .action(async (options: { url?: string; token?: string }) => {
    await runMcpCommand({
      url: options.url ?? (process.env.RESPONDER_URL || undefined),
      token: options.token ?? (process.env.RESPONDER_TOKEN || undefined),
      dataDir: program.opts().data,
    });
  });

class UsageError extends Error {}

async function withDesk<T>(purpose: string, work: (desk: CommandDesk) => Promise<T>): Promise<T> {
  const settings = loadSettings({ dataDir: program.opts().data, purpose });
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(settings.database);
  } catch (error) {
    // A desk serving this embedded folder holds it (PGlite is single-process): go through that desk.
    return work(await reachRunningDesk(settings.database, error, { log: (line) => process.stderr.write(`${line}\n`) }));
  }
  try {
    await ensureDefaultWorkspace(database);
    return await work(
      createDesk(database, undefined, { model: settings.model ? createModelWriter(settings.model) : null }),
    );
  } finally {
    await database.close();
  }
}

function formatTokens(tokens: TokenSummary[]): string {
  if (tokens.length === 0) return "No API tokens.\n";
  const when = (date: Date | null) => date?.toISOString() ?? "-";
  const rows = [
    ["id", "agent", "name", "created", "last used", "revoked"],
    ...tokens.map((each) => [
      each.id,
      each.agentId,
      each.name,
      when(each.createdAt),
      when(each.lastUsedAt),
      when(each.revokedAt),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return `${rows.map(line).join("\n")}\n`;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${value} is not a port number (0–65535).`);
  return port;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (isDeskError(error)) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = exitCodes[error.code] ?? 1;
  } else if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    // A failed query's own text is long and names SQL; its cause says what went wrong.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    process.stderr.write(`error: ${cause instanceof Error ? cause.message : String(cause)}\n`);
    process.exitCode = 1;
  }
}
