import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChannelRegistry } from "../../channels/registry.ts";
import type { Channel } from "../../core/channels/channel.ts";
import { deliverMessage, planDelivery } from "../../core/channels/deliver-message.ts";
import { receiveMessage } from "../../core/channels/receive-message.ts";
import { addMessage } from "../../core/tickets/ticket-use-cases.ts";
import { createRecordingJobQueue } from "../../testing/channel-contract.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";

let desk: TestDesk;
let token: string;
let ticketId: string;

beforeAll(async () => {
  desk = await createTestDesk();
  token = await desk.issueToken("agent");
  const refusing: Channel = {
    channel: "email",
    provider: "smtp",
    send: async () => ({ status: "rejected", reason: "550 mailbox unavailable" }),
    externalIdFor: ({ messageId }) => `${messageId}@desk.example.test`,
  };
  const deps = { ...desk, channels: createChannelRegistry([refusing]), jobs: createRecordingJobQueue() };
  const received = await receiveMessage(
    {
      workspaceId: desk.workspaceId,
      message: {
        channel: "email",
        provider: "smtp",
        externalId: "question@example.test",
        threadIds: [],
        from: { email: "ada@example.test" },
        body: "Hello?",
        at: desk.clock.now(),
      },
    },
    deps,
  );
  ticketId = received.ticketId;
  const { ticket } = await addMessage(
    { workspaceId: desk.workspaceId, ticketId, author: "agent:agent-1", public: true, body: "Hi Ada" },
    deps,
  );
  const messageId = ticket.messages.at(-1)?.id ?? "";
  await planDelivery({ workspaceId: desk.workspaceId, ticketId, messageId }, deps);
  await deliverMessage({ workspaceId: desk.workspaceId, messageId }, deps);
});

afterAll(async () => {
  await desk.close();
});

describe("GET /tickets/{id}/deliveries", () => {
  it("shows how each reply went out, with the id it went out under and why it failed", async () => {
    const response = await apiClient(await desk.app(), token).get(`/tickets/${ticketId}/deliveries`);
    expect(response.status).toBe(200);
    expect(response.body.deliveries).toHaveLength(1);
    expect(response.body.deliveries[0]).toMatchObject({
      channel: "email",
      provider: "smtp",
      status: "rejected",
      attempts: 1,
      lastError: "550 mailbox unavailable",
      sentAt: null,
    });
    expect(response.body.deliveries[0].externalId).toMatch(/@desk\.example\.test$/);
  });

  it("answers 404 for a ticket that does not exist", async () => {
    const response = await apiClient(await desk.app(), token).get("/tickets/404404/deliveries");
    expect(response.status).toBe(404);
  });
});
