import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { assertNoProblems, type FuzzRequest, sendAndCheck } from "../testing/fuzz/check-answer.ts";
import { fuzzParameters } from "../testing/fuzz/fuzz-settings.ts";
import { hostileString } from "../testing/fuzz/hostile-input.ts";
import { readOperations, type WriteOperation, writeOperations } from "../testing/fuzz/openapi-operations.ts";
import { fuzzRequest } from "../testing/fuzz/route-requests.ts";
import { countRows } from "../testing/fuzz/row-counts.ts";

let desk: TestDesk;
let app: FastifyInstance;
let authorization: string;
let operations: WriteOperation[];
let reads: WriteOperation[];
const existingIds: string[] = [];

// Fuzzed on their own: public routes (fuzz-public-routes), provider webhooks (fuzz-channel-webhooks),
// the snapshot import (fuzz-snapshot-import); tokens are left alone so the fuzzer keeps its own.
const fuzzedElsewhere = /^\/api\/v1\/(session|channels\/:id\/(webhook|messages)|import|tokens)/;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  const token = await desk.issueToken("admin");
  authorization = `Bearer ${token}`;
  const admin = apiClient(app, token);
  const created = await Promise.all([
    admin.post("/tickets", { customer: { email: "ana@example.com", name: "Ana" }, message: { body: "It broke." } }),
    admin.post("/tickets", { customer: { email: "bo@example.com", name: "Bo" }, message: { body: "Me too." } }),
    admin.post("/articles", { title: "Reset a password", body: "Use the link.", public: true }),
    admin.post("/known-issues", { title: "Export stops at 80%" }),
    admin.post("/macros", { name: "Thanks", body: "Thank you for writing." }),
    admin.post("/webhooks", { url: "https://hooks.example.com/desk", kinds: ["ticket_created"] }),
  ]);
  for (const response of created) if (typeof response.body?.id === "string") existingIds.push(response.body.id);
  const ticket = created[0]?.body;
  if (ticket?.customer?.id) existingIds.push(ticket.customer.id);
  if (typeof ticket?.customerId === "string") existingIds.push(ticket.customerId);
  operations = (await writeOperations(app)).filter((operation) => !fuzzedElsewhere.test(operation.path));
  // Exports and reports are whole-workspace reads; the rest is what agents list and search all day.
  reads = (await readOperations(app)).filter((operation) => !/^\/api\/v1\/(export|openapi|docs)/.test(operation.path));
  // Deletes last, so the other operations still find the things they name.
  operations.sort((first, second) => Number(first.method === "DELETE") - Number(second.method === "DELETE"));
});
afterAll(() => desk?.close());

function withIds(operation: WriteOperation): WriteOperation {
  const names = [...operation.path.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] ?? "");
  return { ...operation, existing: Object.fromEntries(names.map((name) => [name, existingIds])) };
}

async function failuresOf(
  fuzzed: readonly WriteOperation[],
  arbitraryFor: (operation: WriteOperation) => fc.Arbitrary<FuzzRequest>,
  runs: number,
  expectRefusal: boolean,
): Promise<string[]> {
  const failures: string[] = [];
  let counts = await countRows(desk.database.db);
  for (const operation of fuzzed) {
    const result = await fc.check(
      fc.asyncProperty(arbitraryFor(withIds(operation)), async (request) => {
        const check = await sendAndCheck(app, desk.database.db, request, { before: counts });
        counts = check.after;
        if (expectRefusal && check.status < 400) check.problems.push(`accepted nonsense with ${check.status}`);
        assertNoProblems(request, check);
      }),
      fuzzParameters(runs),
    );
    if (result.failed) failures.push(`${operation.method} ${operation.path}: ${String(result.errorInstance)}`);
  }
  return failures;
}

describe("every authenticated read route, sent hostile paths and queries", () => {
  it("never answers 5xx and refuses with a JSON { code, message }", async () => {
    expect(reads.length).toBeGreaterThan(20);
    const failures = await failuresOf(reads, (operation) => fuzzRequest(operation, { authorization }), 10, false);
    expect(failures).toEqual([]);
  });
});

describe("every authenticated write route, sent hostile input", () => {
  it("never answers 5xx, refuses with a JSON { code, message } and writes nothing when it refuses", async () => {
    expect(operations.length).toBeGreaterThan(30);
    const failures = await failuresOf(operations, (operation) => fuzzRequest(operation, { authorization }), 20, false);
    expect(failures).toEqual([]);
  });

  it("refuses a body of the wrong type altogether with a 4xx, where the route needs a body", async () => {
    const wrongType = fc.oneof(
      fc.array(fc.jsonValue(), { maxLength: 3 }),
      fc.integer(),
      hostileString,
      fc.constant(null),
    );
    const failures = await failuresOf(
      operations.filter((operation) => operation.requiresBody),
      (operation) =>
        fuzzRequest(operation, { authorization }).chain((request) =>
          wrongType.map((body) => ({
            ...request,
            headers: { authorization, "content-type": "application/json" },
            payload: JSON.stringify(body),
          })),
        ),
      5,
      true,
    );
    expect(failures).toEqual([]);
  });
});
