import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { buildApp } from "./app.ts";

let desk: TestDesk;
let built: FastifyInstance;
let missing: FastifyInstance;
let directory: string;

beforeAll(async () => {
  desk = await createTestDesk();
  directory = await mkdtemp(path.join(tmpdir(), "web-app-"));
  await mkdir(path.join(directory, "assets"));
  await writeFile(path.join(directory, "index.html"), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(directory, "assets", "index-abc123.js"), "console.log(1)");
  const base = { ...desk, defaultWorkspaceId: desk.workspaceId, isReady: () => true };
  built = await buildApp({ ...base, webAppDirectory: directory });
  missing = await buildApp({ ...base, webAppDirectory: path.join(directory, "not-built") });
});
afterAll(async () => {
  await Promise.all([built.close(), missing.close()]);
  await desk.close();
  await rm(directory, { recursive: true, force: true });
});

describe("serving the web app", () => {
  it("serves index.html at / and for client routes, never cached", async () => {
    for (const url of ["/", "/tickets/1042", "/inbox/mine", "/reports?month=2026-03"]) {
      const response = await built.inject({ method: "GET", url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("serves hashed assets with a year-long immutable cache", async () => {
    const response = await built.inject({ method: "GET", url: "/assets/index-abc123.js" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/javascript");
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("does not serve files outside the assets folder", async () => {
    const response = await built.inject({ method: "GET", url: "/assets/..%2findex.html" });
    expect(response.statusCode).toBe(404);
  });

  it("leaves the API and the help center to the server", async () => {
    const unknownApi = await built.inject({ method: "GET", url: "/api/v1/no-such-route" });
    expect(unknownApi.statusCode).toBe(404);
    expect(unknownApi.json().code).toBe("not_found");
    const help = await built.inject({ method: "GET", url: "/help" });
    expect(help.body).not.toContain('<div id="root">');
    const missingFile = await built.inject({ method: "GET", url: "/favicon.ico" });
    expect(missingFile.statusCode).toBe(404);
  });

  it("says how to build the app when it is not built", async () => {
    const response = await missing.inject({ method: "GET", url: "/" });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain("npm run build");
  });
});
