import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSnapshot } from "../../core/snapshot/parse-snapshot.ts";
import * as schema from "../../storage/schema.ts";
import { createTestDesk } from "../../testing/create-test-desk.ts";
import {
  type FakeZendesk,
  generateZendeskAccount,
  monthFiguresOf,
  startFakeZendesk,
  type ZendeskAccount,
} from "../../testing/fake-providers/fake-zendesk.ts";
import { zendeskImporter } from "./zendesk-importer.ts";

const email = "admin@acme.example";
const token = "zendesk-api-token-123";
let scratch: string;
let folderNumber = 0;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "zendesk-import-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const newFolder = () => path.join(scratch, `download-${++folderNumber}`);

async function download(fake: FakeZendesk, folder: string, log: string[] = []): Promise<void> {
  await zendeskImporter.download({
    url: fake.url,
    email,
    token,
    folder,
    // Waiting moves the fake's rate-limit clock instead of the real one.
    sleep: async (milliseconds) => fake.advance(milliseconds),
    log: (line) => log.push(line),
  });
}

async function withFake<Result>(
  account: ZendeskAccount,
  options: { requestsPerMinute?: number; exportPageSize?: number; listPageSize?: number },
  work: (fake: FakeZendesk) => Promise<Result>,
): Promise<Result> {
  const fake = await startFakeZendesk({ account, email, token, ...options });
  try {
    return await work(fake);
  } finally {
    await fake.close();
  }
}

describe("importing from Zendesk", () => {
  const account = generateZendeskAccount({ tickets: 120, seed: 11 });
  const liveTickets = account.tickets.filter((ticket) => ticket.status !== "deleted");
  // Small pages, so that the tickets, the lists and some tickets' comments take several.
  const paging = { exportPageSize: 25, listPageSize: 3 };
  let referenceFolder: string;
  let referencePages: string[];

  beforeAll(async () => {
    referenceFolder = newFolder();
    referencePages = await withFake(account, paging, async (fake) => {
      await download(fake, referenceFolder);
      return fake.servedPages();
    });
  });

  it("downloads one folder per endpoint, pages as the API returns them, and maps every ticket and comment", async () => {
    expect((await readdir(referenceFolder)).sort()).toEqual([
      "download-state.json",
      "groups",
      "organizations",
      "satisfaction-ratings",
      "ticket-comments",
      "ticket-metric-events",
      "tickets",
      "users",
    ]);
    expect(await readdir(path.join(referenceFolder, "tickets"))).toHaveLength(Math.ceil(account.tickets.length / 25));
    expect(await readdir(path.join(referenceFolder, "ticket-comments"))).toHaveLength(liveTickets.length);
    const laterCommentPages = referencePages.filter(
      (page) => page.includes("/comments.json") && page.includes("after"),
    );
    expect(laterCommentPages).not.toHaveLength(0);

    const { snapshot, summary } = await zendeskImporter.readFolder(referenceFolder);
    expect(() => parseSnapshot(JSON.parse(JSON.stringify(snapshot)))).not.toThrow();
    expect(snapshot.workspace).toEqual({ name: "example (Zendesk)", timezone: "Europe/London" });
    expect(snapshot.tickets.map((ticket) => ticket.id).sort()).toEqual(
      liveTickets.map((ticket) => `zd-${ticket.id}`).sort(),
    );
    const fixtureComments = liveTickets.reduce(
      (sum, ticket) => sum + (account.comments.get(ticket.id)?.length ?? 0),
      0,
    );
    expect(snapshot.tickets.reduce((sum, ticket) => sum + ticket.messages.length, 0)).toBe(fixtureComments);
    expect(summary.counts.tickets).toBe(liveTickets.length);
    expect(summary.counts.comments).toBe(fixtureComments);
    expect(summary.keptInAttributes).toEqual(
      expect.arrayContaining(["ticket.via", "ticket.custom_fields", "user.active"]),
    );
    expect(summary.notes.join("\n")).toMatch(/1 deleted tickets in the export were skipped/);
  });

  it.each([4, 120, 121])(
    "continues a download interrupted after %i requests from the saved cursor, fetching no page twice",
    async (after) => {
      const folder = newFolder();
      const served = await withFake(account, paging, async (fake) => {
        fake.goDownAfter(after);
        await expect(download(fake, folder)).rejects.toThrow(/Zendesk answered 503/);
        fake.recover();
        await download(fake, folder);
        return fake.servedPages();
      });
      expect(new Set(served).size).toBe(served.length);
      expect([...served].sort()).toEqual([...referencePages].sort());
      expect(await zendeskImporter.readFolder(folder)).toEqual(await zendeskImporter.readFolder(referenceFolder));
    },
  );

  it("waits out the rate limit (429 with Retry-After) and still downloads everything once", async () => {
    const folder = newFolder();
    const log: string[] = [];
    const { served, limited } = await withFake(account, { ...paging, requestsPerMinute: 40 }, async (fake) => {
      await download(fake, folder, log);
      return { served: fake.servedPages(), limited: fake.rateLimited() };
    });
    expect(limited).toBeGreaterThan(0);
    expect(log.some((line) => /Zendesk rate limited: waiting \d+ s/.test(line))).toBe(true);
    expect([...served].sort()).toEqual([...referencePages].sort());
  });

  it("reads the pages a person saved by hand (1.json, 2.json, …) to the same snapshot as the API path", async () => {
    const folder = newFolder();
    await withFake(account, paging, async (fake) => {
      const authorization = `Basic ${Buffer.from(`${email}/token:${token}`).toString("base64")}`;
      const save = async (kind: string, first: string) => {
        await mkdir(path.join(folder, kind), { recursive: true });
        let url: string | null = `${fake.url}${first}`;
        for (let page = 1; url; page++) {
          const body = (await (await fetch(url, { headers: { authorization } })).json()) as {
            end_of_stream?: boolean;
            after_url?: string;
            meta?: { has_more?: boolean };
            links?: { next?: string };
          };
          await writeFile(path.join(folder, kind, `${page}.json`), JSON.stringify(body));
          const more = body.end_of_stream === undefined ? body.meta?.has_more : !body.end_of_stream;
          url = more ? (body.after_url ?? body.links?.next ?? null) : null;
        }
      };
      await save("groups", "/api/v2/groups.json");
      await save("organizations", "/api/v2/organizations.json");
      await save("users", "/api/v2/incremental/users/cursor.json?start_time=0");
      await save("tickets", "/api/v2/incremental/tickets/cursor.json?start_time=0");
      await save("satisfaction-ratings", "/api/v2/satisfaction_ratings.json");
      await save("ticket-metric-events", "/api/v2/incremental/ticket_metric_events.json?start_time=0");
      for (const ticket of liveTickets)
        await save(`ticket-comments/${ticket.id}`, `/api/v2/tickets/${ticket.id}/comments.json`);
    });
    expect(await zendeskImporter.readFolder(folder)).toEqual(await zendeskImporter.readFolder(referenceFolder));
  });

  it("names the page and field of a malformed page, and a folder that is not an export", async () => {
    const folder = newFolder();
    await mkdir(path.join(folder, "tickets"), { recursive: true });
    await writeFile(
      path.join(folder, "tickets", "000000.json"),
      JSON.stringify({ tickets: [{ id: 1, status: "open" }], end_of_stream: true }),
    );
    await expect(zendeskImporter.readFolder(folder)).rejects.toThrow(/tickets\/000000\.json: tickets\.0\.created_at/);
    await expect(zendeskImporter.readFolder(path.join(folder, "tickets"))).rejects.toThrow(/has no tickets\/ folder/);
  });

  it("refuses a wrong token with a message saying what to check, and asks for the email", async () => {
    await withFake(account, {}, async (fake) => {
      await expect(
        zendeskImporter.download({ url: fake.url, email, token: "wrong", folder: newFolder() }),
      ).rejects.toThrow(/refused the credentials \(401\).*check the URL, email and token/);
      await expect(zendeskImporter.download({ url: fake.url, token, folder: newFolder() })).rejects.toThrow(/--email/);
    });
  });
});

