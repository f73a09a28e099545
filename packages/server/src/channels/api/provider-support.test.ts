import { describe, expect, it } from "vitest";
import type { SendResult } from "../../core/channels/channel.ts";
import { plainTextOf, sendParts, splitText } from "./provider-support.ts";

describe("plainTextOf", () => {
  it("keeps the words of markdown and spells out links", () => {
    expect(
      plainTextOf(
        "# Fixed\n\nThe **export** now works. See [the guide](https://example.com/guide) and `Settings`.\n\n- one\n- two",
      ),
    ).toBe("Fixed\n\nThe export now works. See the guide (https://example.com/guide) and Settings.\n\n• one\n• two");
  });

  it("leaves snake_case words and arithmetic alone", () => {
    expect(plainTextOf("Set max_retry_count to 2 * 3")).toBe("Set max_retry_count to 2 * 3");
  });
});

describe("splitText", () => {
  it("splits at paragraphs, then sentences, then words, never above the limit", () => {
    const text = `${"First paragraph. ".repeat(5).trim()}\n\n${"Second one is longer. ".repeat(8).trim()}`;
    const parts = splitText(text, 100);
    expect(parts.every((part) => part.length <= 100)).toBe(true);
    expect(parts[0]).toBe("First paragraph. ".repeat(5).trim());
    expect(parts.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " "));
  });

  it("cuts a word without spaces hard", () => {
    expect(splitText("x".repeat(250), 100).map((part) => part.length)).toEqual([100, 100, 50]);
  });
});

describe("sendParts", () => {
  it("returns the first part's id when every part goes out", async () => {
    let count = 0;
    const result = await sendParts(
      ["a", "b"],
      async (): Promise<SendResult> => ({ status: "sent", externalId: `id-${++count}` }),
    );
    expect(result).toEqual({ status: "sent", externalId: "id-1" });
  });

  it("passes a first-part failure through, so it can be retried", async () => {
    const result = await sendParts(
      ["a", "b"],
      async (): Promise<SendResult> => ({ status: "retryable", reason: "503" }),
    );
    expect(result).toEqual({ status: "retryable", reason: "503" });
  });

  it("never asks for a retry once a part went out, since a retry would send it twice", async () => {
    const answers: SendResult[] = [
      { status: "sent", externalId: "id-1" },
      { status: "retryable", reason: "503" },
    ];
    const result = await sendParts(["a", "b"], async () => answers.shift() as SendResult);
    expect(result).toMatchObject({ status: "rejected", reason: expect.stringContaining("Only 1 of 2 parts") });
  });
});
