import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import type { InboundMessage, ReceivedMessage } from "../../core/channels/channel.ts";
import { createSenderRateLimit, type RateLimit } from "../../core/channels/sender-rate-limit.ts";
import { isDeskError } from "../../core/errors.ts";
import type { Clock } from "../../core/ports.ts";
import { parseEmail } from "./parse-email.ts";

export type SmtpInboundOptions = {
  port: number;
  host: string;
  /** Largest mail accepted, in bytes; larger ones are refused with 552. */
  maxBytes: number;
  /** Recipient addresses accepted; null accepts mail for any recipient. */
  mailboxes: string[] | null;
  rateLimit: RateLimit;
  clock: Clock;
  /** Stores the message; resolves only once it is committed. */
  receive(message: InboundMessage): Promise<ReceivedMessage>;
  log?: (line: string) => void;
};

export type SmtpInbound = { port: number; close(): Promise<void> };

type SmtpError = Error & { responseCode: number };

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * The built-in SMTP server: any mail for an accepted mailbox is parsed and stored, and answered
 * 250 only after it is committed; a storage failure gets a temporary 451 so the sending server
 * tries again later, and mail that can never be stored (no sender) a permanent 550.
 */
export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SmtpInbound> {
  const mailboxes = options.mailboxes ? new Set(options.mailboxes.map((box) => box.trim().toLowerCase())) : null;
  const rateLimit = createSenderRateLimit(options.rateLimit, options.clock);
  const server = new SMTPServer({
    name: "support-responder",
    banner: "Support Responder",
    // A receiving server for the desk's own addresses: no relaying, so no logins. TLS belongs in
    // front of it (or a mail server forwarding to it) in this version.
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: options.maxBytes,
    logger: false,
    onMailFrom(address, _session, callback) {
      if (!rateLimit.allow(address.address || "<>")) {
        return callback(smtpError(450, "4.7.1 Too many messages from this sender; try again later"));
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (mailboxes && !mailboxes.has(address.address.toLowerCase())) {
        return callback(smtpError(550, `5.1.1 No mailbox ${address.address} here`));
      }
      callback();
    },
    onData(stream, session, callback) {
      readMail(stream, options.maxBytes)
        .then(async (raw) => {
          if (!raw) throw smtpError(552, `5.3.4 Message too big: the limit is ${options.maxBytes} bytes`);
          const message = await parseEmail(raw, {
            provider: "smtp",
            mailFrom: envelopeSender(session),
            receivedAt: options.clock.now(),
          });
          await options.receive(message);
          callback();
        })
        .catch((error: unknown) => callback(asSmtpError(error, options.log)));
    },
  });
  server.on("error", (error) => options.log?.(`SMTP: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The whole mail, or null when it went over the size limit (the rest is read and dropped). */
function readMail(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on("error", reject);
    stream.on("end", () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks)));
  });
}

function envelopeSender(session: SMTPServerSession): string | null {
  const from = session.envelope.mailFrom;
  return from === false ? null : from.address;
}

function asSmtpError(error: unknown, log?: (line: string) => void): SmtpError {
  if (error instanceof Error && typeof (error as SmtpError).responseCode === "number") return error as SmtpError;
  if (isDeskError(error) && error.code === "invalid_input") return smtpError(550, `5.6.0 ${error.message}`);
  log?.(`SMTP: could not store a message (answered 451, the sender will retry): ${rootCause(error)}`);
  return smtpError(451, "4.3.0 The message could not be stored right now; try again later");
}

/** The innermost cause's message: "connect ECONNREFUSED ..." rather than the failed query's text and parameters. */
function rootCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5; depth++) {
    const cause = current instanceof Error ? current.cause : undefined;
    if (!(cause instanceof Error)) break;
    current = cause;
  }
  return current instanceof Error ? current.message : String(current);
}
