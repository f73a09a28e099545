import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSocket } from "../channels/chat/socket-test-client.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { fuzzParameters } from "../testing/fuzz/fuzz-settings.ts";
import { brokenJson, hostileJson } from "../testing/fuzz/hostile-input.ts";
import { mutationsOf } from "../testing/fuzz/shaped-like.ts";

let desk: TestDesk;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  base = (await app.listen({ port: 0, host: "127.0.0.1" })).replace(/^http/, "ws");
});
afterAll(() => desk?.close());

const frameTemplates = [
  { type: "hello", visitorId: "fuzz-visitor-0123456789", conversationId: null, page: "https://example.com/pricing" },
  {
    type: "hello",
    visitorId: "fuzz-visitor-0123456789",
    user: { userId: "user-1", email: "ana@example.com", name: "Ana", signature: "00" },
  },
  { type: "message", clientId: "client-0123456789", body: "Hello, is anyone there?" },
  { type: "typing", typing: true },
  { type: "email", email: "ana@example.com" },
  { type: "track", event: "viewed_pricing", data: { plan: "pro" } },
  { type: "history" },
];

/** One frame as a visitor's browser (or a script pretending to be one) might send it. */
const hostileFrame = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .constantFrom(...frameTemplates)
      .chain((frame) => mutationsOf(frame))
      .map((value) => JSON.stringify(value) ?? "null"),
  },
  { weight: 2, arbitrary: fc.constantFrom(...frameTemplates).map((frame) => JSON.stringify(frame)) },
  {
    weight: 2,
    arbitrary: hostileJson([
      "type",
      "visitorId",
      "conversationId",
      "user",
      "clientId",
      "body",
      "email",
      "event",
      "data",
    ]),
  },
  { weight: 1, arbitrary: brokenJson.filter((text) => text.length > 0) },
);

type Client = Awaited<ReturnType<typeof connectSocket>>;

describe("the widget's visitor socket, sent hostile frames", () => {
  it("answers every frame without an internal error, and keeps answering", async () => {
    // One socket for as long as the desk keeps it open: the widget socket is rate limited per address.
    let client: Client | null = null;
    let open = false;
    let acknowledged = 0;
    const connect = async () => {
      if (client && open) return client;
      const fresh = await connectSocket(`${base}/widget/socket?workspace=${desk.workspaceId}`);
      open = true;
      void fresh.closed.then(() => {
        open = false;
      });
      client = fresh;
      return fresh;
    };
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(hostileFrame, { minLength: 1, maxLength: 5 }), async (frames) => {
          // Long runs (FUZZ_RUNS) flood the socket, which the desk closes; past 30 reconnects a minute the
          // address is refused, as it should be, and the remaining cases have nothing to send on.
          const socket = await connect().catch((error: Error) => {
            if (/HTTP 429/.test(error.message)) return null;
            throw error;
          });
          if (!socket) return;
          const seen = socket.frames.length;
          for (const frame of frames) socket.send(frame);
          // A ping answered after the frames (handled in order) shows the session still works, or the socket closed on purpose.
          socket.send({ type: "ping" });
          const outcome = await Promise.race([socket.next("pong").then(() => null), socket.closed]);
          const internal = socket.frames
            .slice(seen)
            .filter((frame) => frame.type === "error" && frame.code === "internal");
          expect(internal).toEqual([]);
          acknowledged += socket.frames.slice(seen).filter((frame) => frame.type === "ack").length;
          if (outcome) expect(outcome.code).not.toBe(1011);
        }),
        fuzzParameters(40),
      );
      // Enough frames are well formed that messages get stored, so the deeper code ran too.
      expect(acknowledged).toBeGreaterThan(0);
    } finally {
      (client as Client | null)?.socket.terminate();
    }
  });
});
