import { expect } from "vitest";
import { type ChannelUnderTest, channelContract, type WireMessage } from "../../testing/channel-contract.ts";
import { metaSignature, startFakeMetaGraph } from "../../testing/fake-providers/fake-meta-graph.ts";
import { startProviderDesk } from "../../testing/fake-providers/provider-harness.ts";

const appSecret = "contract-app-secret";
const accessToken = "contract-access-token";

channelContract({
  name: "WhatsApp Cloud API",
  signsMessages: true,
  async start(): Promise<ChannelUnderTest> {
    const graph = await startFakeMetaGraph({ accessToken });
    const { desk, deliver } = await startProviderDesk({
      channel: "social",
      provider: "whatsapp",
      name: "WhatsApp",
      settings: { phoneNumberId: "106540352242922", apiBaseUrl: graph.url },
      secrets: { appSecret, accessToken, verifyToken: "verify" },
    });
    const payload = (message: WireMessage) =>
      JSON.stringify({
        object: "whatsapp_business_account",
        entry: [
          {
            id: "102290129340398",
            changes: [
              {
                field: "messages",
                value: {
                  messaging_product: "whatsapp",
                  metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
                  contacts: [{ profile: { name: "Customer" }, wa_id: message.from.replace("+", "") }],
                  messages: [
                    {
                      from: message.from.replace("+", ""),
                      id: message.id,
                      timestamp: String(Math.floor(desk.clock.now().getTime() / 1000)),
                      type: "text",
                      text: { body: message.text },
                      ...(message.inReplyTo ? { context: { from: "15550783881", id: message.inReplyTo } } : {}),
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
    const send = (message: WireMessage, secret: string) => {
      const body = payload(message);
      return deliver({ body, headers: { "x-hub-signature-256": metaSignature(body, secret) } });
    };
    return {
      deps: desk,
      workspaceId: desk.workspaceId,
      sender: (n) => `+1650555${String(n).padStart(4, "0")}`,
      async receive(message) {
        const response = await send(message, appSecret);
        expect(response.status, response.body).toBe(200);
      },
      async receiveForged(message) {
        return { refused: (await send(message, "forged-secret")).status === 403 };
      },
      async sent() {
        return graph.requests.flatMap((request) => {
          const body = request.json as { to?: string; text?: { body: string } } | undefined;
          const answer = request.response?.body as { messages?: { id: string }[] } | undefined;
          const id = request.response?.status === 200 ? answer?.messages?.[0]?.id : undefined;
          return id && body?.to
            ? [{ to: `+${body.to}`, text: body.text?.body ?? "", replyHandle: id, threading: [] }]
            : [];
        });
      },
      failNextSend(failure) {
        graph.failNext(
          failure === "unavailable"
            ? { status: 503, body: { error: { message: "Service temporarily unavailable", code: 2 } } }
            : { status: 400, body: { error: { message: "(#131026) Message undeliverable", code: 131026 } } },
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
