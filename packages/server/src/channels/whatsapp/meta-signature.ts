import type { WebhookReply, WebhookRequest } from "../../core/ports.ts";
import { forbidden, hmac, jsonReply, sameSignature, textReply } from "../api/provider-support.ts";

/**
 * Meta (WhatsApp Cloud API, Messenger, Instagram) signs each webhook POST with
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`.
 */
export function verifyMetaSignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string | undefined,
): boolean {
  if (!header || !appSecret) return false;
  const [scheme, signature = ""] = header.split("=", 2);
  if (scheme !== "sha256") return false;
  return sameSignature(signature.toLowerCase(), hmac("sha256", appSecret, rawBody, "hex"));
}

/**
 * The subscription handshake: Meta calls GET with hub.mode=subscribe, hub.verify_token and
 * hub.challenge, and expects the challenge echoed back when the token is the one we configured.
 */
export function answerSubscription(request: WebhookRequest, verifyToken: string | undefined): WebhookReply {
  const { "hub.mode": mode, "hub.verify_token": token, "hub.challenge": challenge } = request.query;
  if (mode !== "subscribe" || !challenge)
    return jsonReply(400, { code: "invalid_input", message: "Expected hub.mode=subscribe with a hub.challenge." });
  if (!verifyToken || !token || !sameSignature(token, verifyToken)) {
    return forbidden("hub.verify_token does not match the channel account's verifyToken.");
  }
  return textReply(200, challenge);
}

/** The refusal for a POST whose signature does not check out. */
export function checkMetaPost(request: WebhookRequest, appSecret: string | undefined): WebhookReply | null {
  if (verifyMetaSignature(request.rawBody, request.headers["x-hub-signature-256"], appSecret)) return null;
  return forbidden("X-Hub-Signature-256 is missing or does not match the body signed with the app secret.");
}
