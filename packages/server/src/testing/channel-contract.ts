import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type DeliveryDeps,
  deliverMessage,
  deliverMessageJob,
  planDelivery,
} from "../core/channels/deliver-message.ts";
import type { JobQueue } from "../core/ports.ts";
import { addMessage } from "../core/tickets/ticket-use-cases.ts";

/** A job the in-memory queue was asked to run. */
export type RecordedJob = {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  runAt: Date | null;
  singletonKey: string | null;
};

export type RecordingJobQueue = JobQueue & { scheduled: RecordedJob[]; cancelled: string[] };

/** A JobQueue that only records what it was asked, for tests of handlers that schedule work. */
export function createRecordingJobQueue(): RecordingJobQueue {
  const scheduled: RecordedJob[] = [];
  const cancelled: string[] = [];
  return {
    scheduled,
    cancelled,
    async schedule(name, payload, options) {
      const pending = scheduled.some(
        (job) => job.name === name && options?.singletonKey && job.singletonKey === options.singletonKey,
      );
      if (pending) return null;
      const id = `job-${scheduled.length + 1}`;
      scheduled.push({ id, name, payload, runAt: options?.runAt ?? null, singletonKey: options?.singletonKey ?? null });
      return id;
    },
    async cancel(_name, jobId) {
      cancelled.push(jobId);
      return scheduled.some((job) => job.id === jobId);
    },
  };
}

/** A message as the provider would carry it, before the channel turns it into its wire format. */
export type WireMessage = {
  /** The provider's id for the message (a Message-ID, a WhatsApp message id, an update id). */
  id: string;
  /** The sender as the provider names them: from `sender(n)`. */
  from: string;
  text: string;
  subject?: string;
  /** What the provider says this message answers: a `replyHandle` of a message the fake received. */
  inReplyTo?: string;
};

/** What the provider's fake received from the desk. */
export type SentMessage = {
  /** Whom it went to, as the provider names them (comparable with `sender(n)`). */
  to: string;
  text: string;
  /** What a customer's answer to it would reference (an email's Message-ID, a provider's message id). */
  replyHandle: string;
  /** The provider ids it was sent as a reply to (In-Reply-To/References, a quoted message id). */
  threading: string[];
};

/** One channel under test: a desk with the channel wired in, and the provider's fake. */
export type ChannelUnderTest = {
  deps: Omit<DeliveryDeps, "jobs">;
  workspaceId: string;
  /** A sender the provider knows, distinct for each n. */
  sender(n: number): string;
  /** Delivers a message in the provider's wire format; resolves once the channel acknowledged it, rejects if it refused. */
  receive(message: WireMessage): Promise<void>;
  /** Delivers a message with a forged signature; resolves to whether the channel refused it (needed when the harness signsMessages). */
  receiveForged?(message: WireMessage): Promise<{ refused: boolean }>;
  sent(): Promise<SentMessage[]>;
  /** The provider's fake fails its next send: `unavailable` as a 5xx, `refused` as a permanent refusal. */
  failNextSend(failure: "unavailable" | "refused"): void;
  /** Whether a reply carries the ids of the messages it answers (email does; most chat providers thread by recipient). */
  threadsByMessageId: boolean;
  close(): Promise<void>;
};

export type ChannelHarness = {
  name: string;
  /** Whether the provider signs what it sends (webhook signatures); such channels must refuse forgeries. */
  signsMessages: boolean;
  start(): Promise<ChannelUnderTest>;
};

