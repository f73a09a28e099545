import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createConnection, type WidgetMemory } from "./connection.ts";
import type { ServerFrame } from "./protocol.ts";

// The widget's connection against a fake WebSocket: what it sends, and what it does when the
// socket drops before the desk acknowledged a message.

class FakeSocket {
  static opened: FakeSocket[] = [];
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.onclose?.({ code: 1000 });
  }
  deliver(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function memory(): WidgetMemory & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => (value === null ? values.delete(key) : values.set(key, value)),
  };
}

const events = () => ({
  welcome: vi.fn(),
  acknowledged: vi.fn(),
  message: vi.fn(),
  agentTyping: vi.fn(),
  presence: vi.fn(),
  askEmail: vi.fn(),
  emailSaved: vi.fn(),
  status: vi.fn(),
});

const welcome = (history: { id: string; clientId?: string }[] = [], conversationId: string | null = "conv-1") =>
  ({
    type: "welcome",
    conversationId,
    identified: false,
    agentsOnline: true,
    emailKnown: false,
    history: history.map((item) => ({ from: "visitor", body: "b", at: "2026-01-01T00:00:00Z", ...item })),
  }) satisfies ServerFrame;

beforeEach(() => {
  FakeSocket.opened = [];
  vi.useFakeTimers();
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal("location", { origin: "https://shop.example", pathname: "/pricing", search: "?token=secret" });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the widget's connection", () => {
  it("says hello with the stored visitor and conversation", () => {
    const stored = memory();
    stored.set("visitor", "visitor-from-last-visit-0001");
    stored.set("conversation", "conv-9");
    createConnection("wss://desk.example/widget/socket", stored, events()).start();
    const socket = FakeSocket.opened[0];
    socket?.onopen?.();
    expect(socket?.sent[0]).toMatchObject({
      type: "hello",
      visitorId: "visitor-from-last-visit-0001",
      conversationId: "conv-9",
      page: "https://shop.example/pricing",
    });
  });

  it("resends an unacknowledged message after reconnecting, with the same client id", () => {
    const stored = memory();
    const connection = createConnection("wss://desk.example/widget/socket", stored, events());
    connection.start();
    const first = FakeSocket.opened[0];
    first?.onopen?.();
    first?.deliver(welcome());
    const message = connection.send("Is my order shipped?");
    expect(first?.sent.at(-1)).toEqual({ type: "message", clientId: message.clientId, body: "Is my order shipped?" });

    first?.close();
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.opened[1];
    second?.onopen?.();
    second?.deliver(welcome());
    expect(second?.sent.filter((frame) => frame.type === "message")).toEqual([
      { type: "message", clientId: message.clientId, body: "Is my order shipped?" },
    ]);

    second?.deliver({
      type: "ack",
      clientId: message.clientId,
      messageId: "m1",
      conversationId: "conv-1",
      duplicate: true,
    });
    expect(JSON.parse(stored.get("pending") ?? "[]")).toEqual([]);
  });

  it("does not resend what the history shows the desk already stored", () => {
    const stored = memory();
    const connection = createConnection("wss://desk.example/widget/socket", stored, events());
    connection.start();
    const first = FakeSocket.opened[0];
    first?.onopen?.();
    first?.deliver(welcome());
    const message = connection.send("Hello");
    first?.close();
    vi.advanceTimersByTime(1_000);
    const second = FakeSocket.opened[1];
    second?.onopen?.();
    second?.deliver(welcome([{ id: "m1", clientId: message.clientId }]));
    expect(second?.sent.filter((frame) => frame.type === "message")).toEqual([]);
  });

  it("waits longer after each failed reconnect", () => {
    createConnection("wss://desk.example/widget/socket", memory(), events()).start();
    const pauses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = FakeSocket.opened.length;
      FakeSocket.opened.at(-1)?.close();
      let waited = 0;
      while (FakeSocket.opened.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      pauses.push(waited);
    }
    expect(pauses.at(-1)).toBeGreaterThan(pauses[0] ?? 0);
    expect(pauses[4]).toBeGreaterThanOrEqual(8_000 * 0.75);
  });

  it("gives up on an unknown workspace (close code 1008)", () => {
    createConnection("wss://desk.example/widget/socket", memory(), events()).start();
    FakeSocket.opened[0]?.onclose?.({ code: 1008 });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.opened).toHaveLength(1);
  });
});
