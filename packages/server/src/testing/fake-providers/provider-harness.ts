import type { FastifyInstance } from "fastify";
import type { ChannelAccount, NewChannelAccount } from "../../core/ports.ts";
import { createTestDesk, type TestDesk } from "../create-test-desk.ts";

/** A desk with one provider account connected, and its HTTP app for delivering webhooks in process. */
export type ProviderDesk = {
  desk: TestDesk;
  app: FastifyInstance;
  account: ChannelAccount;
  /** POSTs a raw body to the account's webhook route (or /messages for the API channel). */
  deliver(options: {
    body: string | Buffer;
    headers?: Record<string, string>;
    event?: string;
    method?: "GET" | "POST";
    query?: Record<string, string>;
  }): Promise<{ status: number; body: string; contentType: string }>;
};

export async function startProviderDesk(account: Omit<NewChannelAccount, "enabled">): Promise<ProviderDesk> {
  const desk = await createTestDesk();
  const app = await desk.app();
  const created = await desk.channelAccounts.create(desk.workspaceId, { ...account, enabled: true }, desk.clock.now());
  return {
    desk,
    app,
    account: created,
    async deliver({ body, headers = {}, event, method = "POST", query }) {
      const path =
        account.provider === "api"
          ? `/api/v1/channels/${created.id}/messages`
          : `/api/v1/channels/${created.id}/webhook${event ? `/${event}` : ""}`;
      const response = await app.inject({
        method,
        url: path,
        ...(query ? { query } : {}),
        headers: method === "POST" ? { "content-type": "application/json", ...headers } : headers,
        ...(method === "POST" ? { payload: body } : {}),
      });
      return {
        status: response.statusCode,
        body: response.body,
        contentType: String(response.headers["content-type"] ?? ""),
      };
    },
  };
}