let uniqueness = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${++uniqueness}`;

/**
 * The behaviour every channel shares. A channel's test calls it once with a harness that speaks
 * the provider's wire format; each case starts its own channel.
 */
export function channelContract(harness: ChannelHarness): void {
  describe(`${harness.name} channel contract`, () => {
    let channel: ChannelUnderTest;
    let jobs: RecordingJobQueue;
    let deps: DeliveryDeps;

    beforeEach(async () => {
      channel = await harness.start();
      jobs = createRecordingJobQueue();
      deps = { ...channel.deps, jobs };
    });

    afterEach(async () => {
      await channel.close();
    });

    const ticketsOf = async (sender: string) => {
      const all = await deps.tickets.list(channel.workspaceId, {}, { limit: 100 });
      const details = await Promise.all(all.items.map((ticket) => deps.tickets.get(channel.workspaceId, ticket.id)));
      const tickets = details.filter((ticket) => ticket !== null);
      const customers = await Promise.all(
        tickets.map((ticket) => deps.customers.get(channel.workspaceId, ticket.customerId)),
      );
      return tickets.filter((_ticket, index) => {
        const customer = customers[index];
        if (!customer) return false;
        const names = [customer.email, customer.phone, ...Object.values(customer.handles ?? {})];
        return names.some((name) => name && comparable(name) === comparable(sender));
      });
    };

    /** Replies as an agent and runs the planned delivery (and any retry) until it settles or `attempts` run out. */
    const replyAsAgent = async (ticketId: string, body: string) => {
      const { ticket } = await addMessage(
        { workspaceId: channel.workspaceId, ticketId, author: "agent:contract", public: true, body },
        deps,
      );
      const message = ticket.messages.at(-1);
      if (!message) throw new Error("the reply was not stored");
      const planned = await planDelivery({ workspaceId: channel.workspaceId, ticketId, messageId: message.id }, deps);
      expect(planned, "the ticket's channel has a sender in the registry").not.toBeNull();
      return message.id;
    };

    const runDelivery = (messageId: string) => deliverMessage({ workspaceId: channel.workspaceId, messageId }, deps);

    it("opens a ticket for the sender of a new message", async () => {
      const sender = channel.sender(1);
      await channel.receive({ id: unique("first"), from: sender, text: "My invoice is wrong", subject: "Invoice" });

      const [ticket, ...others] = await ticketsOf(sender);
      expect(others).toHaveLength(0);
      expect(ticket?.messages).toHaveLength(1);
      expect(ticket?.messages[0]?.author).toBe("customer");
      expect(ticket?.messages[0]?.body).toContain("My invoice is wrong");

      await channel.receive({ id: unique("other"), from: channel.sender(2), text: "Another person" });
      expect(await ticketsOf(channel.sender(2))).toHaveLength(1);
      expect(await ticketsOf(sender)).toHaveLength(1);
    });

    it("makes one message of the same provider id delivered twice", async () => {
      const sender = channel.sender(1);
      const message = { id: unique("twice"), from: sender, text: "Hello once" };
      await channel.receive(message);
      await channel.receive(message);

      const tickets = await ticketsOf(sender);
      expect(tickets).toHaveLength(1);
      expect(tickets[0]?.messages).toHaveLength(1);
    });

    it("sends an agent's reply to the provider and threads the customer's answer into the ticket", async () => {
      const sender = channel.sender(1);
      const first = unique("question");
      await channel.receive({ id: first, from: sender, text: "Where is my order?", subject: "Order" });
      const [ticket] = await ticketsOf(sender);
      if (!ticket) throw new Error("no ticket opened");

      const replyId = await replyAsAgent(ticket.id, "It ships **today**.");
      const delivery = await runDelivery(replyId);
      expect(delivery?.status).toBe("sent");

      const sent = await channel.sent();
      expect(sent).toHaveLength(1);
      expect(comparable(sent[0]?.to ?? "")).toBe(comparable(sender));
      expect(sent[0]?.text).toContain("today");
      if (channel.threadsByMessageId) expect(sent[0]?.threading).toContain(first);

      await channel.receive({ id: unique("answer"), from: sender, text: "Thanks!", inReplyTo: sent[0]?.replyHandle });
      const after = await ticketsOf(sender);
      expect(after).toHaveLength(1);
      expect(after[0]?.messages.map((message) => message.body).at(-1)).toContain("Thanks!");
    });

    it("never sends a reply twice", async () => {
      await channel.receive({ id: unique("once"), from: channel.sender(1), text: "Help" });
      const [ticket] = await ticketsOf(channel.sender(1));
      if (!ticket) throw new Error("no ticket opened");
      const replyId = await replyAsAgent(ticket.id, "On it.");

      await Promise.all([runDelivery(replyId), runDelivery(replyId)]);
      await runDelivery(replyId);

      expect(await channel.sent()).toHaveLength(1);
      expect((await deps.deliveries.get(channel.workspaceId, replyId))?.status).toBe("sent");
    });

    it("retries a reply the provider could not take (5xx) with the same id, and sends it once", async () => {
      await channel.receive({ id: unique("retry"), from: channel.sender(1), text: "Help" });
      const [ticket] = await ticketsOf(channel.sender(1));
      if (!ticket) throw new Error("no ticket opened");
      const replyId = await replyAsAgent(ticket.id, "Trying again.");

      channel.failNextSend("unavailable");
      const failed = await runDelivery(replyId);
      expect(failed?.status).toBe("retrying");
      expect(failed?.lastError).toBeTruthy();
      const retry = jobs.scheduled.filter((job) => job.name === deliverMessageJob && job.runAt !== null);
      expect(retry).toHaveLength(1);
      expect(retry[0]?.runAt?.getTime()).toBeGreaterThan(deps.clock.now().getTime());

      const sent = await runDelivery(replyId);
      expect(sent?.status).toBe("sent");
      expect(sent?.attempts).toBe(2);
      expect(sent?.externalId).toBe(failed?.externalId);
      expect(await channel.sent()).toHaveLength(1);
    });

    it("marks a reply the provider refuses as rejected and tells the agent why", async () => {
      await channel.receive({ id: unique("refused"), from: channel.sender(1), text: "Help" });
      const [ticket] = await ticketsOf(channel.sender(1));
      if (!ticket) throw new Error("no ticket opened");
      const replyId = await replyAsAgent(ticket.id, "This will bounce.");

      channel.failNextSend("refused");
      const delivery = await runDelivery(replyId);
      expect(delivery?.status).toBe("rejected");
      expect(await runDelivery(replyId)).toMatchObject({ status: "rejected", attempts: 1 });

      const after = await deps.tickets.get(channel.workspaceId, ticket.id);
      const note = after?.messages.at(-1);
      expect(note).toMatchObject({ author: "system", public: false });
      expect(note?.body).toContain("not delivered");
      expect(await channel.sent()).toHaveLength(0);
    });

    if (harness.signsMessages) {
      it("refuses a message with a forged signature", async () => {
        if (!channel.receiveForged)
          throw new Error(`${harness.name} signs its messages but its harness cannot forge one`);
        const outcome = await channel.receiveForged({ id: unique("forged"), from: channel.sender(3), text: "Hi" });
        expect(outcome.refused).toBe(true);
        expect(await ticketsOf(channel.sender(3))).toHaveLength(0);
      });
    }
  });
}

function comparable(name: string): string {
  return name.trim().toLowerCase();
}
