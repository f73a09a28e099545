import { DeskError } from "../../core/errors.ts";
import { openDownloadFolder } from "../download-folder.ts";
import { createProviderFetch } from "../provider-fetch.ts";
import type { DownloadOptions } from "../provider-importer.ts";
import { latestById } from "./map-people.ts";
import { readZendeskItems } from "./read-zendesk-folder.ts";
import {
  commentsFirstPath,
  commentsFolder,
  deletedTicketStatus,
  nextPageUrl,
  type ZendeskEndpoint,
  zendeskEndpoints,
  zendeskTicketSchema,
} from "./zendesk-pages.ts";

/** Where a download stands; saved after every page, so an interrupted run continues from the next one. */
type DownloadState = {
  version: 1;
  /** Per endpoint: the next page's path (null when done) and how many pages are saved. */
  endpoints: Partial<Record<ZendeskEndpoint, { next: string | null; pages: number }>>;
  /**
   * Comments, by the tickets' index among the exported tickets: every ticket before `ticketIndex` is
   * done, and so are those in `done`; `partial` holds the next page of a ticket with more than one.
   */
  comments?: {
    ticketIndex: number;
    done: number[];
    partial: Record<number, { next: string | null; pages: number }>;
  };
};

const commentsInFlight = 4;

const beforeComments: ZendeskEndpoint[] = ["groups", "organizations", "users", "tickets"];
const afterComments: ZendeskEndpoint[] = ["satisfaction-ratings", "ticket-metric-events"];

/**
 * Downloads an account into `options.folder`, one subfolder per endpoint, pages as the API returns
 * them: groups, organisations, users and tickets (incremental exports), each ticket's comments,
 * satisfaction ratings and ticket metric events. Authenticates as `email/token:TOKEN`.
 */
export async function downloadZendesk(options: DownloadOptions): Promise<void> {
  if (!options.email) {
    throw new DeskError(
      "invalid_input",
      "Zendesk needs --email: the address of the agent the API token belongs to (Zendesk authenticates as email/token).",
    );
  }
  const base = baseUrlOf(options.url);
  const log = options.log ?? (() => {});
  const api = createProviderFetch({
    provider: "Zendesk",
    authorization: `Basic ${Buffer.from(`${options.email}/token:${options.token}`).toString("base64")}`,
    fetch: options.fetch,
    sleep: options.sleep,
    onWait: (milliseconds, reason) => log(`Zendesk ${reason}: waiting ${Math.ceil(milliseconds / 1000)} s`),
  });
  const folder = await openDownloadFolder(options.folder);
  const state: DownloadState = (await folder.readState<DownloadState>()) ?? { version: 1, endpoints: {} };
  if (state.version !== 1 || typeof state.endpoints !== "object") {
    throw new DeskError(
      "invalid_input",
      `${options.folder} holds a download state this version does not read: remove download-state.json to start again.`,
    );
  }

  const downloadEndpoint = async (endpoint: ZendeskEndpoint) => {
    let progress = state.endpoints[endpoint] ?? { next: zendeskEndpoints[endpoint].firstPath, pages: 0 };
    while (progress.next !== null) {
      options.onProgress?.({ stage: endpoint, done: progress.pages, total: progress.pages + 1 });
      const page = await api.getJson(`${base}${progress.next}`);
      await folder.writePage(endpoint, progress.pages, page);
      const next = pathOf(nextPageUrl(page));
      progress = { next: next === progress.next ? null : next, pages: progress.pages + 1 };
      state.endpoints[endpoint] = progress;
      await folder.writeState(state);
    }
    options.onProgress?.({ stage: endpoint, done: progress.pages, total: progress.pages });
  };

  for (const endpoint of beforeComments) await downloadEndpoint(endpoint);

  const ticketIds = await exportedTicketIds(folder.folder);
  const comments = state.comments ?? { ticketIndex: 0, done: [], partial: {} };
  state.comments = comments;
  const done = new Set(comments.done);
  // Set when a request fails for good: the others finish what they are fetching and take no more.
  let stopped = false;
  // State writes go one after another: two at once would race on the same temporary file.
  let saving = Promise.resolve();
  const saveState = () => {
    comments.done = [...done].sort((left, right) => left - right);
    const copy = JSON.parse(JSON.stringify(state)) as DownloadState;
    saving = saving.then(() => folder.writeState(copy));
    return saving;
  };
  const downloadComments = async (index: number) => {
    const ticketId = ticketIds[index] as number;
    let partial = comments.partial[index] ?? { next: commentsFirstPath(ticketId), pages: 0 };
    while (partial.next !== null && !stopped) {
      try {
        const page = await api.getJson(`${base}${partial.next}`);
        await folder.writePage(commentsFolder(ticketId), partial.pages, page);
        const next = pathOf(nextPageUrl(page));
        partial = { next: next === partial.next ? null : next, pages: partial.pages + 1 };
      } catch (error) {
        // A ticket deleted since the export started has no comments any more: skip it, say so.
        if (!isNotFound(error)) throw error;
        log(`Zendesk ticket ${ticketId} was deleted during the download; its comments are skipped.`);
        partial = { next: null, pages: partial.pages };
      }
      if (partial.next === null) {
        delete comments.partial[index];
        done.add(index);
        while (done.delete(comments.ticketIndex)) comments.ticketIndex += 1;
      } else {
        comments.partial[index] = partial;
      }
      await saveState();
    }
  };
  // A few tickets at a time: a real account answers in a few hundred milliseconds, and its rate
  // limit allows more than one request in flight.
  let nextIndex = comments.ticketIndex;
  const worker = async () => {
    while (!stopped) {
      while (nextIndex < ticketIds.length && done.has(nextIndex)) nextIndex += 1;
      if (nextIndex >= ticketIds.length) return;
      const index = nextIndex;
      nextIndex += 1;
      options.onProgress?.({ stage: "comments", done: comments.ticketIndex + done.size, total: ticketIds.length });
      try {
        await downloadComments(index);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: commentsInFlight }, worker));
  await saving;
  const failed = results.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  options.onProgress?.({ stage: "comments", done: ticketIds.length, total: ticketIds.length });

  for (const endpoint of afterComments) await downloadEndpoint(endpoint);
}

/** The exported tickets' ids, each once, deleted tickets left out (they have no comments to fetch). */
async function exportedTicketIds(folder: string): Promise<number[]> {
  const tickets = latestById(await readZendeskItems(folder, "tickets", zendeskTicketSchema));
  return tickets.filter((ticket) => ticket.status !== deletedTicketStatus).map((ticket) => ticket.id);
}

function baseUrlOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(/^https?:\/\//i.test(url) ? url : `https://${url}`);
  } catch {
    throw new DeskError("invalid_input", `--url ${url}: give the account's address, e.g. https://acme.zendesk.com.`);
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "").replace(/\/api\/v2$/, "")}`;
}

/** Links in pages are absolute; the state keeps path and query, so a resumed run may use another form of the URL. */
function pathOf(url: string | null): string | null {
  if (url === null) return null;
  const parsed = new URL(url, "https://zendesk.invalid");
  return `${parsed.pathname}${parsed.search}`;
}

function isNotFound(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { status?: number } | undefined) : undefined;
  return cause?.status === 404;
}
