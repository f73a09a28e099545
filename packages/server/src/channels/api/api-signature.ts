import { hmac, sameSignature } from "./provider-support.ts";

/** How far a signed request's timestamp may be from our clock; older ones are replays. */
export const signatureToleranceSeconds = 300;

/**
 * The generic API channel's signature, both ways: `X-Responder-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>" keyed with the account's signing secret>` (the scheme Stripe
 * uses), so a captured request cannot be replayed later or with another body.
 */
export function signPayload(secret: string, body: string | Buffer, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmac("sha256", secret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]), "hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyPayloadSignature(
  secret: string | undefined,
  header: string | undefined,
  body: Buffer,
  now: Date,
): SignatureCheck {
  if (!secret) return { ok: false, reason: "The channel account has no signingSecret." };
  if (!header) return { ok: false, reason: "X-Responder-Signature is missing." };
  const fields = new Map(
    header.split(",").map((part) => {
      const [name = "", ...value] = part.trim().split("=");
      return [name, value.join("=")] as const;
    }),
  );
  const timestamp = Number(fields.get("t"));
  const signature = fields.get("v1");
  if (!Number.isInteger(timestamp) || !signature) {
    return { ok: false, reason: "X-Responder-Signature must look like t=<unix seconds>,v1=<hex signature>." };
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > signatureToleranceSeconds) {
    return {
      ok: false,
      reason: `The signature's timestamp is more than ${signatureToleranceSeconds} seconds from now.`,
    };
  }
  const expected = signPayload(secret, body, new Date(timestamp * 1000)).split("v1=")[1] ?? "";
  return sameSignature(signature.toLowerCase(), expected)
    ? { ok: true }
    : { ok: false, reason: "X-Responder-Signature does not match the body." };
}
