import { describe, expect, it } from "vitest";
import { autonomyPolicyOf, mayAutoSend } from "./autonomy.ts";
import type { Draft } from "./draft.ts";

function draft(overrides: Partial<Draft> = {}): Draft {
  return {
    ticketId: "t-1",
    triage: {
      topic: "password reset",
      category: "how_to",
      priority: "normal",
      sentiment: "neutral",
      frustration: 0.1,
      language: "en",
      escalate: null,
    },
    reply: { channel: "chat", body: "Hi Ana, here is how." },
    internalNote: { body: "", tags: [] },
    actions: [],
    followUp: null,
    knowledgeBase: null,
    citations: [{ kind: "article", id: "a-1" }],
    confidence: 0.93,
    engine: "offline",
    ...overrides,
  };
}

describe("autonomy policy", () => {
  it("is off unless the workspace turns it on", () => {
    expect(mayAutoSend(draft(), autonomyPolicyOf({})).send).toBe(false);
  });

  it("sends a confident draft in an allowed category", () => {
    const policy = autonomyPolicyOf({
      responder: { autonomy: { enabled: true, threshold: 0.9, categories: ["how_to"] } },
    });
    expect(mayAutoSend(draft(), policy)).toMatchObject({ send: true });
  });

  it("holds drafts below the threshold, in other categories, escalated or carrying money actions", () => {
    const policy = autonomyPolicyOf({
      responder: { autonomy: { enabled: true, threshold: 0.9, categories: ["how_to"] } },
    });
    expect(mayAutoSend(draft({ confidence: 0.89 }), policy).send).toBe(false);
    expect(mayAutoSend(draft({ triage: { ...draft().triage, category: "billing" } }), policy).send).toBe(false);
    expect(
      mayAutoSend(draft({ triage: { ...draft().triage, escalate: { teamId: "billing", reason: "refund" } } }), policy)
        .send,
    ).toBe(false);
    expect(mayAutoSend(draft({ actions: [{ type: "request_refund", params: {}, reason: "" }] }), policy).send).toBe(
      false,
    );
  });

  it("treats a malformed policy as off", () => {
    expect(autonomyPolicyOf({ responder: { autonomy: { enabled: "yes" } } }).enabled).toBe(false);
  });
});
