import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../../core/snapshot/parse-snapshot.ts";
import type { Snapshot } from "../../core/snapshot/snapshot-schema.ts";
import { mean, median } from "../../insights/aggregate.ts";
import { monthPeriod } from "../../insights/period.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import {
  type FakeHelpScout,
  type FakeHelpScoutAccount,
  generateHelpScoutAccount,
  startFakeHelpScout,
} from "../../testing/fake-providers/fake-help-scout.ts";
import type { DownloadOptions } from "../provider-importer.ts";
import { helpScoutImporter } from "./help-scout-importer.ts";

const token = "fake-help-scout-token";
let workFolder: string;
let folderNumber = 0;

beforeAll(async () => {
  workFolder = await mkdtemp(path.join(tmpdir(), "help-scout-import-"));
});

afterAll(async () => {
  await rm(workFolder, { recursive: true, force: true });
});

function newFolder(): string {
  folderNumber += 1;
  return path.join(workFolder, `download-${folderNumber}`);
}

async function withFake<Result>(
  options: Omit<Parameters<typeof startFakeHelpScout>[0], "token">,
  work: (fake: FakeHelpScout) => Promise<Result>,
) {
  const fake = await startFakeHelpScout({ ...options, token });
  try {
    return await work(fake);
  } finally {
    await fake.close();
  }
}

function downloadOptions(fake: FakeHelpScout, folder: string, extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return { url: fake.url, token, folder, sleep: async () => {}, ...extra };
}

/** The account written as an export folder by hand: one page per kind, HAL as the API answers. */
async function writeExportFolder(account: FakeHelpScoutAccount, folder: string): Promise<void> {
  const page = (kind: string, items: unknown[]) => ({
    _embedded: { [kind]: items },
    page: { size: items.length, totalElements: items.length, totalPages: 1, number: 1 },
  });
  const kinds: [string, unknown][] = [
    ["mailboxes", page("mailboxes", account.mailboxes)],
    ["users", page("users", account.users)],
    ["teams", page("teams", account.teams)],
    ["customers", page("customers", account.customers)],
    ["conversations", page("conversations", [...account.conversations].reverse())],
    ["ratings", { ratings: account.ratings }],
  ];
  for (const [kind, body] of kinds) {
    await mkdir(path.join(folder, kind), { recursive: true });
    await writeFile(path.join(folder, kind, "000001.json"), JSON.stringify(body));
  }
}

