import { createHash, createHmac } from "node:crypto";
import { type FakeServer, type RecordedRequest, startFakeServer } from "./fake-server.ts";

/**
 * Meta's Graph API as the WhatsApp Cloud API, Messenger and Instagram use it: POST
 * /{phone-number-id}/messages (WhatsApp, Bearer token), POST /{page-id}/messages?access_token=
 * (Send API), GET /{media-id} (media URL) and the media download itself.
 */
export type FakeMetaGraph = FakeServer & {
  addMedia(id: string, content: Buffer, mimeType: string): void;
  /** The bodies of the messages sent, in order. */
  sent(): Record<string, unknown>[];
};

const oauthError = {
  error: {
    message: "Invalid OAuth access token - Cannot parse access token",
    type: "OAuthException",
    code: 190,
    fbtrace_id: "Afake",
  },
};

export async function startFakeMetaGraph(options: { accessToken: string }): Promise<FakeMetaGraph> {
  const media = new Map<string, { content: Buffer; mimeType: string }>();
  let counter = 0;
  const authorised = (request: RecordedRequest) =>
    request.headers.authorization === `Bearer ${options.accessToken}` ||
    request.query.get("access_token") === options.accessToken;

  const server = await startFakeServer((request, base) => {
    // Media URLs stand for Meta's CDN; WhatsApp's need the token, Messenger's are signed URLs.
    const download = /^\/(media-download|cdn)\/([^/]+)$/.exec(request.path);
    if (download && request.method === "GET") {
      if (download[1] === "media-download" && !authorised(request)) return { status: 401, body: oauthError };
      const item = media.get(decodeURIComponent(download[2] ?? ""));
      return item ? { status: 200, headers: { "content-type": item.mimeType }, body: item.content } : { status: 404 };
    }
    if (!authorised(request)) return { status: 401, body: oauthError };
    const messages = /^\/([^/]+)\/messages$/.exec(request.path);
    if (messages && request.method === "POST") {
      const body = request.json as Record<string, unknown> | undefined;
      counter += 1;
      if (body?.messaging_product === "whatsapp") {
        if (typeof body.to !== "string" || (body.type !== "text" && body.type !== "template")) {
          return {
            status: 400,
            body: { error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 } },
          };
        }
        return {
          status: 200,
          body: {
            messaging_product: "whatsapp",
            contacts: [{ input: body.to, wa_id: body.to }],
            messages: [{ id: `wamid.FAKE${String(counter).padStart(6, "0")}` }],
          },
        };
      }
      const recipient = (body?.recipient as { id?: string } | undefined)?.id;
      if (!recipient || typeof (body?.message as { text?: unknown } | undefined)?.text !== "string") {
        return {
          status: 400,
          body: { error: { message: "(#100) The parameter recipient is required", type: "OAuthException", code: 100 } },
        };
      }
      return { status: 200, body: { recipient_id: recipient, message_id: `m_FAKE${counter}` } };
    }
    const described = /^\/([^/]+)$/.exec(request.path);
    if (described && request.method === "GET") {
      const id = decodeURIComponent(described[1] ?? "");
      const item = media.get(id);
      if (!item) return { status: 404, body: { error: { message: "Unsupported get request.", code: 100 } } };
      return {
        status: 200,
        body: {
          messaging_product: "whatsapp",
          url: `${base.url}/media-download/${encodeURIComponent(id)}`,
          mime_type: item.mimeType,
          sha256: createHash("sha256").update(item.content).digest("hex"),
          file_size: item.content.length,
          id,
        },
      };
    }
    return { status: 404, body: { error: { message: "Unknown path", code: 803 } } };
  });
  return {
    ...server,
    addMedia: (id, content, mimeType) => media.set(id, { content, mimeType }),
    sent: () =>
      server.requests
        .filter((request) => request.method === "POST" && request.path.endsWith("/messages"))
        .map((request) => request.json as Record<string, unknown>),
  };
}

/** Signs a body as Meta does (X-Hub-Signature-256). */
export function metaSignature(body: string | Buffer, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

export type WhatsAppStatusOptions = {
  /** The wamid the fake (or Meta) gave the message when it was sent. */
  messageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  recipient: string;
  timestamp: number;
  phoneNumberId?: string;
};

/**
 * The `messages` webhook Meta posts when a sent message changes status (Cloud API, "Status
 * messages"); a failed one carries the error as documented, here the 24-hour window's 131047.
 */
export function whatsappStatusWebhook(options: WhatsAppStatusOptions) {
  const conversation = {
    id: "CONVERSATION_ID",
    expiration_timestamp: String(options.timestamp + 24 * 60 * 60),
    origin: { type: "service" },
  };
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "102290129340398",
        changes: [
          {
            value: {
              messaging_product: "whatsapp",
              metadata: {
                display_phone_number: "15550783881",
                phone_number_id: options.phoneNumberId ?? "106540352242922",
              },
              statuses: [
                {
                  id: options.messageId,
                  status: options.status,
                  timestamp: String(options.timestamp),
                  recipient_id: options.recipient,
                  ...(options.status === "failed"
                    ? {
                        errors: [
                          {
                            code: 131047,
                            title: "Re-engagement message",
                            message: "Re-engagement message",
                            error_data: {
                              details:
                                "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                            },
                            href: "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
                          },
                        ],
                      }
                    : {
                        conversation,
                        pricing: { billable: true, pricing_model: "CBP", category: "service" },
                      }),
                },
              ],
            },
            field: "messages",
          },
        ],
      },
    ],
  };
}
