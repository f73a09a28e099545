import { useEffect, useRef, useState } from "react";

/** A change the desk announces on GET /api/v1/live: the outbox row's kind, and the ticket it concerns. */
export type LiveEvent = { type: string; ticketId?: string | null; payload?: Record<string, unknown> };

type SocketLike = {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(): void;
};

export type LiveConnectionOptions = {
  url: () => string;
  openSocket: (url: string) => SocketLike;
  setTimer: (run: () => void, milliseconds: number) => unknown;
  clearTimer: (timer: unknown) => void;
};

const firstRetryMilliseconds = 1_000;
const longestRetryMilliseconds = 30_000;
// Proxies close quiet sockets after a minute or so; a ping keeps it open and proves it still answers.
const pingMilliseconds = 25_000;
// Moving between screens drops and adds subscribers in one go: keep the socket through that.
const idleCloseMilliseconds = 2_000;

/**
 * One socket for the whole app, open while anything listens: it counts as live from the desk's
 * `ready` (the session was accepted), and reconnects with a growing pause when it drops.
 */
export function createLiveConnection(options: LiveConnectionOptions) {
  const listeners = new Set<(event: LiveEvent) => void>();
  const statusListeners = new Set<(live: boolean) => void>();
  let socket: SocketLike | null = null;
  let live = false;
  let retryDelay = firstRetryMilliseconds;
  let retryTimer: unknown = null;
  let pingTimer: unknown = null;
  let idleTimer: unknown = null;

  const setLive = (value: boolean) => {
    if (live === value) return;
    live = value;
    for (const listener of statusListeners) listener(value);
  };

  const stopTimers = () => {
    for (const timer of [retryTimer, pingTimer, idleTimer]) if (timer !== null) options.clearTimer(timer);
    retryTimer = pingTimer = idleTimer = null;
  };

  const ping = () => {
    pingTimer = options.setTimer(() => {
      socket?.send(JSON.stringify({ type: "ping" }));
      ping();
    }, pingMilliseconds);
  };

  const open = () => {
    retryTimer = null;
    let opened: SocketLike;
    try {
      opened = options.openSocket(options.url());
    } catch {
      scheduleRetry();
      return;
    }
    socket = opened;
    opened.onmessage = (message) => {
      let event: LiveEvent | null = null;
      try {
        event = JSON.parse(String(message.data)) as LiveEvent;
      } catch {
        return;
      }
      if (!event || typeof event.type !== "string") return;
      if (event.type === "ready") {
        retryDelay = firstRetryMilliseconds;
        setLive(true);
        if (pingTimer === null) ping();
        return;
      }
      for (const listener of listeners) listener(event);
    };
    opened.onclose = () => {
      if (socket !== opened) return;
      socket = null;
      if (pingTimer !== null) options.clearTimer(pingTimer);
      pingTimer = null;
      setLive(false);
      if (listeners.size > 0) scheduleRetry();
    };
    opened.onerror = () => opened.close();
  };

  const scheduleRetry = () => {
    if (retryTimer !== null) return;
    retryTimer = options.setTimer(open, retryDelay);
    retryDelay = Math.min(retryDelay * 2, longestRetryMilliseconds);
  };

  const shutDown = () => {
    stopTimers();
    const closing = socket;
    socket = null;
    closing?.close();
    setLive(false);
    retryDelay = firstRetryMilliseconds;
  };

  return {
    /** Listens to changes and to the socket going live or down; the returned function stops listening. */
    subscribe(onEvent: (event: LiveEvent) => void, onStatus: (live: boolean) => void): () => void {
      listeners.add(onEvent);
      statusListeners.add(onStatus);
      if (idleTimer !== null) {
        options.clearTimer(idleTimer);
        idleTimer = null;
      }
      if (!socket && retryTimer === null) open();
      onStatus(live);
      return () => {
        listeners.delete(onEvent);
        statusListeners.delete(onStatus);
        if (listeners.size === 0 && idleTimer === null) {
          idleTimer = options.setTimer(() => {
            idleTimer = null;
            if (listeners.size === 0) shutDown();
          }, idleCloseMilliseconds);
        }
      };
    },
    isLive: () => live,
  };
}

let shared: ReturnType<typeof createLiveConnection> | null = null;

function sharedConnection() {
  shared ??= createLiveConnection({
    url: () => `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/v1/live`,
    openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    setTimer: (run, milliseconds) => window.setTimeout(run, milliseconds),
    clearTimer: (timer) => window.clearTimeout(timer as number),
  });
  return shared;
}

// Without the socket, screens poll: often enough to feel live, rarely enough to stay cheap.
export const pollMilliseconds = 5_000;
// Several changes in a burst (a bulk action, a merge) cost one refetch.
const settleMilliseconds = 200;

/**
 * Calls `refetch` when the desk announces a change `matches` cares about, once when the socket
 * (re)connects (changes may have been missed meanwhile), and every few seconds while it is down.
 * Returns whether updates are live.
 */
export function useLiveRefresh(refetch: () => void, matches: (event: LiveEvent) => boolean): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef({ refetch, matches });
  latest.current = { refetch, matches };

  useEffect(() => {
    let settleTimer: number | null = null;
    let wasLive: boolean | null = null;
    const refetchSoon = () => {
      if (settleTimer !== null) return;
      settleTimer = window.setTimeout(() => {
        settleTimer = null;
        latest.current.refetch();
      }, settleMilliseconds);
    };
    const unsubscribe = sharedConnection().subscribe(
      (event) => {
        if (latest.current.matches(event)) refetchSoon();
      },
      (isLive) => {
        if (isLive && wasLive === false) refetchSoon();
        wasLive = isLive;
        setLive(isLive);
      },
    );
    return () => {
      unsubscribe();
      if (settleTimer !== null) window.clearTimeout(settleTimer);
    };
  }, []);

  useEffect(() => {
    if (live) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") latest.current.refetch();
    }, pollMilliseconds);
    return () => window.clearInterval(timer);
  }, [live]);

  return live;
}

/** The ticket changes a list of tickets shows. */
export const changesTickets = (event: LiveEvent) =>
  event.type === "ticket.created" || event.type === "ticket.updated" || event.type === "message.added";
