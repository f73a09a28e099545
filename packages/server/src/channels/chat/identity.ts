import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * In-app identity verification, as Intercom and Help Scout do it: the host app's server signs the
 * user id with the workspace's secret (HMAC-SHA256, hex), and the widget passes the signature along.
 * Only a valid signature makes a user identified; anything else is an anonymous visitor.
 */
export function signUserId(secret: string, userId: string): string {
  return createHmac("sha256", secret).update(userId, "utf8").digest("hex");
}

export function isValidUserSignature(secret: string, userId: string, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signUserId(secret, userId), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
