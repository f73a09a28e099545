import { hmac, sameSignature } from "../api/provider-support.ts";

/**
 * Twilio's X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the full URL it
 * called followed by every POST parameter's name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams): string {
  const entries = [...params.entries()].sort(([leftName, leftValue], [rightName, rightValue]) =>
    leftName === rightName ? compare(leftValue, rightValue) : compare(leftName, rightName),
  );
  let data = url;
  for (const [name, value] of entries) data += name + value;
  return hmac("sha1", authToken, data, "base64");
}

export function verifyTwilioSignature(
  authToken: string | undefined,
  url: string,
  params: URLSearchParams,
  header: string | undefined,
): boolean {
  if (!authToken || !header) return false;
  return sameSignature(header, twilioSignature(authToken, url, params));
}

// Byte order, as Twilio's own libraries sort (not locale order).
function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
