import type { FastifyInstance } from "fastify";
import type { Access } from "./auth.ts";

export type RegisteredRoute = {
  method: string;
  /** With its prefix, as fastify matches it: "/api/v1/tickets/:id". */
  url: string;
  access: Access | undefined;
  websocket: boolean;
};

const tables = new WeakMap<object, RegisteredRoute[]>();

/** Keeps a list of every route registered on the app from now on (the access matrix test reads it). */
export function trackRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  tables.set(app, routes);
  app.addHook("onRoute", (route) => {
    const config = (route.config ?? {}) as { access?: Access };
    const websocket = Boolean((route as { websocket?: boolean }).websocket);
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, access: config.access, websocket });
    }
  });
}

export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  const routes = tables.get(app);
  if (!routes) throw new Error("this app was not built with trackRoutes");
  return routes;
}
