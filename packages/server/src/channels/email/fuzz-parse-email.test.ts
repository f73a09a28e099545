import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveMessage } from "../../core/channels/receive-message.ts";
import { isDeskError } from "../../core/errors.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { fuzzParameters } from "../../testing/fuzz/fuzz-settings.ts";
import { rawEmail } from "../../testing/fuzz/raw-email.ts";
import { changedTables, countRows } from "../../testing/fuzz/row-counts.ts";
import { parseEmail } from "./parse-email.ts";

let desk: TestDesk;

beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk?.close());

const envelope = () => ({ provider: "smtp" as const, mailFrom: "bounce@example.com", receivedAt: desk.clock.now() });

/** A refusal the SMTP and IMAP boundaries can turn into a clear answer (550) rather than an endless retry (451). */
function expectClearRefusal(error: unknown) {
  if (!isDeskError(error) || error.code !== "invalid_input") throw error;
  expect(error.message.length).toBeGreaterThan(0);
}

describe("the MIME parser path, fed raw hostile mail", () => {
  it("turns any mail into a message or a clear refusal, and a message into a stored one or a refusal that wrote nothing", async () => {
    let stored = 0;
    let counts = await countRows(desk.database.db);
    await fc.assert(
      fc.asyncProperty(rawEmail, async (raw) => {
        let message: Awaited<ReturnType<typeof parseEmail>>;
        try {
          message = await parseEmail(raw, envelope());
        } catch (error) {
          expectClearRefusal(error);
          return;
        }
        try {
          await receiveMessage({ workspaceId: desk.workspaceId, message }, desk);
          stored += 1;
        } catch (error) {
          expectClearRefusal(error);
          expect(changedTables(counts, await countRows(desk.database.db))).toEqual([]);
        }
        counts = await countRows(desk.database.db);
      }),
      fuzzParameters(120),
    );
    expect(stored).toBeGreaterThan(0);
  });

  it("keeps a parsed message's text storable: no NUL characters in body, subject or sender", async () => {
    await fc.assert(
      fc.asyncProperty(rawEmail, async (raw) => {
        const message = await parseEmail(raw, envelope()).catch(() => null);
        if (!message) return;
        for (const text of [message.body, message.subject ?? "", message.from.email ?? "", message.from.name ?? ""]) {
          expect(text.includes("\u0000")).toBe(false);
        }
        for (const { filename } of message.attachments ?? []) {
          const controls = [...filename].filter((character) => (character.codePointAt(0) ?? 0) < 0x20);
          expect({ filename, controls, slashes: /[/\\]/.test(filename) }).toEqual({
            filename,
            controls: [],
            slashes: false,
          });
        }
      }),
      fuzzParameters(120),
    );
  });
});
