import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { sleep } from "./soak-helpers.ts";

/** How the sink answers the desk's replies: accept, answer late, or refuse for now. */
export type SinkBehaviour =
  | { kind: "accept" }
  | { kind: "delay"; milliseconds: number }
  | { kind: "fail"; code: 421 | 451 };

export type SinkDelivery = { messageId: string; text: string; at: number };

/**
 * The customers' mail server, as the desk's outbound SMTP peer: it records every mail it accepts
 * with its Message-ID, so the soak can count each reply on the receiving side.
 */
export class MailSink {
  readonly deliveries: SinkDelivery[] = [];
  refusals = 0;
  behaviour: SinkBehaviour = { kind: "accept" };
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["AUTH", "STARTTLS"],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          void this.answer(Buffer.concat(chunks)).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    server.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = server.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
    this.server = server;
  }

  private async answer(raw: Buffer): Promise<void> {
    const behaviour = this.behaviour;
    if (behaviour.kind === "fail") {
      this.refusals += 1;
      const text =
        behaviour.code === 421 ? "4.3.2 Service shutting down, try later" : "4.3.0 Mailbox busy, try again later";
      throw Object.assign(new Error(text), { responseCode: behaviour.code });
    }
    if (behaviour.kind === "delay") await sleep(behaviour.milliseconds);
    const mail = await simpleParser(raw);
    this.deliveries.push({ messageId: mail.messageId ?? "(none)", text: mail.text ?? "", at: Date.now() });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    return server ? new Promise((resolve) => server.close(() => resolve())) : Promise.resolve();
  }
}
