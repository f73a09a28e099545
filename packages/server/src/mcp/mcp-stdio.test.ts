import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { apiClient, createTestDesk } from "../testing/create-test-desk.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import { deskToolNames } from "./desk-tools.ts";

// `responder mcp` as another program starts it: a child process speaking MCP on stdin/stdout.
const bin = fileURLToPath(new URL("../../bin/responder.js", import.meta.url));
const adminToken = "mcp-stdio-admin-token-0123456789";
const processTimeout = 90_000;

type ToolResult = { content: { type: string; text?: string }[]; isError?: boolean };

let folder: string;
let dataDir: string;
let snapshot: Snapshot;

function environment(extra: Record<string, string> = {}): Record<string, string> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...(rest as Record<string, string>), RESPONDER_LOG: "off", ...extra };
}

function responder(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

async function connect(args: string[], env: Record<string, string>) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [bin, "mcp", ...args],
    env,
    stderr: "pipe",
  });
  let stderr = "";
  (transport.stderr as Readable | null)?.on("data", (chunk) => (stderr += chunk));
  const client = new Client({ name: "mcp-stdio-test", version: "1" });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "responder-mcp-"));
  dataDir = path.join(folder, "data");
  snapshot = generateSnapshot({ tickets: 5, seed: 11 });
  const snapshotFile = path.join(folder, "snapshot.json");
  await writeFile(snapshotFile, JSON.stringify(snapshot));
  const imported = await responder(["import", snapshotFile, "--data", dataDir], environment());
  expect(imported.code, imported.stderr).toBe(0);
}, processTimeout);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("responder mcp on stdio", () => {
  it(
    "opens the data folder itself, lists the tools, answers a tool call and frees the folder when closed",
    async () => {
      const { client, stderr } = await connect(
        ["--data", dataDir, "--token", adminToken],
        environment({ RESPONDER_ADMIN_TOKEN: adminToken }),
      );
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual([...deskToolNames].sort());

      const first = snapshot.tickets[0];
      const result = (await client.callTool({ name: "get_ticket", arguments: { ticketId: first?.id } })) as ToolResult;
      expect(result.isError, result.content[0]?.text).toBeFalsy();
      const found = JSON.parse(result.content[0]?.text ?? "{}");
      expect(found.ticket.id).toBe(first?.id);
      expect(found.ticket.messages).toHaveLength(first?.messages.length ?? -1);
      expect(found.customer.profile.id).toBe(first?.customerId);
      await client.close();
      expect(stderr()).toContain("MCP server on stdio");

      // The database was closed on the way out: a one-shot command may open the folder again.
      const after = await responder(
        ["export", "--data", dataDir, "--out", path.join(folder, "export.json")],
        environment(),
      );
      expect(after.code, after.stderr).toBe(0);
    },
    processTimeout,
  );

  it(
    "talks to a running desk over HTTP with --url, as the token's agent",
    async () => {
      const desk = await createTestDesk();
      try {
        const agentToken = await desk.issueToken("agent");
        const app = await desk.app();
        await app.listen({ port: 0, host: "127.0.0.1" });
        const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
        const opened = await apiClient(app, agentToken).post("/tickets", {
          customer: { email: "grace@example.test", name: "Grace Hopper" },
          message: { author: "customer", body: "The compiler rejects my program." },
        });
        expect(opened.status, opened.text).toBe(201);

        const { client } = await connect(["--url", url], environment({ RESPONDER_TOKEN: agentToken }));
        const result = (await client.callTool({
          name: "add_note",
          arguments: { ticketId: opened.body.id, body: "Reproduced on 1.2." },
        })) as ToolResult;
        expect(result.isError, result.content[0]?.text).toBeFalsy();
        await client.close();
        const stored = await desk.tickets.get(desk.workspaceId, opened.body.id);
        expect(stored?.messages.at(-1)).toMatchObject({ body: "Reproduced on 1.2.", public: false });
      } finally {
        await desk.close();
      }
    },
    processTimeout,
  );

  it(
    "refuses to start without a token, saying how to get one",
    async () => {
      const run = await responder(["mcp", "--data", dataDir], environment());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("needs an API token");
    },
    processTimeout,
  );
});
