import type { FastifyInstance, InjectOptions } from "fastify";

type InjectMethod = NonNullable<InjectOptions["method"]>;

/**
 * A `fetch` that answers from the app in process (`app.inject`): no socket, same routes, same
 * authentication. Only the path and query of the URL matter; the host is ignored.
 */
export function injectFetch(app: FastifyInstance) {
  return async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Response> => {
    const { pathname, search } = new URL(url, "http://in-process");
    const response = await app.inject({
      method: (init.method ?? "GET").toUpperCase() as InjectMethod,
      url: `${pathname}${search}`,
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { payload: init.body }),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
    }
    // A Response may not carry a body with these statuses.
    const bodyless = response.statusCode === 204 || response.statusCode === 304;
    return new Response(bodyless ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers,
    });
  };
}
