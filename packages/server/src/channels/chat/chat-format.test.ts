import { describe, expect, it } from "vitest";
import { agentItems, chatChunks } from "./chat-format.ts";

describe("formatting a reply for chat", () => {
  it("sends one bubble per paragraph, as plain text", () => {
    expect(
      chatChunks("## Your refund\n\nHi **Ada**, it went out *today*.\n\nSee [the policy](https://x.test/refunds)."),
    ).toEqual(["Your refund", "Hi Ada, it went out today.", "See the policy (https://x.test/refunds)."]);
  });

  it("keeps list items and line breaks of one paragraph together", () => {
    expect(chatChunks("Steps:\n- open `Settings`\n- click Export")).toEqual([
      "Steps:\n- open Settings\n- click Export",
    ]);
  });

  it("puts everything after the sixth paragraph into the last bubble", () => {
    const body = Array.from({ length: 8 }, (_unused, index) => `Paragraph ${index + 1}`).join("\n\n");
    const chunks = chatChunks(body);
    expect(chunks).toHaveLength(6);
    expect(chunks.at(-1)).toBe("Paragraph 6\n\nParagraph 7\n\nParagraph 8");
  });

  it("gives each bubble of a message its own stable id, and a one-paragraph reply the message's id", () => {
    const at = "2026-03-02T09:00:00.000Z";
    expect(agentItems({ id: "m1", body: "Done.", at })).toEqual([{ id: "m1", from: "agent", body: "Done.", at }]);
    expect(agentItems({ id: "m2", body: "One.\n\nTwo.", at }).map((item) => item.id)).toEqual(["m2#1", "m2#2"]);
  });
});
