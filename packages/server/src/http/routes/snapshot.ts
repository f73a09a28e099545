import { z } from "zod";
import { parseSnapshot } from "../../core/snapshot/parse-snapshot.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse, 413: errorResponse };
const snapshotDocument = z
  .record(z.string(), z.unknown())
  .describe("a workspace snapshot, format support-responder/workspace@1");

export function registerSnapshotRoutes(api: HttpApp, deps: Pick<HttpDeps, "snapshots" | "importLimitBytes">) {
  api.get(
    "/export",
    {
      config: { access: "admin" },
      schema: {
        tags: ["workspace"],
        summary: "The whole workspace as a snapshot, read in one consistent transaction",
        response: { 200: snapshotDocument, ...errors },
      },
    },
    async (request) => deps.snapshots.exportSnapshot(principalOf(request).workspaceId),
  );

  api.post(
    "/import",
    {
      config: { access: "admin" },
      bodyLimit: deps.importLimitBytes ?? 512 * 1024 * 1024,
      schema: {
        tags: ["workspace"],
        summary: "Load a snapshot: validated whole first, then applied in one transaction (all or nothing)",
        body: snapshotDocument,
        response: { 200: z.object({ tickets: z.number(), messages: z.number() }), ...errors },
      },
    },
    async (request) => {
      // Validated here rather than by the route schema so that errors carry the snapshot's JSON path.
      const snapshot = parseSnapshot(request.body);
      return deps.snapshots.importSnapshot(principalOf(request).workspaceId, snapshot);
    },
  );
}
