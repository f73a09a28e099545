import { randomBytes } from "node:crypto";
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { userInfo } from "node:os";
import path from "node:path";
import type { ScenarioResult } from "./scenario-result.ts";
import { drainReplies, outcomeLines } from "./scenario-result.ts";
import { type ScenarioSetup, type SoakOptions, setUpScenario } from "./scenario-setup.ts";
import { formatTable, print, runCommand, sleep } from "./soak-helpers.ts";
import { countBothSides, tallyHolds, tallyRows } from "./tally.ts";

const repliesPerPhase = 4;
const slowPeerDelayMs = 12_000;
// The first retry comes 30 s after a failed attempt (core/channels/deliver-message.ts), the next 60 s later.
const recoveryLimitSeconds = 150;

/**
 * c) Slow and failing SMTP peers, and a full disk. Replies meet a peer answering 451, then 421,
 * then one that takes 12 s per mail: each is retried with backoff and delivered once. Inbound mail
 * with an attachment, while the attachments folder is full, gets a temporary 451 and a log line;
 * the desk stays up and takes the mail once there is room again.
 */
export async function slowPeersScenario(options: SoakOptions): Promise<ScenarioResult> {
  const disk = await fullDisk(path.join(options.workFolder, "full-disk"));
  const setup = await setUpScenario("slow-peers", options, { attachmentsFolder: disk.folder });
  const { desk, sink, traffic } = setup;
  const notes: string[] = [];
  const problems: string[] = [];
  try {
    await desk.start();

    // Failing peer: 451 for the first replies, 421 for the next, then it recovers.
    const failStarted = Date.now();
    sink.behaviour = { kind: "fail", code: 451 };
    await repliesOnNewTickets(setup, repliesPerPhase);
    sink.behaviour = { kind: "fail", code: 421 };
    await repliesOnNewTickets(setup, repliesPerPhase);
    await sleep(5000);
    sink.behaviour = { kind: "accept" };
    print(`   the peer refused ${sink.refusals} attempts (451, then 421); now it accepts`);
    const recovered = await drainReplies(setup, recoveryLimitSeconds);
    notes.push(
      recovered
        ? `after 451/421 refusals every reply arrived ${((Date.now() - failStarted) / 1000).toFixed(0)} s after the first try`
        : `replies were still missing ${recoveryLimitSeconds} s after the peer recovered`,
    );
    if (sink.refusals === 0) problems.push("the failing peer was never tried");
    if (!recovered) problems.push("replies were not delivered after the failing peer recovered");

    // Slow peer: every mail takes 12 s to be accepted.
    sink.behaviour = { kind: "delay", milliseconds: slowPeerDelayMs };
    const slowStarted = Date.now();
    await repliesOnNewTickets(setup, 2);
    const slowDelivered = await drainReplies(setup, 90);
    sink.behaviour = { kind: "accept" };
    notes.push(
      slowDelivered
        ? `a peer taking ${slowPeerDelayMs / 1000} s per mail: both replies arrived in ${((Date.now() - slowStarted) / 1000).toFixed(0)} s`
        : "a slow peer: replies were still missing after 90 s",
    );
    if (!slowDelivered) problems.push("replies to the slow peer were not delivered");

    // Full disk: inbound mail with an attachment.
    if (disk.how) {
      const attachment = randomBytes(64 * 1024);
      const refused = await traffic.sendEmail({ attachment });
      const plain = await traffic.sendEmail();
      const upWhileFull = await desk.isHealthy();
      await disk.makeRoom();
      const number = /soak-mail-(\d+)@/.exec(refused.messageId)?.[1] ?? "0";
      const acceptedLater = await traffic.deliverEmail(refused.messageId, number, attachment);
      const { rows } = await setup.database.query<{ files: string }>(
        `select count(*) as files from attachments a join messages m
            on m.workspace_id = a.workspace_id and m.id = a.message_id where m.external_id = $1`,
        [refused.messageId],
      );
      const kept = Number(rows[0]?.files ?? 0);
      notes.push(
        `attachments on ${disk.how}: the mail with an attachment was ${refused.acknowledged ? "ACCEPTED" : "refused for now"}, ` +
          `a mail without one ${plain.acknowledged ? "accepted" : "REFUSED"}, the desk ${upWhileFull ? "stayed up" : "WAS DOWN"}; ` +
          `with room again the sender's retry was ${acceptedLater ? "accepted" : "REFUSED"} and ${kept} attachment kept`,
      );
      if (refused.acknowledged) problems.push("mail with an attachment was acknowledged while the disk was full");
      if (!traffic.outcomes.has("smtp 451")) problems.push("no 451 answer while the disk was full");
      if (!plain.acknowledged || !upWhileFull)
        problems.push("the desk did not keep taking mail while the disk was full");
      if (!acceptedLater || kept !== 1)
        problems.push("the retried mail or its attachment was not kept once there was room");
    } else {
      notes.push(`full disk: skipped (${disk.why})`);
    }

    const lines = desk.logLines();
    const retryLine = lines.find((line) => /deliver/i.test(line) && /(451|421)/.test(line));
    const diskLine = lines.find((line) => /could not store/i.test(line));
    notes.push(`desk log on a refused reply: ${retryLine ?? "NONE"}`);
    if (disk.how) notes.push(`desk log on the full disk: ${diskLine ?? "NONE"}`);
    if (!retryLine) problems.push("the desk logged nothing when the peer refused a reply");
    if (disk.how && !diskLine) problems.push("the desk logged nothing when an attachment could not be written");
    if (desk.unexpectedExits.length > 0) problems.push(`the desk exited by itself: ${desk.unexpectedExits.join("; ")}`);

    const tally = await countBothSides(setup.database, traffic, sink);
    const table = formatTable("c) failing (451, 421) and slow (12 s) SMTP peers; a full attachments disk", [
      ...tallyRows(tally),
      ["attempts the peer refused", sink.refusals],
    ]);
    return {
      name: "c) slow and failing peers, full disk",
      passed: tallyHolds(tally) && problems.length === 0,
      table,
      notes: [...notes, ...problems.map((problem) => `PROBLEM: ${problem}`), ...outcomeLines(traffic)],
    };
  } finally {
    await setup.close();
    await disk.release();
  }
}

