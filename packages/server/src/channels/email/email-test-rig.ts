import { type ParsedMail, simpleParser } from "mailparser";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import type { InboundMessage } from "../../core/channels/channel.ts";
import { receiveMessage } from "../../core/channels/receive-message.ts";
import { createRecordingJobQueue } from "../../testing/channel-contract.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { createChannelRegistry } from "../registry.ts";
import { createEmailChannel } from "./email-channel.ts";
import { type SmtpInbound, type SmtpInboundOptions, startSmtpInbound } from "./smtp-inbound.ts";

export const deskAddress = "support@desk.example.test";

/** A local SMTP server standing in for the outside world's mail servers: it keeps what it is sent. */
export async function startSmtpSink() {
  const received: { raw: Buffer; mail: ParsedMail }[] = [];
  let failNext: number | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const code = failNext;
      failNext = null;
      if (code) return callback(Object.assign(new Error(`${code} refused by the test sink`), { responseCode: code }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const raw = Buffer.concat(chunks);
        received.push({ raw, mail: await simpleParser(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    received,
    /** The next recipient is refused with this SMTP code (451: try later, 550: never). */
    failNext(code: number) {
      failNext = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type EmailRig = Awaited<ReturnType<typeof startEmailRig>>;

/** A desk with email in and out on loopback: our SMTP server, the email channel and a sink for what it sends. */
export async function startEmailRig(
  options: Partial<Omit<SmtpInboundOptions, "receive" | "clock">> & {
    receive?: (message: InboundMessage, desk: TestDesk) => Promise<never>;
  } = {},
) {
  const desk = await createTestDesk();
  const sink = await startSmtpSink();
  const email = createEmailChannel(
    { smtpUrl: `smtp://127.0.0.1:${sink.port}`, from: `Support <${deskAddress}>` },
    nodemailer.createTransport({ host: "127.0.0.1", port: sink.port, secure: false, ignoreTLS: true }),
  );
  const jobs = createRecordingJobQueue();
  const deps = { ...desk, channels: createChannelRegistry([email]), jobs };
  const inbound: SmtpInbound = await startSmtpInbound({
    port: 0,
    host: "127.0.0.1",
    maxBytes: options.maxBytes ?? 1024 * 1024,
    mailboxes: options.mailboxes ?? null,
    rateLimit: options.rateLimit ?? { limit: 1000, windowMs: 60_000 },
    clock: desk.clock,
    receive: (message) =>
      options.receive
        ? options.receive(message, desk)
        : receiveMessage({ workspaceId: desk.workspaceId, message }, deps),
  });
  const client = nodemailer.createTransport({ host: "127.0.0.1", port: inbound.port, secure: false, ignoreTLS: true });
  return {
    desk,
    deps,
    jobs,
    sink,
    inbound,
    client,
    async close() {
      client.close();
      await inbound.close();
      await sink.close();
      await desk.close();
    },
  };
}
