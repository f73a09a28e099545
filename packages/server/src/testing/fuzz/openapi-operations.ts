import type { FastifyInstance } from "fastify";
import type { FuzzRequest } from "./check-answer.ts";
import type { RouteUnderFuzz } from "./route-requests.ts";

type JsonSchema = {
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  required?: string[];
};

type OpenApiDocument = {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        parameters?: Array<{ in?: string; name?: string }>;
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};

export type WriteOperation = RouteUnderFuzz & { requiresBody: boolean };

/**
 * Every write operation (POST, PATCH, PUT, DELETE) the API document lists, with the field names its
 * body schema knows at any depth, so the fuzzer reaches past the first check into deeper rules.
 */
export async function writeOperations(app: FastifyInstance): Promise<WriteOperation[]> {
  return apiOperations(app, ["post", "patch", "put", "delete"]);
}

/** Every GET operation the API document lists, with the query parameters it declares. */
export async function readOperations(app: FastifyInstance): Promise<WriteOperation[]> {
  return apiOperations(app, ["get"]);
}

async function apiOperations(app: FastifyInstance, wanted: readonly string[]): Promise<WriteOperation[]> {
  const document = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as OpenApiDocument;
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined =>
    schema?.$ref ? document.components?.schemas?.[schema.$ref.split("/").pop() ?? ""] : schema;
  const fieldNames = (schema: JsonSchema | undefined, seen: Set<JsonSchema>, names: Set<string>): Set<string> => {
    const resolved = resolve(schema);
    if (!resolved || seen.has(resolved)) return names;
    seen.add(resolved);
    for (const [name, property] of Object.entries(resolved.properties ?? {})) {
      names.add(name);
      fieldNames(property, seen, names);
    }
    for (const part of [
      resolved.items,
      ...(resolved.anyOf ?? []),
      ...(resolved.oneOf ?? []),
      ...(resolved.allOf ?? []),
    ]) {
      fieldNames(part, seen, names);
    }
    return names;
  };

  const operations: WriteOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!wanted.includes(method)) continue;
      const schema = resolve(operation.requestBody?.content?.["application/json"]?.schema);
      operations.push({
        method: method.toUpperCase() as FuzzRequest["method"],
        path: path.replace(/\{\*\}/g, "*").replace(/\{([A-Za-z]+)\}/g, ":$1"),
        bodyKeys: [...fieldNames(schema, new Set(), new Set())],
        requiresBody: (schema?.required?.length ?? 0) > 0,
        queryKeys: (operation.parameters ?? [])
          .filter((parameter) => parameter.in === "query" && parameter.name)
          .map((parameter) => parameter.name as string),
      });
    }
  }
  return operations;
}
