import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { clientTypesFile, readDeskOpenApiDocument, renderClientTypes } from "../../../scripts/generate-client-types.ts";

describe("the client's generated API types", () => {
  it("match the desk's routes (run `npx tsx scripts/generate-client-types.ts` when this fails)", async () => {
    const expected = renderClientTypes(await readDeskOpenApiDocument());
    const committed = await readFile(clientTypesFile, "utf8");
    expect(firstDifference(committed, expected), "packages/client/src/api-types.ts is out of date").toBeNull();
  }, 60_000);

  it("render required, optional, nullable, enum, array and referenced shapes", () => {
    const text = renderClientTypes({
      components: {
        schemas: {
          Widget: {
            type: "object",
            properties: {
              id: { type: "string", description: "the widget's id" },
              size: { type: ["number", "null"] },
              colour: { type: "string", enum: ["red", "blue"], nullable: true },
              parts: { type: "array", items: { anyOf: [{ type: "string" }, { type: "number" }] } },
              extra: { type: "object", additionalProperties: {} },
            },
            required: ["id", "size", "colour"],
            additionalProperties: false,
          },
        },
      },
      paths: {
        "/api/v1/widgets/{id}": {
          get: {
            summary: "One widget",
            parameters: [
              { in: "path", name: "id", required: true, schema: { type: "string" } },
              { in: "query", name: "limit", schema: { type: "integer" } },
            ],
            responses: {
              "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } },
              "404": { content: { "application/json": { schema: { type: "object" } } } },
            },
          },
          delete: { responses: { "204": {} } },
        },
        "/help": { get: { responses: { "200": {} } } },
      },
    });
    expect(text).toContain("    /** the widget's id */\n    id: string;");
    expect(text).toContain("size: number | null;");
    expect(text).toContain('colour: "red" | "blue" | null;');
    expect(text).toContain("parts?: (string | number)[];");
    expect(text).toContain("extra?: Record<string, unknown>;");
    expect(text).toContain('  /** One widget */\n  "GET /widgets/{id}": {');
    expect(text).toContain("params: {\n      id: string;\n    };");
    expect(text).toContain("query: {\n      limit?: number;\n    };");
    expect(text).toContain('response: Schemas["Widget"];');
    expect(text).toMatch(/"DELETE \/widgets\/\{id\}": \{[^}]*response: undefined;/);
    expect(text).not.toContain("/help");
  });
});

/** Where two texts first differ, as `line N: committed … / routes …`; null when they are the same. */
function firstDifference(committed: string, expected: string): string | null {
  if (committed === expected) return null;
  const left = committed.split("\n");
  const right = expected.split("\n");
  const index = left.findIndex((line, at) => line !== right[at]);
  const at = index === -1 ? left.length : index;
  return `line ${at + 1}: committed ${JSON.stringify(left[at] ?? "")} / routes ${JSON.stringify(right[at] ?? "")}`;
}