describe("importing from Help Scout through the API", () => {
  const account = generateHelpScoutAccount({ seed: 11, conversations: 120 });

  it("downloads every page with the rate limit in force and gives the same snapshot as the export folder", async () => {
    const waits: number[] = [];
    const lines: string[] = [];
    const folder = newFolder();
    await withFake({ account, pageSize: 10, rateLimit: { every: 9, retryAfterSeconds: 3 } }, async (fake) => {
      await helpScoutImporter.download(
        downloadOptions(fake, folder, {
          sleep: async (milliseconds) => void waits.push(milliseconds),
          log: (line) => lines.push(line),
        }),
      );
      expect(fake.requests.filter((request) => request.response?.status === 429).length).toBeGreaterThan(5);
      // Not api.helpscout.net, so perhaps FreeScout: its API module reads the key from its own header.
      expect(fake.requests[0]?.headers["x-freescout-api-key"]).toBe(token);
    });
    expect(waits.length).toBeGreaterThan(5);
    expect(waits.every((milliseconds) => milliseconds === 3000)).toBe(true);
    expect(lines).toContain("Help Scout: rate limited; waiting 3 s before trying again.");

    const fromApi = await helpScoutImporter.readFolder(folder);
    const exportFolder = newFolder();
    await writeExportFolder(account, exportFolder);
    const fromFiles = await helpScoutImporter.readFolder(exportFolder);
    expect(fromApi).toEqual(fromFiles);

    const spam = account.conversations.filter((conversation) => conversation.status === "spam").length;
    expect(fromApi.snapshot.tickets).toHaveLength(account.conversations.length - spam);
    expect(fromApi.summary.counts.spamSkipped).toBe(spam);
    expect(fromApi.summary.counts.ratings).toBe(account.ratings.length);
    expect(fromApi.summary.counts.deletedUsers).toBe(1);
    expect(() => parseSnapshot(fromApi.snapshot)).not.toThrow();
  });

  it("continues an interrupted download from the saved cursor and ends with the same snapshot", async () => {
    const whole = newFolder();
    const interrupted = newFolder();
    await withFake({ account, pageSize: 10 }, async (fake) => {
      await helpScoutImporter.download(downloadOptions(fake, whole));
      const firstRun = fake.served().length;

      fake.failAfter(8);
      await expect(helpScoutImporter.download(downloadOptions(fake, interrupted))).rejects.toThrow(
        /Help Scout answered 500/,
      );
      const state = JSON.parse(await readFile(path.join(interrupted, "download-state.json"), "utf8")) as {
        stage: string;
        page: number;
      };
      expect(state.stage).toBe("conversations");
      expect(state.page).toBeGreaterThan(1);

      fake.recover();
      const before = fake.served().length;
      await helpScoutImporter.download(downloadOptions(fake, interrupted));
      const resumed = fake.served().slice(before);
      const conversationPages = resumed.filter((served) => served.startsWith("/v2/conversations?"));
      // Nothing before the cursor is asked for again.
      expect(conversationPages[0]).toContain(`page=${state.page}`);
      expect(resumed.some((served) => served.startsWith("/v2/customers"))).toBe(false);
      expect(resumed.length + (before - firstRun)).toBe(firstRun);

      // A finished download is read again as it is, without asking the API anything.
      const lines: string[] = [];
      const finished = fake.served().length;
      await helpScoutImporter.download(downloadOptions(fake, interrupted, { log: (line) => lines.push(line) }));
      expect(fake.served()).toHaveLength(finished);
      expect(lines.join("\n")).toMatch(/holds a finished download/);
    });
    const expected = await helpScoutImporter.readFolder(whole);
    expect(await helpScoutImporter.readFolder(interrupted)).toEqual(expected);
  });

  it("fetches threads per conversation from a server that does not embed them, giving the same snapshot", async () => {
    const small = generateHelpScoutAccount({ seed: 5, conversations: 15 });
    const embedded = newFolder();
    const separate = newFolder();
    await withFake({ account: small }, (fake) => helpScoutImporter.download(downloadOptions(fake, embedded)));
    await withFake({ account: small, ignoreEmbed: true, pageSize: 2 }, async (fake) => {
      await helpScoutImporter.download(downloadOptions(fake, separate));
      expect(
        fake.served().filter((served) => /^\/v2\/conversations\/\d+\/threads/.test(served)).length,
      ).toBeGreaterThanOrEqual(15);
    });
    expect(await helpScoutImporter.readFolder(separate)).toEqual(await helpScoutImporter.readFolder(embedded));
  });

  it("imports without ratings, and says why, where the happiness report is not available", async () => {
    const small = generateHelpScoutAccount({ seed: 6, conversations: 10 });
    const folder = newFolder();
    await withFake({ account: small, withoutReports: true }, (fake) =>
      helpScoutImporter.download(downloadOptions(fake, folder)),
    );
    const { snapshot, summary } = await helpScoutImporter.readFolder(folder);
    expect(snapshot.tickets.every((ticket) => ticket.csat === undefined)).toBe(true);
    expect(summary.notes.join("\n")).toMatch(
      /satisfaction ratings were not downloaded: the happiness report answered 404/,
    );
  });

  it("refuses a wrong token at once, naming what to check", async () => {
    await withFake({ account }, async (fake) => {
      await expect(
        helpScoutImporter.download({ ...downloadOptions(fake, newFolder()), token: "wrong" }),
      ).rejects.toThrow(/Help Scout refused the credentials \(401\)/);
    });
  });

  it("names the file and JSON path of a bad record in an export folder", async () => {
    const folder = newFolder();
    await writeExportFolder(account, folder);
    const broken = structuredClone(account.conversations);
    (broken[3] as { createdAt: unknown }).createdAt = 42;
    await writeFile(
      path.join(folder, "conversations", "000001.json"),
      JSON.stringify({ _embedded: { conversations: broken } }),
    );
    await expect(helpScoutImporter.readFolder(folder)).rejects.toThrow(
      /conversations\/000001\.json: \$\._embedded\.conversations\[3\]\.createdAt/,
    );
  });
});

