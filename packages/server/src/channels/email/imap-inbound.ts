import { ImapFlow } from "imapflow";
import type { InboundMessage, ReceivedMessage } from "../../core/channels/channel.ts";
import type { Clock } from "../../core/ports.ts";
import { parseEmail } from "./parse-email.ts";

export type ImapInboundOptions = {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Where handled mail is moved; null keeps it in the mailbox, flagged \Seen. */
  moveTo: string | null;
  /** How often to look when the server does not push new mail (IDLE) or the connection dropped. */
  pollMs: number;
  maxBytes: number;
  clock: Clock;
  /** Stores the message; resolves only once it is committed. */
  receive(message: InboundMessage): Promise<ReceivedMessage>;
  log?: (line: string) => void;
};

export type ImapInbound = {
  /** Handles every unseen mail now; resolves to how many were stored. */
  pollNow(): Promise<number>;
  close(): Promise<void>;
};

/**
 * Reads a mailbox over IMAP: every unseen mail is parsed and stored, and only then flagged \Seen
 * (or moved), so a crash or a storage failure leaves it for the next look. Between looks the
 * connection IDLEs where the server offers it, and new mail starts a look at once.
 */
export async function startImapInbound(options: ImapInboundOptions): Promise<ImapInbound> {
  let client: ImapFlow | null = null;
  let closed = false;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<ImapFlow> => {
    if (client?.usable) return client;
    const fresh = new ImapFlow({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: { user: options.user, pass: options.password },
      logger: false,
      // The connection does nothing but wait for mail: IDLE a second after each look, not fifteen.
      autoIdleDelay: 1000,
    });
    fresh.on("error", (error: Error) => options.log?.(`IMAP: ${error.message}`));
    fresh.on("exists", () => void pollNow());
    await fresh.connect();
    await fresh.mailboxOpen(options.mailbox);
    client = fresh;
    return fresh;
  };

  const handleUnseen = async (): Promise<number> => {
    const connection = await connect();
    const uids = (await connection.search({ seen: false }, { uid: true })) || [];
    let stored = 0;
    for (const uid of uids) {
      const message = await connection.fetchOne(String(uid), { source: true, size: true }, { uid: true });
      if (message === false || !message.source) continue;
      if ((message.size ?? message.source.length) > options.maxBytes) {
        options.log?.(
          `IMAP: mail ${uid} is over the ${options.maxBytes}-byte limit; left unread in ${options.mailbox}.`,
        );
        continue;
      }
      try {
        const inbound = await parseEmail(message.source, { provider: "imap", receivedAt: options.clock.now() });
        await options.receive(inbound);
      } catch (error) {
        // Left unseen: the next look tries it again.
        options.log?.(`IMAP: could not store mail ${uid}: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      if (options.moveTo) await connection.messageMove(String(uid), options.moveTo, { uid: true });
      else await connection.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      stored += 1;
    }
    return stored;
  };

  const pollNow = (): Promise<number> => {
    if (closed) return Promise.resolve(0);
    // One look at a time; a look asked for during one runs right after it.
    const previous = running ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(() => handleUnseen())
      .catch((error: unknown) => {
        options.log?.(`IMAP: ${error instanceof Error ? error.message : String(error)}`);
        client = null;
        return 0;
      });
    running = next;
    return next;
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      void pollNow().finally(schedule);
    }, options.pollMs);
    timer.unref();
  };

  await connect();
  schedule();
  return {
    pollNow,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => 0);
      await client?.logout().catch(() => undefined);
    },
  };
}
