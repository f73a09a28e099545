import { z } from "zod";
import type { HttpApp, HttpDeps } from "../app.ts";
import { errorResponse } from "../schemas.ts";

export function registerHealthRoutes(api: HttpApp, deps: Pick<HttpDeps, "isReady">) {
  api.get(
    "/health",
    {
      config: { access: "public" },
      schema: {
        summary: "Whether the desk is ready: migrations applied and every configured listener up",
        security: [],
        response: { 200: z.object({ status: z.literal("ok") }), 503: errorResponse },
      },
    },
    async (_request, reply) => {
      if (!deps.isReady())
        return reply.status(503).send({ code: "unavailable", message: "The desk is still starting." });
      return { status: "ok" as const };
    },
  );
}
