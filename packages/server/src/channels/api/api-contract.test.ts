import { expect } from "vitest";
import { type ChannelUnderTest, channelContract, type WireMessage } from "../../testing/channel-contract.ts";
import { startFakeApiReceiver } from "../../testing/fake-providers/fake-api-receiver.ts";
import { startProviderDesk } from "../../testing/fake-providers/provider-harness.ts";
import { signPayload } from "./api-signature.ts";

const signingSecret = "contract-signing-secret-0123456789";

channelContract({
  name: "generic API",
  signsMessages: true,
  async start(): Promise<ChannelUnderTest> {
    const receiver = await startFakeApiReceiver({ signingSecret });
    const { desk, deliver } = await startProviderDesk({
      channel: "api",
      provider: "api",
      name: "X bridge",
      settings: { url: `${receiver.url}/replies` },
      secrets: { signingSecret },
    });
    const send = (message: WireMessage, secret: string) => {
      const body = JSON.stringify({
        from: { handle: { provider: "x", value: message.from } },
        body: message.text,
        ...(message.subject ? { subject: message.subject } : {}),
        ...(message.inReplyTo ? { inReplyTo: [message.inReplyTo] } : {}),
      });
      return deliver({
        body,
        headers: {
          "idempotency-key": message.id,
          "x-responder-signature": signPayload(secret, body, desk.clock.now()),
        },
      });
    };
    return {
      deps: desk,
      workspaceId: desk.workspaceId,
      sender: (n) => `customer_handle_${n}`,
      async receive(message) {
        const response = await send(message, signingSecret);
        expect([200, 201], response.body).toContain(response.status);
      },
      async receiveForged(message) {
        return { refused: (await send(message, "forged-secret-forged-secret")).status === 401 };
      },
      async sent() {
        return receiver.requests.flatMap((request) => {
          const body = request.json as
            | { to?: { handle?: { value: string } }; body?: string; inReplyTo?: string[] }
            | undefined;
          const answer = request.response?.body as { id?: string } | undefined;
          return request.response?.status === 200 && answer?.id
            ? [
                {
                  to: body?.to?.handle?.value ?? "",
                  text: body?.body ?? "",
                  replyHandle: answer.id,
                  threading: body?.inReplyTo ?? [],
                },
              ]
            : [];
        });
      },
      failNextSend(failure) {
        receiver.failNext(
          failure === "unavailable"
            ? { status: 503, body: "busy" }
            : { status: 422, body: { error: "unknown recipient" } },
        );
      },
      threadsByMessageId: false,
      async close() {
        await desk.close();
        await receiver.close();
      },
    };
  },
});
