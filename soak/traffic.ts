import nodemailer from "nodemailer";
import type pg from "pg";
import { describeError, sleep } from "./soak-helpers.ts";

export type TrafficTarget = {
  baseUrl: string;
  smtpPort: number;
  adminToken: string;
};

type Sent = { acknowledged: boolean; attempts: number };

/** What one kind of operation is, for the mix: weights need not add up to anything. */
export type TrafficMix = { email: number; apiTicket: number; reply: number };

export const defaultMix: TrafficMix = { email: 2, apiTicket: 1, reply: 1 };

const requestTimeoutMs = 15_000;
const maxInFlight = 16;

/**
 * The customers and agents of a soak: numbered inbound mails with unique Message-IDs over SMTP,
 * tickets opened over the API, and agent replies over the API, each remembered with whether the
 * desk acknowledged it (250 after DATA; a 2xx answer), and every answer counted by kind.
 */
export class SoakTraffic {
  /** Inbound mail by Message-ID (without angle brackets). */
  readonly emails = new Map<string, Sent>();
  /** Tickets opened over the API, by the marker in their first message. */
  readonly apiTickets = new Map<string, Sent>();
  /** Replies asked for over the API, by the marker in their body. */
  readonly replies = new Map<string, Sent & { ticketId: string }>();
  /** Every answer by kind, e.g. "api 201", "api 503 unavailable", "smtp 451", "api no answer (ECONNREFUSED)". */
  readonly outcomes = new Map<string, number>();
  /** Tickets a reply can go to: opened over the API or by an acknowledged mail. */
  private readonly tickets: string[] = [];
  private counter = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly target: TrafficTarget,
    private readonly database: pg.Pool,
  ) {}

  /** Operations at `rate` per second, mixed by weight, until `durationMs` is over or `stop()` says so. */
  async run(durationMs: number, rate: number, mix: TrafficMix = defaultMix, stop: () => boolean = () => false) {
    const deadline = Date.now() + durationMs;
    const interval = 1000 / rate;
    let next = Date.now();
    while (Date.now() < deadline && !stop()) {
      if (this.inFlight.size < maxInFlight) this.track(this.pick(mix)());
      next += interval;
      await sleep(Math.max(0, next - Date.now()));
    }
    await this.settle();
  }

  /** Waits for every operation started so far. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  track(operation: Promise<void>): void {
    this.inFlight.add(operation);
    void operation.finally(() => this.inFlight.delete(operation));
  }

  private pick(mix: TrafficMix): () => Promise<void> {
    const total = mix.email + mix.apiTicket + mix.reply;
    const roll = Math.random() * total;
    if (roll < mix.email) return () => this.sendEmail().then(() => {});
    if (roll < mix.email + mix.apiTicket || this.tickets.length === 0) return () => this.openApiTicket();
    return () => this.requestReply();
  }

  private nextNumber(): string {
    this.counter += 1;
    return String(this.counter).padStart(6, "0");
  }

  /** One new numbered mail from a new customer; resolves true when the desk answered 250. */
  async sendEmail(options: { attachment?: Buffer } = {}): Promise<{ messageId: string; acknowledged: boolean }> {
    const number = this.nextNumber();
    const messageId = `soak-mail-${number}@customers.test`;
    this.emails.set(messageId, { acknowledged: false, attempts: 0 });
    const acknowledged = await this.deliverEmail(messageId, number, options.attachment);
    return { messageId, acknowledged };
  }

  /** Sends (again) the mail with this Message-ID, as a sending server retries after a failure. */
  async deliverEmail(messageId: string, number: string, attachment?: Buffer): Promise<boolean> {
    const record = this.emails.get(messageId) ?? { acknowledged: false, attempts: 0 };
    this.emails.set(messageId, record);
    record.attempts += 1;
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: this.target.smtpPort,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: requestTimeoutMs,
    });
    try {
      await transport.sendMail({
        from: `Customer ${number} <customer-${number}@customers.test>`,
        to: "support@desk.test",
        subject: `Order ${number} has not arrived`,
        text: `soak-mail-${number}: my order ${number} has not arrived yet. Can you check it?`,
        messageId: `<${messageId}>`,
        ...(attachment ? { attachments: [{ filename: `receipt-${number}.pdf`, content: attachment }] } : {}),
      });
      record.acknowledged = true;
      this.count("smtp 250");
      const ticketId = await this.ticketOf(messageId);
      if (ticketId) this.tickets.push(ticketId);
      return true;
    } catch (error) {
      const failure = error as { responseCode?: number; code?: string };
      this.count(failure.responseCode ? `smtp ${failure.responseCode}` : `smtp no answer (${failure.code ?? "?"})`);
      return false;
    } finally {
      transport.close();
    }
  }

  /** Sends every mail the desk has not acknowledged yet once more; returns how many were acknowledged now. */
  async resendUnacknowledged(): Promise<number> {
    let acknowledged = 0;
    for (const [messageId, record] of this.emails) {
      if (record.acknowledged) continue;
      const number = /soak-mail-(\d+)@/.exec(messageId)?.[1] ?? "0";
      if (await this.deliverEmail(messageId, number)) acknowledged += 1;
    }
    return acknowledged;
  }

  async openApiTicket(): Promise<void> {
    const number = this.nextNumber();
    const marker = `soak-api-${number}`;
    const record = { acknowledged: false, attempts: 1 };
    this.apiTickets.set(marker, record);
    const response = await this.request("POST", "/api/v1/tickets", {
      customer: { email: `caller-${number}@customers.test`, name: `Caller ${number}` },
      channel: "email",
      subject: `Question ${number}`,
      message: { body: `${marker}: how do I change my billing address?` },
    });
    if (response && response.status >= 200 && response.status < 300) {
      record.acknowledged = true;
      const id = (response.body as { id?: unknown }).id;
      if (typeof id === "string") this.tickets.push(id);
    }
  }

  async requestReply(ticketId?: string): Promise<void> {
    const ticket = ticketId ?? this.tickets[Math.floor(Math.random() * this.tickets.length)];
    if (!ticket) return;
    const marker = `soak-reply-${this.nextNumber()}`;
    const record = { acknowledged: false, attempts: 1, ticketId: ticket };
    this.replies.set(marker, record);
    const response = await this.request("POST", `/api/v1/tickets/${encodeURIComponent(ticket)}/messages`, {
      body: `${marker}: thanks for writing, we are on it.`,
    });
    if (response && response.status >= 200 && response.status < 300) record.acknowledged = true;
  }

  async request(method: string, url: string, body?: unknown): Promise<{ status: number; body: unknown } | null> {
    try {
      const response = await fetch(`${this.target.baseUrl}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${this.target.adminToken}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      const text = await response.text();
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      const code = (parsed as { code?: unknown } | null)?.code;
      const isJsonError = response.status >= 400 && typeof code === "string";
      this.count(
        `api ${response.status}${isJsonError ? ` ${code}` : response.status >= 400 ? " (not a JSON error)" : ""}`,
      );
      return { status: response.status, body: parsed };
    } catch (error) {
      const name = (error as Error).name;
      if (name === "TimeoutError") this.count(`api no answer within ${requestTimeoutMs / 1000} s`);
      else this.count(`api no answer (${networkCode(error)})`);
      return null;
    }
  }

  count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  private async ticketOf(messageId: string): Promise<string | null> {
    try {
      const { rows } = await this.database.query<{ ticket_id: string }>(
        "select ticket_id from messages where external_id = $1 limit 1",
        [messageId],
      );
      return rows[0]?.ticket_id ?? null;
    } catch {
      return null;
    }
  }
}

function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : describeError(error);
}
