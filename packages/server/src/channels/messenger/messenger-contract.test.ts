import { expect } from "vitest";
import { type ChannelUnderTest, channelContract, type WireMessage } from "../../testing/channel-contract.ts";
import { metaSignature, startFakeMetaGraph } from "../../testing/fake-providers/fake-meta-graph.ts";
import { startProviderDesk } from "../../testing/fake-providers/provider-harness.ts";

const appSecret = "contract-app-secret";
const accessToken = "contract-page-token";

for (const provider of ["messenger", "instagram"] as const) {
  channelContract({
    name: provider === "messenger" ? "Facebook Messenger" : "Instagram messaging",
    signsMessages: true,
    async start(): Promise<ChannelUnderTest> {
      const graph = await startFakeMetaGraph({ accessToken });
      const { desk, deliver } = await startProviderDesk({
        channel: "social",
        provider,
        name: provider,
        settings: {
          ...(provider === "messenger" ? { pageId: "112233445566" } : { instagramAccountId: "17841400000000" }),
          apiBaseUrl: graph.url,
        },
        secrets: { appSecret, accessToken, verifyToken: "verify" },
      });
      const send = (message: WireMessage, secret: string) => {
        const body = JSON.stringify({
          object: provider === "messenger" ? "page" : "instagram",
          entry: [
            {
              id: "112233445566",
              time: desk.clock.now().getTime(),
              messaging: [
                {
                  sender: { id: message.from },
                  recipient: { id: "112233445566" },
                  timestamp: desk.clock.now().getTime(),
                  message: {
                    mid: message.id,
                    text: message.text,
                    ...(message.inReplyTo ? { reply_to: { mid: message.inReplyTo } } : {}),
                  },
                },
              ],
            },
          ],
        });
        return deliver({ body, headers: { "x-hub-signature-256": metaSignature(body, secret) } });
      };
      return {
        deps: desk,
        workspaceId: desk.workspaceId,
        sender: (n) => `65412365478${String(n).padStart(5, "0")}`,
        async receive(message) {
          const response = await send(message, appSecret);
          expect(response.status, response.body).toBe(200);
        },
        async receiveForged(message) {
          return { refused: (await send(message, "forged")).status === 403 };
        },
        async sent() {
          return graph.requests.flatMap((request) => {
            const body = request.json as { recipient?: { id: string }; message?: { text: string } } | undefined;
            const answer = request.response?.body as { message_id?: string } | undefined;
            return request.response?.status === 200 && answer?.message_id && body?.recipient
              ? [
                  {
                    to: body.recipient.id,
                    text: body.message?.text ?? "",
                    replyHandle: answer.message_id,
                    threading: [],
                  },
                ]
              : [];
          });
        },
        failNextSend(failure) {
          graph.failNext(
            failure === "unavailable"
              ? { status: 500, body: { error: { message: "An unexpected error has occurred.", code: 1 } } }
              : {
                  status: 400,
                  body: { error: { message: "(#551) This person isn't available right now.", code: 551 } },
                },
          );
        },
        threadsByMessageId: false,
        async close() {
          await desk.close();
          await graph.close();
        },
      };
    },
  });
}