/** Inbound mails that each open a ticket, and an agent's reply on each. */
async function repliesOnNewTickets(setup: ScenarioSetup, count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    const { messageId, acknowledged } = await setup.traffic.sendEmail();
    if (!acknowledged) continue;
    const { rows } = await setup.database.query<{ ticket_id: string }>(
      "select ticket_id from messages where external_id = $1",
      [messageId],
    );
    const ticketId = rows[0]?.ticket_id;
    if (ticketId) await setup.traffic.requestReply(ticketId);
  }
}

type FullDisk = {
  folder: string;
  /** How the disk was made full; null when it could not be. */
  how: string | null;
  why: string;
  makeRoom(): Promise<void>;
  release(): Promise<void>;
};

/**
 * A folder with no room: a 1 MB tmpfs filled up (as root), else a folder without write permission.
 * `makeRoom` frees it again.
 */
async function fullDisk(folder: string): Promise<FullDisk> {
  await mkdir(folder, { recursive: true });
  const filler = path.join(folder, "filler");
  if (userInfo().uid === 0) {
    const mounted = await runCommand("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", folder]);
    if (mounted.code === 0) {
      await writeFile(filler, Buffer.alloc(2 * 1024 * 1024)).catch(() => {});
      return {
        folder,
        how: "a full 1 MB tmpfs",
        why: "",
        makeRoom: () => rm(filler, { force: true }),
        release: async () => {
          await runCommand("umount", [folder]);
        },
      };
    }
    return {
      folder,
      how: null,
      why: `cannot mount a tmpfs here (${mounted.output.trim()}), and as root a read-only folder is still writable`,
      makeRoom: async () => {},
      release: async () => {},
    };
  }
  await chmod(folder, 0o500);
  return {
    folder,
    how: "a folder without write permission",
    why: "",
    makeRoom: () => chmod(folder, 0o700),
    release: () => chmod(folder, 0o700),
  };
}
