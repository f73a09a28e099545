import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDeskError } from "../core/errors.ts";
import { parseSnapshot } from "../core/snapshot/parse-snapshot.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { assertNoProblems, sendAndCheck } from "../testing/fuzz/check-answer.ts";
import { fuzzParameters } from "../testing/fuzz/fuzz-settings.ts";
import { brokenJson, hostileJson } from "../testing/fuzz/hostile-input.ts";
import { countRows } from "../testing/fuzz/row-counts.ts";
import { mutationsOf } from "../testing/fuzz/shaped-like.ts";
import { generateSnapshot } from "../testing/snapshot-generator.ts";

let desk: TestDesk;
let app: FastifyInstance;
const adminToken = "fuzz-snapshot-admin-token-0123456789";

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app({ adminToken });
});
afterAll(() => desk?.close());

// A real, small workspace: mutations of it pass the shape check often enough to reach the reference checks and the store.
const snapshot = JSON.parse(JSON.stringify(generateSnapshot({ tickets: 2, seed: 7 }))) as unknown;
const snapshotKeys = ["format", "workspace", "teams", "agents", "customers", "articles", "knownIssues", "tickets"];

const hostileSnapshots = fc.oneof(
  { weight: 6, arbitrary: mutationsOf(snapshot).map((value) => JSON.stringify(value) ?? "null") },
  { weight: 2, arbitrary: hostileJson(snapshotKeys) },
  { weight: 1, arbitrary: brokenJson },
);

describe("the snapshot importer, fed hostile documents", () => {
  it("parse-snapshot accepts a document or refuses it with the JSON path of the problem, never anything else", () => {
    let refused = 0;
    fc.assert(
      fc.property(
        mutationsOf(snapshot).map((value) => JSON.parse(JSON.stringify(value) ?? "null") as unknown),
        (document) => {
          try {
            parseSnapshot(document);
          } catch (error) {
            if (!isDeskError(error) || error.code !== "invalid_input") throw error;
            expect(error.path).toMatch(/^\$/);
            expect(error.message.startsWith(`${error.path}: `)).toBe(true);
            refused += 1;
          }
        },
      ),
      fuzzParameters(300),
    );
    expect(refused).toBeGreaterThan(0);
  });

  it("POST /import refuses a broken snapshot with 400 and its JSON path, and writes nothing", async () => {
    let counts = await countRows(desk.database.db);
    let refusedWithPath = 0;
    await fc.assert(
      fc.asyncProperty(hostileSnapshots, async (payload) => {
        const request = {
          method: "POST" as const,
          url: "/api/v1/import",
          headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
          payload,
        };
        const check = await sendAndCheck(app, desk.database.db, request, { before: counts });
        counts = check.after;
        assertNoProblems(request, check);
        if (check.status === 400 && /^\$/.test(check.message ?? "")) refusedWithPath += 1;
      }),
      fuzzParameters(40),
    );
    expect(refusedWithPath).toBeGreaterThan(0);
  });
});
