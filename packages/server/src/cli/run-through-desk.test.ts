import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@support-responder/client";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeskError } from "../core/errors.ts";
import type { Snapshot } from "../core/snapshot/snapshot-schema.ts";
import { defaultWorkspaceId } from "../desk.ts";
import { buildApp } from "../http/app.ts";
import { injectFetch } from "../http/inject-fetch.ts";
import { loadArticles } from "../responder/retrieval/index.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";
import { createLocalAdminToken, publishDeskAddress } from "./desk-address.ts";
import { type CommandDesk, createDeskOverHttp, reachRunningDesk } from "./run-through-desk.ts";

const localToken = createLocalAdminToken();
let desk: TestDesk;
let app: FastifyInstance;
let remote: CommandDesk;
let snapshot: Snapshot;
let month: string;

async function appWith(options: { importLimitBytes?: number } = {}): Promise<FastifyInstance> {
  const built = await buildApp({
    ...desk,
    defaultWorkspaceId,
    localAdminToken: localToken,
    importLimitBytes: options.importLimitBytes,
    isReady: () => true,
  });
  await built.ready();
  return built;
}

beforeAll(async () => {
  desk = await createTestDesk();
  snapshot = generateSnapshot({ tickets: 40, seed: 11 });
  await desk.snapshots.importSnapshot(defaultWorkspaceId, snapshot);
  await desk.access.issueToken(defaultWorkspaceId, snapshot.agents?.[0]?.id ?? "", "laptop");
  month = (snapshot.tickets[0]?.createdAt ?? "").slice(0, 7);
  app = await appWith();
  remote = createDeskOverHttp(createClient({ baseUrl: "http://desk", token: localToken, fetch: injectFetch(app) }));
});

afterAll(async () => {
  await app?.close();
  await desk?.close();
});

describe("the commands' desk over HTTP", () => {
  it("answers what the desk opened directly answers", async () => {
    const ticketId = snapshot.tickets[0]?.id ?? "";
    expect(await remote.snapshots.exportSnapshot(defaultWorkspaceId)).toEqual(
      await desk.snapshots.exportSnapshot(defaultWorkspaceId),
    );
    expect(await remote.access.listTokens(defaultWorkspaceId)).toEqual(
      await desk.access.listTokens(defaultWorkspaceId),
    );
    expect(await remote.responder.draft(defaultWorkspaceId, ticketId)).toEqual(
      await desk.responder.draft(defaultWorkspaceId, ticketId),
    );
    expect(await remote.reports.monthly(defaultWorkspaceId, month)).toEqual(
      await desk.reports.monthly(defaultWorkspaceId, month),
    );
    expect(await remote.reports.monthlyMarkdown(defaultWorkspaceId, month)).toBe(
      await desk.reports.monthlyMarkdown(defaultWorkspaceId, month),
    );
    expect(await remote.reports.monthlyCsv(defaultWorkspaceId, month)).toBe(
      await desk.reports.monthlyCsv(defaultWorkspaceId, month),
    );
    const articles = await loadArticles(desk.articles, defaultWorkspaceId);
    expect(articles.length).toBeGreaterThan(0);
    expect(await loadArticles(remote.articles, defaultWorkspaceId)).toEqual(articles);
  });

  it("imports through the desk, and the audit log names the local command line", async () => {
    const edited = structuredClone(snapshot);
    const first = edited.tickets[0];
    if (!first) throw new Error("the generator made no tickets");
    first.subject = "imported through the running desk";

    expect(await remote.snapshots.importSnapshot(defaultWorkspaceId, edited)).toEqual({
      tickets: 40,
      messages: edited.tickets.reduce((sum, ticket) => sum + ticket.messages.length, 0),
    });
    expect((await desk.tickets.get(defaultWorkspaceId, first.id))?.subject).toBe("imported through the running desk");
    const { items } = await desk.audit.list(defaultWorkspaceId, { limit: 5 });
    expect(items[0]).toMatchObject({ actor: "local-cli", action: "POST /import", status: 200 });
  });

  it("issues and revokes tokens, and says false for a token that is not there, as the store does", async () => {
    const agentId = snapshot.agents?.[1]?.id ?? "";
    const issued = await remote.access.issueToken(defaultWorkspaceId, agentId, "through the desk");
    expect(issued).toMatchObject({ agentId, name: "through the desk" });
    expect(await desk.access.authenticate(issued.token)).toMatchObject({ agentId });
    expect(await remote.access.revokeToken(defaultWorkspaceId, issued.id)).toBe(true);
    expect(await desk.access.authenticate(issued.token)).toBeNull();
    expect(await remote.access.revokeToken(defaultWorkspaceId, issued.id)).toBe(false);
  });

  it("turns the desk's refusals into the same errors the direct path throws", async () => {
    const direct = await desk.responder.draft(defaultWorkspaceId, "no-such-ticket").catch((error: unknown) => error);
    const through = await remote.responder.draft(defaultWorkspaceId, "no-such-ticket").catch((error: unknown) => error);
    expect(through).toBeInstanceOf(DeskError);
    expect(through).toMatchObject({ code: (direct as DeskError).code, message: (direct as DeskError).message });
  });

  it("names the desk's size limit for a snapshot too large to send, and how to import it directly", async () => {
    const small = await appWith({ importLimitBytes: 1024 });
    try {
      const limited = createDeskOverHttp(
        createClient({ baseUrl: "http://desk", token: localToken, fetch: injectFetch(small) }),
      );
      await expect(limited.snapshots.importSnapshot(defaultWorkspaceId, snapshot)).rejects.toThrow(
        /at most 1 KB.*stop the desk, then run the import again/,
      );
    } finally {
      await small.close();
    }
  });

  it("says how to import directly a snapshot too long to be one request body", async () => {
    // What JSON.stringify throws past the longest string V8 holds, without building one.
    const tooLong = {
      ...snapshot,
      toJSON() {
        throw new RangeError("Invalid string length");
      },
    };
    await expect(remote.snapshots.importSnapshot(defaultWorkspaceId, tooLong)).rejects.toThrow(
      /too large to send to the running desk.*run the import again to load the file directly/,
    );
  });

  it("is refused with a wrong secret", async () => {
    const stranger = createDeskOverHttp(
      createClient({ baseUrl: "http://desk", token: createLocalAdminToken(), fetch: injectFetch(app) }),
    );
    await expect(stranger.access.listTokens(defaultWorkspaceId)).rejects.toMatchObject({ code: "unauthorized" });
  });
});