describe("a Help Scout import in the desk", () => {
  const account = generateHelpScoutAccount({ seed: 21, conversations: 300 });
  let desk: TestDesk;
  let snapshot: Snapshot;

  beforeAll(async () => {
    const folder = newFolder();
    await writeExportFolder(account, folder);
    ({ snapshot } = await helpScoutImporter.readFolder(folder));
    desk = await createTestDesk();
    await desk.snapshots.importSnapshot(desk.workspaceId, snapshot);
  });

  afterAll(async () => {
    await desk?.close();
  });

  it("exports what was mapped (import, export, parse gives the mapped data)", async () => {
    const exported = parseSnapshot(JSON.parse(JSON.stringify(await desk.snapshots.exportSnapshot(desk.workspaceId))));
    expect(exported.customers).toEqual(expect.arrayContaining(snapshot.customers));
    expect(exported.agents).toEqual(expect.arrayContaining(snapshot.agents ?? []));
    const byId = new Map(exported.tickets.map((ticket) => [ticket.id, ticket]));
    for (const ticket of snapshot.tickets) {
      const back = byId.get(ticket.id);
      expect(back?.status).toBe(ticket.status);
      expect(back?.messages).toEqual(ticket.messages);
      expect(back?.events ?? []).toEqual(ticket.events ?? []);
      expect(back?.csat).toEqual(ticket.csat);
      expect(back?.attributes).toEqual(ticket.attributes);
    }
  });

  it("imports twice without duplicates", async () => {
    await desk.snapshots.importSnapshot(desk.workspaceId, snapshot);
    const exported = await desk.snapshots.exportSnapshot(desk.workspaceId);
    expect(exported.tickets.filter((ticket) => ticket.id.startsWith("hs-"))).toHaveLength(snapshot.tickets.length);
  });

  it.each(["2026-01", "2026-02"])(
    "reports %s with the figures computed from the Help Scout account itself",
    async (month) => {
      const expected = figuresFromAccount(account, month);
      const report = await desk.reports.monthly(desk.workspaceId, month);
      expect(expected.volume).toBeGreaterThan(50);
      expect(report.volume).toBe(expected.volume);
      expect(report.frt.count).toBe(expected.frtHours.length);
      expect(report.frt.meanHours).toBeCloseTo(mean(expected.frtHours) ?? Number.NaN, 9);
      expect(report.frt.medianHours).toBeCloseTo(median(expected.frtHours) ?? Number.NaN, 9);
      expect(report.fcrPct).toBeCloseTo(expected.fcrPct, 9);
      expect(report.csat.count).toBe(expected.scores.length);
      expect(report.csat.mean).toBeCloseTo(mean(expected.scores) ?? Number.NaN, 9);
      expect(report.resolution.count).toBe(expected.resolutionHours.length);
      expect(report.resolution.meanHours).toBeCloseTo(mean(expected.resolutionHours) ?? Number.NaN, 9);
      expect(report.openTickets).toBe(expected.open);
      expect(report.escalationRatePct).toBe(0);
    },
  );
});

/**
 * The month's figures straight from the provider's data, by Help Scout's own rules: a thread's status
 * is the conversation's status from then on; a close after a customer reopened it is not first contact.
 */
function figuresFromAccount(account: FakeHelpScoutAccount, month: string) {
  const timezone = "America/New_York";
  const { start, end } = monthPeriod(month, timezone);
  const within = (at: number) => at >= start && at < end;
  const hours = (milliseconds: number) => milliseconds / 3_600_000;
  const scoreOf = { great: 5, okay: 3, not_good: 1 } as const;
  let volume = 0;
  let open = 0;
  let solved = 0;
  let firstContact = 0;
  const frtHours: number[] = [];
  const resolutionHours: number[] = [];
  for (const conversation of account.conversations) {
    if (conversation.status === "spam") continue;
    const createdAt = Date.parse(conversation.createdAt);
    const threads = conversation._embedded.threads
      .filter((thread) => thread.state === "published" && Date.parse(thread.createdAt) < end)
      .sort((left, right) => left.createdAt.localeCompare(right.createdAt) || left.id - right.id);
    const replies = threads.filter(
      (thread) => thread.createdBy.type === "user" && ["message", "chat", "phone"].includes(thread.type),
    );
    const closes: number[] = [];
    let reopened = false;
    let status: string | null = null;
    for (const thread of threads) {
      if (thread.status === "closed" && status !== "closed") closes.push(Date.parse(thread.createdAt));
      if (status === "closed" && thread.status !== "closed") reopened = true;
      status = thread.status;
    }
    if (within(createdAt)) {
      volume++;
      const [firstReply] = replies;
      if (firstReply) frtHours.push(hours(Date.parse(firstReply.createdAt) - createdAt));
    }
    if (closes.some(within)) {
      solved++;
      if (replies.length === 1 && !reopened) firstContact++;
    }
    const [firstClose] = closes;
    if (firstClose !== undefined && within(firstClose)) resolutionHours.push(hours(firstClose - createdAt));
    if (createdAt < end && (status === "active" || status === "pending")) open++;
  }
  const scores = account.ratings
    .filter((rating) => within(Date.parse(`${rating.createdAt}Z`)))
    .map((rating) => scoreOf[rating.rating]);
  return { volume, frtHours, fcrPct: (100 * firstContact) / solved, scores, resolutionHours, open };
}
