import fc from "fast-check";
import type { FuzzRequest } from "./check-answer.ts";
import {
  brokenJson,
  hostileContentType,
  hostileJson,
  hostileQuery,
  hostileString,
  pathSegment,
  wellFormed,
} from "./hostile-input.ts";

/** One route to fuzz: its path with `:name` parameters and what is worth sending it. */
export type RouteUnderFuzz = {
  method: FuzzRequest["method"];
  /** e.g. "/api/v1/tickets/:id/messages"; a trailing "*" takes any rest of the path. */
  path: string;
  /** Values that exist, per parameter, so that some requests get past the lookup. */
  existing?: Record<string, readonly string[]>;
  /** Body fields the route knows (from its schema), so some bodies get past the first checks. */
  bodyKeys?: readonly string[];
  queryKeys?: readonly string[];
};

/** A request to `route` with hostile path parameters, query, content type and body. */
export function fuzzRequest(route: RouteUnderFuzz, headers: Record<string, string> = {}): fc.Arbitrary<FuzzRequest> {
  const names = [...route.path.matchAll(/:([A-Za-z]+)|\*/g)].map((match) => match[1] ?? "*");
  const segments = fc.tuple(...names.map((name) => pathSegment(route.existing?.[name] ?? [])));
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  const body = hasBody
    ? fc.oneof(
        {
          weight: 6,
          arbitrary: fc.tuple(fc.constant<string | undefined>("application/json"), hostileJson(route.bodyKeys)),
        },
        { weight: 2, arbitrary: fc.tuple(hostileContentType, hostileJson(route.bodyKeys)) },
        { weight: 1, arbitrary: fc.tuple(fc.constant<string | undefined>("application/json"), brokenJson) },
        { weight: 1, arbitrary: fc.tuple(hostileContentType, formBody(route.bodyKeys ?? [])) },
        { weight: 1, arbitrary: fc.tuple(hostileContentType, fc.constant<string | undefined>(undefined)) },
      )
    : fc.oneof(
        { weight: 5, arbitrary: fc.constant<[string | undefined, string | undefined]>([undefined, undefined]) },
        { weight: 1, arbitrary: fc.tuple(hostileContentType, hostileJson(route.bodyKeys)) },
      );
  return fc
    .record({ segments, query: fc.option(hostileQuery(route.queryKeys), { freq: 2 }), body })
    .map(({ segments: values, query, body: [contentType, payload] }) => {
      let index = 0;
      const path = route.path.replace(/:([A-Za-z]+)|\*/g, () => values[index++] ?? "");
      return {
        method: route.method,
        url: query === null ? path : `${path}?${query}`,
        headers: { ...headers, ...(contentType === undefined ? {} : { "content-type": contentType }) },
        ...(payload === undefined ? {} : { payload }),
      };
    });
}

/** A form-encoded body over the route's fields (what browsers post). */
function formBody(keys: readonly string[]): fc.Arbitrary<string> {
  const key = keys.length > 0 ? fc.oneof(fc.constantFrom(...keys), hostileString) : hostileString;
  return fc
    .array(fc.tuple(key, hostileString), { maxLength: 6 })
    .map((pairs) =>
      new URLSearchParams(pairs.map(([name, value]) => [wellFormed(name), wellFormed(value)])).toString(),
    );
}
