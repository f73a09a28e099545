import { z } from "zod";
import type { InboundMessage } from "../../core/channels/channel.ts";
import type { ChannelWebhook } from "../../core/ports.ts";
import { verifyPayloadSignature } from "./api-signature.ts";
import {
  badRequest,
  clipBody,
  externalIdOf,
  jsonReply,
  maxInboundBodyCharacters,
  parseJson,
  receiveInConversation,
  sameSignature,
  type WebhookDeps,
} from "./provider-support.ts";

const maxAttachmentBytes = 5 * 1024 * 1024;

export const apiInboundMessage = z
  .object({
    from: z
      .object({
        email: z.email().optional(),
        phone: z
          .string()
          .regex(/^\+?[\d\s().-]{6,20}$/, "must be a phone number, e.g. +14155551212")
          .optional(),
        handle: z.object({ provider: z.string().min(1).max(50), value: z.string().min(1).max(200) }).optional(),
        name: z.string().max(200).optional(),
      })
      .refine((from) => from.email || from.phone || from.handle, "needs an email, a phone or a handle"),
    body: z
      .string()
      .min(1, "must not be empty")
      .max(maxInboundBodyCharacters * 5),
    subject: z.string().max(500).optional(),
    at: z.iso.datetime({ offset: true }).optional().describe("when the customer wrote it; now when absent"),
    conversation: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe("your id for the conversation (e.g. an X direct-message conversation): its messages share a ticket"),
    inReplyTo: z
      .array(z.string().min(1).max(200))
      .max(50)
      .default([])
      .describe("ids of earlier messages this one answers"),
    ticketReference: z.string().max(100).optional(),
    attachments: z
      .array(
        z.object({
          filename: z.string().min(1).max(255),
          contentType: z.string().min(1).max(200),
          contentBase64: z.base64(),
        }),
      )
      .max(10)
      .default([]),
    attributes: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

/**
 * POST /api/v1/channels/{id}/messages: anything that is not one of the named providers (X/Twitter
 * through a bridge, a form, another product). The Idempotency-Key header is the message's id, and
 * the request is signed with the account's signing secret, or carries its inbound token.
 */
export function createApiWebhook(deps: WebhookDeps): ChannelWebhook {
  return {
    provider: "api",
    async handle(request, account) {
      if (request.method !== "POST" || request.event !== "messages") {
        return jsonReply(404, {
          code: "not_found",
          message: "The API channel takes messages at POST /api/v1/channels/{id}/messages.",
        });
      }
      const refusal = authenticate(request.headers, request.rawBody, account.secrets, deps.clock.now());
      if (refusal) return jsonReply(401, { code: "unauthorized", message: refusal });
      const key = request.headers["idempotency-key"]?.trim();
      if (!key || key.length > 200) {
        return badRequest(
          "Send an Idempotency-Key header (1 to 200 characters): your id for this message, the same on every retry.",
        );
      }
      const parsed = apiInboundMessage.safeParse(parseJson(request.rawBody));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return badRequest(
          `body${issue?.path.length ? `.${issue.path.join(".")}` : ""}: ${issue?.message ?? "is not valid JSON"}`,
        );
      }
      const input = parsed.data;
      const attachments = input.attachments.map((attachment) => {
        const content = Buffer.from(attachment.contentBase64, "base64");
        return { filename: attachment.filename, contentType: attachment.contentType, size: content.length, content };
      });
      const tooLarge = attachments.find((attachment) => attachment.size > maxAttachmentBytes);
      if (tooLarge)
        return jsonReply(413, {
          code: "too_large",
          message: `Attachment ${tooLarge.filename} is over ${maxAttachmentBytes} bytes.`,
        });
      const message: InboundMessage = {
        channel: "api",
        provider: "api",
        externalId: externalIdOf("api", account.id, key),
        threadIds: input.inReplyTo.map((id) => externalIdOf("api", account.id, id)),
        ...(input.ticketReference ? { ticketReference: input.ticketReference } : {}),
        from: input.from,
        ...(input.subject ? { subject: input.subject } : {}),
        body: clipBody(input.body),
        at: input.at ? new Date(input.at) : deps.clock.now(),
        ...(attachments.length > 0 ? { attachments } : {}),
        attributes: {
          ...input.attributes,
          provider: "api",
          channelAccountId: account.id,
          // Replies go back to the sender as the caller named them (a handle on X, say).
          recipient: input.from,
          ...(input.conversation ? { conversation: input.conversation } : {}),
        },
      };
      const received = input.conversation
        ? await receiveInConversation(deps, account, input.conversation, message)
        : await deps.receive(account.workspaceId, message);
      return jsonReply(received.duplicate ? 200 : 201, received);
    },
  };
}

function authenticate(
  headers: Record<string, string | undefined>,
  rawBody: Buffer,
  secrets: Record<string, string>,
  now: Date,
): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.authorization ?? "")?.[1];
  if (bearer && secrets.inboundToken && sameSignature(bearer, secrets.inboundToken)) return null;
  const check = verifyPayloadSignature(secrets.signingSecret, headers["x-responder-signature"], rawBody, now);
  if (check.ok) return null;
  return bearer ? "The bearer token is not this channel account's inbound token." : check.reason;
}