describe("reaching the desk that holds the data folder", () => {
  const busy = new DeskError("database_busy", "The data folder is in use by another process.");
  let folder: string;
  const lines: string[] = [];
  const deps = () => ({ log: (line: string) => lines.push(line), fetch: injectFetch(app) });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "responder-reach-"));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("keeps the refusal when no desk published its address", async () => {
    await expect(reachRunningDesk({ kind: "pglite", dataDir: folder, purpose: "test" }, busy, deps())).rejects.toBe(
      busy,
    );
  });

  it("keeps the refusal when the address file names a process that no longer runs", async () => {
    await publishDeskAddress(folder, { url: "http://127.0.0.1:4100", token: localToken });
    await expect(
      reachRunningDesk({ kind: "pglite", dataDir: folder, purpose: "test" }, busy, {
        ...deps(),
        isRunning: () => false,
      }),
    ).rejects.toBe(busy);
  });

  it("passes on any other failure, and never looks for a desk on a Postgres server", async () => {
    const other = new DeskError("invalid_input", "something else");
    await expect(reachRunningDesk({ kind: "pglite", dataDir: folder, purpose: "test" }, other, deps())).rejects.toBe(
      other,
    );
    await expect(reachRunningDesk({ kind: "postgres", url: "postgres://localhost/x" }, busy, deps())).rejects.toBe(
      busy,
    );
  });

  it("goes through the live desk and says so on one line", async () => {
    lines.length = 0;
    await publishDeskAddress(folder, { url: "http://127.0.0.1:4100", token: localToken });
    const through = await reachRunningDesk({ kind: "pglite", dataDir: folder, purpose: "test" }, busy, deps());
    expect(lines).toEqual(["(through the desk running at http://127.0.0.1:4100)"]);
    expect(await through.access.listTokens(defaultWorkspaceId)).toEqual(
      await desk.access.listTokens(defaultWorkspaceId),
    );
  });
});