describe("a rate-limited, interrupted Zendesk migration", () => {
  it("imports every ticket and comment once, and the monthly report matches figures computed from the fixture", async () => {
    const account = generateZendeskAccount({ tickets: 500, seed: 29 });
    const folder = newFolder();
    await withFake(account, { requestsPerMinute: 200 }, async (fake) => {
      fake.goDownAfter(260);
      await expect(download(fake, folder)).rejects.toThrow(/Zendesk answered 503/);
      fake.recover();
      await download(fake, folder);
      expect(fake.rateLimited()).toBeGreaterThan(0);
      const served = fake.servedPages();
      expect(new Set(served).size).toBe(served.length);
    });

    const desk = await createTestDesk({ now: "2026-04-20T00:00:00Z" });
    try {
      // Twice, as a person re-running the command would: the second run adds nothing.
      for (let run = 0; run < 2; run++) {
        const { snapshot } = await zendeskImporter.readFolder(folder);
        await desk.snapshots.importSnapshot(desk.workspaceId, snapshot);
      }
      const live = account.tickets.filter((ticket) => ticket.status !== "deleted");
      const [tickets] = await desk.database.db.select({ value: count() }).from(schema.tickets);
      const [messages] = await desk.database.db.select({ value: count() }).from(schema.messages);
      expect(tickets?.value).toBe(live.length);
      expect(messages?.value).toBe(
        live.reduce((sum, ticket) => sum + (account.comments.get(ticket.id)?.length ?? 0), 0),
      );

      const report = await desk.reports.monthly(desk.workspaceId, "2026-02");
      const expected = monthFiguresOf(account, "2026-02");
      expect(report.volume).toBe(expected.volume);
      expect(report.resolution.count).toBe(expected.firstSolved);
      expect(report.frt.count).toBe(expected.firstResponseHours.length);
      expect(expected.firstResponseMedianHours).not.toBeNull();
      expect(report.frt.medianHours).toBeCloseTo(expected.firstResponseMedianHours as number, 9);
      expect(expected.fcrPct).not.toBeNull();
      expect(report.fcrPct).toBeCloseTo(expected.fcrPct as number, 9);
      expect(report.csat.count).toBe(expected.good + expected.bad);
      expect(report.csat.satisfiedPct).toBeCloseTo((100 * expected.good) / (expected.good + expected.bad), 9);
      expect(report.csat.mean).toBeCloseTo((5 * expected.good + expected.bad) / (expected.good + expected.bad), 9);
    } finally {
      await desk.close();
    }
  }, 120_000);
});
