import { z } from "zod";
import { pingDatabase } from "../../storage/database.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { errorResponse } from "../schemas.ts";

export function registerHealthRoutes(api: HttpApp, deps: Pick<HttpDeps, "isReady" | "database">) {
  api.get(
    "/health",
    {
      config: { access: "public" },
      schema: {
        summary:
          "Whether the desk is ready: migrations applied, every configured listener up and the database answering",
        security: [],
        response: { 200: z.object({ status: z.literal("ok") }), 503: errorResponse },
      },
    },
    async (_request, reply) => {
      if (!deps.isReady())
        return reply.status(503).send({ code: "unavailable", message: "The desk is still starting." });
      try {
        await pingDatabase(deps.database);
      } catch {
        return reply.status(503).send({
          code: "unavailable",
          message: "The desk cannot reach its database; it reconnects by itself once the database answers again.",
        });
      }
      return { status: "ok" as const };
    },
  );
}
