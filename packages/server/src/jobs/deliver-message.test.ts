import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Channel, OutboundMessage, SendResult } from "../core/channels/channel.ts";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { addMessage } from "../core/tickets/ticket-use-cases.ts";
import { createDesk, type Desk, ensureDefaultWorkspace } from "../desk.ts";
import { createTestClock, type TestClock } from "../testing/create-test-desk.ts";
import { createTestDatabase } from "../testing/test-database.ts";

let desk: Desk;
let clock: TestClock;
let sent: OutboundMessage[];
let answers: SendResult["status"][];

beforeEach(async () => {
  const database = await createTestDatabase();
  await ensureDefaultWorkspace(database);
  clock = createTestClock();
  sent = [];
  answers = [];
  const fake: Channel = {
    channel: "email",
    provider: "smtp",
    async send(message) {
      const answer = answers.shift() ?? "sent";
      if (answer === "retryable") return { status: "retryable", reason: "421 try again later" };
      if (answer === "rejected") return { status: "rejected", reason: "550 no such user" };
      sent.push(message);
      return { status: "sent", externalId: message.externalId };
    },
  };
  desk = createDesk(database, clock, { channels: [fake] });
});

afterEach(async () => {
  await desk.jobs.stop();
  await desk.database.close();
});

async function ticketWithAgentReply(body: string) {
  const received = await receiveMessage(
    {
      workspaceId: "default",
      message: {
        channel: "email",
        provider: "smtp",
        externalId: "question@example.test",
        threadIds: [],
        from: { email: "ada@example.test" },
        subject: "Help",
        body: "Help me",
        at: clock.now(),
      },
    },
    desk,
  );
  const { ticket } = await addMessage(
    { workspaceId: "default", ticketId: received.ticketId, author: "agent:agent-1", public: true, body },
    desk,
  );
  return { ticketId: ticket.id, replyId: ticket.messages.at(-1)?.id ?? "" };
}

describe("delivering replies through the job runner", () => {
  it("sends an agent's public reply once, threaded under the customer's message, and nothing else", async () => {
    const { ticketId, replyId } = await ticketWithAgentReply("On it!");
    await addMessage(
      { workspaceId: "default", ticketId, author: "agent:agent-1", public: false, body: "internal" },
      desk,
    );
    await desk.jobs.runDueJobs();
    await desk.jobs.runDueJobs();

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ messageId: replyId, body: "On it!", threadIds: ["question@example.test"] });
    expect(sent[0]?.to.email).toBe("ada@example.test");
    expect(await desk.deliveries.listForTicket("default", ticketId)).toMatchObject([
      { messageId: replyId, status: "sent", attempts: 1 },
    ]);
  });

  it("retries a retryable failure after the backoff and then sends", async () => {
    answers = ["retryable"];
    const { replyId } = await ticketWithAgentReply("Second try");
    await desk.jobs.runDueJobs();
    const retrying = await desk.deliveries.get("default", replyId);
    expect(retrying).toMatchObject({ status: "retrying", attempts: 1, lastError: "421 try again later" });
    expect(sent).toHaveLength(0);

    clock.set(retrying?.nextAttemptAt ?? clock.now());
    clock.advance(1000);
    await desk.jobs.runDueJobs();
    expect(await desk.deliveries.get("default", replyId)).toMatchObject({ status: "sent", attempts: 2 });
    expect(sent).toHaveLength(1);
  });
});
