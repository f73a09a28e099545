import { ImapFlow } from "imapflow";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { InboundMessage } from "../../core/channels/channel.ts";
import { receiveMessage } from "../../core/channels/receive-message.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { type DovecotServer, startDovecot } from "./dovecot-test-server.ts";
import { type ImapInbound, startImapInbound } from "./imap-inbound.ts";

let dovecot: DovecotServer;
let desk: TestDesk;
let mailbox: ImapFlow;
let inbound: ImapInbound | null = null;
let folderNumber = 0;
let folder: string;

beforeAll(async () => {
  dovecot = await startDovecot();
});

afterAll(async () => {
  await dovecot?.stop();
});

beforeEach(async () => {
  desk = await createTestDesk();
  mailbox = new ImapFlow({
    host: "127.0.0.1",
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  await mailbox.connect();
  folderNumber += 1;
  folder = `Support${folderNumber}`;
  await mailbox.mailboxCreate(folder);
});

afterEach(async () => {
  await inbound?.close();
  inbound = null;
  await mailbox.logout();
  await desk.close();
});

const start = (receive?: (message: InboundMessage) => Promise<never>, moveTo: string | null = null) =>
  startImapInbound({
    host: "127.0.0.1",
    port: dovecot.port,
    secure: false,
    user: dovecot.user,
    password: dovecot.password,
    mailbox: folder,
    moveTo,
    // Long enough that every look in these tests is one the test asked for (or IDLE's).
    pollMs: 60_000,
    maxBytes: 1024 * 1024,
    clock: desk.clock,
    receive: receive ?? ((message) => receiveMessage({ workspaceId: desk.workspaceId, message }, desk)),
  });

const mail = (id: string, extra = "") =>
  `From: Ada <ada@example.test>\r\nTo: support@desk.example.test\r\nSubject: From the mailbox\r\nMessage-ID: <${id}>\r\n${extra}\r\nHello over IMAP (${id}).\r\n`;

const unseen = async () => {
  const lock = await mailbox.getMailboxLock(folder);
  try {
    // Another session changed the flags: NOOP lets this one see that.
    await mailbox.noop();
    return (await mailbox.search({ seen: false }, { uid: true })) || [];
  } finally {
    lock.release();
  }
};

const tickets = async () => (await desk.tickets.list(desk.workspaceId, {}, { limit: 50 })).items;

describe("IMAP polling against dovecot", () => {
  it("stores unseen mail as tickets and flags it seen only after that, threading replies", async () => {
    await mailbox.append(folder, mail("imap-1@example.test"));
    await mailbox.append(folder, mail("imap-2@example.test", "In-Reply-To: <imap-1@example.test>\r\n"));
    inbound = await start();

    expect(await inbound.pollNow()).toBe(2);
    const [ticket, ...others] = await tickets();
    expect(others).toHaveLength(0);
    const detail = await desk.tickets.get(desk.workspaceId, ticket?.id ?? "");
    expect(detail?.messages).toHaveLength(2);
    expect(detail?.attributes).toMatchObject({ provider: "imap" });
    expect(await unseen()).toEqual([]);
    expect(await inbound.pollNow()).toBe(0);
  });

  it("leaves a mail it could not store unseen, and stores it on the next look", async () => {
    let failing = true;
    inbound = await start(async (message) => {
      if (failing) throw new Error("database unavailable");
      return (await receiveMessage({ workspaceId: desk.workspaceId, message }, desk)) as never;
    });
    await mailbox.append(folder, mail("imap-retry@example.test"));

    expect(await inbound.pollNow()).toBe(0);
    expect(await unseen()).toHaveLength(1);
    expect(await tickets()).toHaveLength(0);

    failing = false;
    // The new-mail push (IDLE) may have started a look of its own; looks run one after another.
    await inbound.pollNow();
    expect(await unseen()).toHaveLength(0);
    expect(await tickets()).toHaveLength(1);
  });

  it("makes one message of the same Message-ID in the mailbox twice", async () => {
    await mailbox.append(folder, mail("imap-twice@example.test"));
    await mailbox.append(folder, mail("imap-twice@example.test"));
    inbound = await start();
    expect(await inbound.pollNow()).toBe(2);
    const [ticket] = await tickets();
    expect((await desk.tickets.get(desk.workspaceId, ticket?.id ?? ""))?.messages).toHaveLength(1);
  });

  it("stores new mail the server announces while idling, without waiting for the next poll", async () => {
    inbound = await start();
    await mailbox.append(folder, mail("imap-idle@example.test"));
    // The poll interval is a minute: only the server's IDLE push can bring the mail in before this gives up.
    await vi.waitFor(async () => expect(await tickets()).toHaveLength(1), { timeout: 20_000, interval: 200 });
  });

  it("moves handled mail to another folder when told to", async () => {
    await mailbox.mailboxCreate(`${folder}-done`);
    await mailbox.append(folder, mail("imap-move@example.test"));
    inbound = await start(undefined, `${folder}-done`);
    expect(await inbound.pollNow()).toBe(1);
    const moved = await mailbox.status(`${folder}-done`, { messages: true });
    const left = await mailbox.status(folder, { messages: true });
    expect(moved ? moved.messages : null).toBe(1);
    expect(left ? left.messages : null).toBe(0);
  });
});
