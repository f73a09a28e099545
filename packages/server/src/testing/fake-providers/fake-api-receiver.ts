import { createHmac } from "node:crypto";
import { type FakeServer, type RecordedRequest, startFakeServer } from "./fake-server.ts";

/**
 * Someone's endpoint for the generic API channel's replies. It checks the signature the way the
 * channel's documentation tells integrators to (HMAC-SHA256 of "<t>.<body>"), answers 401 to a bad
 * one, and answers with an id of its own.
 */
export type FakeApiReceiver = FakeServer & { replies(): Record<string, unknown>[] };

export async function startFakeApiReceiver(options: { signingSecret: string }): Promise<FakeApiReceiver> {
  let counter = 0;
  const validSignature = (request: RecordedRequest) => {
    const header = String(request.headers["x-responder-signature"] ?? "");
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    if (!match) return false;
    const expected = createHmac("sha256", options.signingSecret)
      .update(`${match[1]}.`)
      .update(request.body)
      .digest("hex");
    return expected === match[2];
  };
  const server = await startFakeServer((request) => {
    if (request.method !== "POST" || request.path !== "/replies") return { status: 404 };
    if (!validSignature(request)) return { status: 401, body: { error: "bad signature" } };
    counter += 1;
    return { status: 200, body: { id: `remote-${counter}` } };
  });
  return {
    ...server,
    replies: () =>
      server.requests
        .filter((request) => request.path === "/replies" && validSignature(request))
        .map((request) => request.json as Record<string, unknown>),
  };
}
