import WebSocket from "ws";

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever the desk sent and asserts on it
type Frame = any;

/** A WebSocket client for tests and benchmarks: collects frames and waits for the next one that matches. */
export async function connectSocket(url: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(url, { headers });
  const frames: Frame[] = [];
  let seen = 0;
  const waiters: { match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on("message", (data) => {
    const frame = JSON.parse(data.toString());
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.match(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
    socket.once("unexpected-response", (_request, response) =>
      reject(new Error(`the socket was refused with HTTP ${response.statusCode}`)),
    );
  });
  return {
    socket,
    frames,
    closed,
    send(frame: unknown) {
      socket.send(typeof frame === "string" ? frame : JSON.stringify(frame));
    },
    /** The first frame after the last one returned that has this type (and passes `where`). */
    next(type: string, where: (frame: Frame) => boolean = () => true): Promise<Frame> {
      const match = (frame: Frame) => frame.type === type && where(frame);
      const index = frames.findIndex((frame, position) => position >= seen && match(frame));
      if (index >= 0) {
        seen = index + 1;
        return Promise.resolve(frames[index]);
      }
      return new Promise((resolve) =>
        waiters.push({
          match,
          resolve: (frame) => {
            seen = frames.length;
            resolve(frame);
          },
        }),
      );
    },
    close() {
      socket.close();
      return closed;
    },
  };
}

export type SocketClient = Awaited<ReturnType<typeof connectSocket>>;
