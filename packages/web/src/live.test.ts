import { describe, expect, it } from "vitest";
import { createLiveConnection, type LiveEvent } from "./live.ts";

class FakeSocket {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  sent: string[] = [];
  closed = false;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.onclose?.({});
  }
  receive(event: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
}

/** Timers that run only when the test moves the clock. */
function manualTimers() {
  let now = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  return {
    setTimer: (run: () => void, milliseconds: number) => {
      const id = nextId++;
      pending.set(id, { at: now + milliseconds, run });
      return id;
    },
    clearTimer: (id: unknown) => void pending.delete(id as number),
    advance(milliseconds: number) {
      const until = now + milliseconds;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

function setUp() {
  const sockets: FakeSocket[] = [];
  const timers = manualTimers();
  const connection = createLiveConnection({
    url: () => "ws://desk.test/api/v1/live",
    openSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
  });
  const events: LiveEvent[] = [];
  const statuses: boolean[] = [];
  const subscribe = () =>
    connection.subscribe(
      (event) => events.push(event),
      (live) => statuses.push(live),
    );
  return { connection, sockets, timers, events, statuses, subscribe, latest: () => sockets.at(-1) as FakeSocket };
}

describe("the live connection", () => {
  it("counts as live only once the desk says ready, then hands each change to its listeners", () => {
    const { connection, sockets, events, statuses, subscribe, latest } = setUp();
    subscribe();
    expect(sockets.map((socket) => socket.url)).toEqual(["ws://desk.test/api/v1/live"]);
    expect(connection.isLive()).toBe(false);

    latest().receive({ type: "ready", workspaceId: "w1" });
    latest().receive({ type: "ticket.updated", id: 7, ticketId: "42", payload: {} });
    latest().onmessage?.({ data: "not json" });

    expect(connection.isLive()).toBe(true);
    expect(statuses).toEqual([false, true]);
    expect(events).toEqual([{ type: "ticket.updated", id: 7, ticketId: "42", payload: {} }]);
  });

  it("reconnects after a drop with a pause that doubles each time, and starts again from one second once ready", () => {
    const { sockets, timers, statuses, subscribe, latest } = setUp();
    subscribe();
    latest().receive({ type: "ready" });
    latest().close();
    expect(statuses).toEqual([false, true, false]);

    timers.advance(999);
    expect(sockets).toHaveLength(1);
    timers.advance(1);
    expect(sockets).toHaveLength(2);

    latest().close();
    timers.advance(1_999);
    expect(sockets).toHaveLength(2);
    timers.advance(1);
    expect(sockets).toHaveLength(3);

    latest().receive({ type: "ready" });
    latest().close();
    timers.advance(1_000);
    expect(sockets).toHaveLength(4);
    expect(statuses.at(-1)).toBe(false);
  });

  it("pings while open so an idle socket is not dropped", () => {
    const { timers, subscribe, latest } = setUp();
    subscribe();
    latest().receive({ type: "ready" });
    timers.advance(60_000);
    expect(latest().sent.map((frame) => JSON.parse(frame))).toEqual([{ type: "ping" }, { type: "ping" }]);
  });

  it("keeps one socket across a change of screen and closes it when nobody listens any more", () => {
    const { sockets, timers, subscribe, latest } = setUp();
    const leaveInbox = subscribe();
    latest().receive({ type: "ready" });
    leaveInbox();
    const leaveTicket = subscribe();
    timers.advance(10_000);
    expect(sockets).toHaveLength(1);
    expect(latest().closed).toBe(false);

    leaveTicket();
    timers.advance(10_000);
    expect(latest().closed).toBe(true);
    expect(sockets).toHaveLength(1);
  });
});
