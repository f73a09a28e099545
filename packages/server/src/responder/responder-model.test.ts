import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { createFakeOpenAIServer, type FakeOpenAIServer } from "../testing/fake-openai-server.ts";
import { createModelWriter } from "./model-writer.ts";

let server: FakeOpenAIServer;
let desk: TestDesk;
let api: ApiClient;
let ticketId: string;

beforeAll(async () => {
  server = createFakeOpenAIServer();
  await server.start();
  const model = createModelWriter({
    provider: "openai-compatible",
    model: "local-test",
    baseUrl: server.url,
    timeoutMs: 5000,
  });
  desk = await createTestDesk({ model });
  api = apiClient(await desk.app(), await desk.issueToken("agent"));
  const created = await api.post("/tickets", {
    customer: { email: "rosa@example.test", name: "Rosa Lindqvist" },
    subject: "Can't sign in after resetting my password",
    message: { body: "I reset my password this morning and now the sign-in page just reloads. What can I do?" },
  });
  ticketId = (created.body as { id: string }).id;
});
afterAll(async () => {
  await desk.close();
  await server.close();
});

function answerWith(reply: string) {
  server.respond(() =>
    JSON.stringify({ reply, internalNote: "Login loop after a password reset; asked for the browser.", citations: [] }),
  );
}

describe("a configured language model", () => {
  it("rewrites the reply, goes through review and is named as the engine", async () => {
    answerWith("Hi Rosa,\n\nSorry the sign-in page keeps reloading after your reset. Which browser are you using?");
    const draft = await desk.responder.draft("default", ticketId);
    expect(draft.engine).toBe("openai-compatible:local-test");
    expect(draft.reply.body).toContain("Which browser are you using?");
    expect(draft.internalNote.body).toMatch(/prompt tokens/);
    const request = server.chatRequests().at(-1);
    expect(JSON.stringify(request?.messages)).toContain("Rosa Lindqvist");
  });

  it("falls back to the offline draft when the model states a figure the workspace does not hold", async () => {
    answerWith("Hi Rosa,\n\nI've refunded you 45 dollars and reset your account.");
    const draft = await desk.responder.draft("default", ticketId);
    expect(draft.engine).toBe("offline");
    expect(draft.reply.body).not.toContain("45");
    expect(draft.internalNote.body).toMatch(/figures without a source: 45/);
  });

  it("falls back to the offline draft when the model fails", async () => {
    server.respond(() => ({ status: 500, message: "model crashed" }));
    const draft = await desk.responder.draft("default", ticketId);
    expect(draft.engine).toBe("offline");
    expect(draft.reply.body).toMatch(/^Hi Rosa,/);
  });
});
