import { expect } from "vitest";
import { type ChannelUnderTest, channelContract, type WireMessage } from "../../testing/channel-contract.ts";
import { startFakeTwilio } from "../../testing/fake-providers/fake-twilio.ts";
import { startProviderDesk } from "../../testing/fake-providers/provider-harness.ts";
import { twilioSignature } from "./twilio-signature.ts";

const accountSid = "AC0123456789abcdef0123456789abcdef";
const authToken = "contract-auth-token";
const publicBase = "https://desk.example.com";

channelContract({
  name: "Twilio SMS",
  signsMessages: true,
  async start(): Promise<ChannelUnderTest> {
    const twilio = await startFakeTwilio({ accountSid, authToken });
    const { desk, deliver, account } = await startProviderDesk({
      channel: "phone",
      provider: "twilio",
      name: "Support line",
      settings: { accountSid, phoneNumber: "+15005550006", apiBaseUrl: twilio.url, webhookBaseUrl: publicBase },
      secrets: { authToken },
    });
    const send = (message: WireMessage, token: string) => {
      const params = new URLSearchParams({
        MessageSid: message.id,
        SmsSid: message.id,
        AccountSid: accountSid,
        From: message.from,
        To: "+15005550006",
        Body: message.text,
        NumMedia: "0",
      });
      const url = `${publicBase}/api/v1/channels/${account.id}/webhook/sms`;
      return deliver({
        event: "sms",
        body: params.toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilioSignature(token, url, params),
        },
      });
    };
    return {
      deps: desk,
      workspaceId: desk.workspaceId,
      sender: (n) => `+1415555${String(n).padStart(4, "0")}`,
      async receive(message) {
        const response = await send(message, authToken);
        expect(response.status, response.body).toBe(200);
      },
      async receiveForged(message) {
        return { refused: (await send(message, "forged-token")).status === 403 };
      },
      async sent() {
        return twilio.requests.flatMap((request) => {
          const answer = request.response?.body as { sid?: string } | undefined;
          return request.response?.status === 201 && answer?.sid
            ? [
                {
                  to: request.form.get("To") ?? "",
                  text: request.form.get("Body") ?? "",
                  replyHandle: answer.sid,
                  threading: [],
                },
              ]
            : [];
        });
      },
      failNextSend(failure) {
        twilio.failNext(
          failure === "unavailable"
            ? { status: 503, body: { code: 20503, message: "Service Unavailable", status: 503 } }
            : { status: 400, body: { code: 21610, message: "Attempt to send to unsubscribed recipient", status: 400 } },
        );
      },
      threadsByMessageId: false,
      async close() {
        await desk.close();
        await twilio.close();
      },
    };
  },
});
