import { DeskError, isDeskError } from "../../core/errors.ts";
import { openDownloadFolder } from "../download-folder.ts";
import { createProviderFetch, type ProviderFetch } from "../provider-fetch.ts";
import type { DownloadOptions } from "../provider-importer.ts";
import { halPageSchema } from "./help-scout-wire.ts";
import type { HelpScoutKind } from "./read-help-scout-folder.ts";

/** Where a download stands: saved after every page, so an interrupted run continues from here. */
export type HelpScoutDownloadState = {
  version: 1;
  stage: HelpScoutKind | "done";
  /** The next page to fetch in this stage (Help Scout numbers pages from 1). */
  page: number;
  /** The happiness report's time window, fixed on the first run so a resumed run asks the same question. */
  ratingsWindow?: { start: string; end: string };
  notes: string[];
};

const stages: readonly HelpScoutKind[] = ["mailboxes", "users", "teams", "customers", "conversations", "ratings"];
// Not every account has these: teams are not in FreeScout, the happiness report needs a Plus or Pro plan.
const optionalStages = new Set<HelpScoutKind>(["teams", "ratings"]);
const listPaths: Record<Exclude<HelpScoutKind, "ratings">, string> = {
  mailboxes: "mailboxes",
  users: "users",
  teams: "teams",
  customers: "customers",
  // Oldest first, so conversations created during the download land on later pages, never shift earlier ones.
  conversations: "conversations?status=all&embed=threads&sortField=createdAt&sortOrder=asc",
};
const helpScoutHost = "api.helpscout.net";
// Help Scout opened in 2011; the happiness report needs a start.
const ratingsFrom = "2011-01-01T00:00:00Z";

/**
 * Downloads a Help Scout (or FreeScout) account page by page into `options.folder`: mailboxes, users,
 * teams, customers, conversations with their threads, and satisfaction ratings. Each page is written
 * whole and then the cursor is saved, so a second run after an interruption continues from the next page.
 */
export async function downloadHelpScout(options: DownloadOptions): Promise<void> {
  const root = apiRoot(options.url);
  const folder = await openDownloadFolder(options.folder);
  const recorder = recordingFetch(options.fetch ?? fetch, extraHeaders(root, options.token));
  const provider = createProviderFetch({
    authorization: `Bearer ${options.token}`,
    provider: "Help Scout",
    fetch: recorder.fetch,
    sleep: options.sleep,
    onWait: (milliseconds, reason) =>
      options.log?.(`Help Scout: ${reason}; waiting ${Math.ceil(milliseconds / 1000)} s before trying again.`),
  });
  const state: HelpScoutDownloadState = (await folder.readState<HelpScoutDownloadState>()) ?? {
    version: 1,
    stage: "mailboxes",
    page: 1,
    notes: [],
  };
  if (state.stage === "done") {
    options.log?.(
      `${options.folder} holds a finished download; reading it again (remove the folder to download afresh).`,
    );
  } else if (state.page > 1 || state.stage !== "mailboxes") {
    options.log?.(`Continuing the Help Scout download at ${state.stage}, page ${state.page}.`);
  }

  while (state.stage !== "done") {
    const stage = state.stage;
    let progress: PageProgress;
    try {
      progress =
        stage === "ratings"
          ? await ratingsPage(provider, root, state, folder)
          : await listPage(provider, root, stage, state.page, folder, options);
    } catch (error) {
      const status = recorder.lastStatus();
      if (optionalStages.has(stage) && state.page === 1 && (status === 403 || status === 404) && isDeskError(error)) {
        state.notes.push(
          stage === "ratings"
            ? `satisfaction ratings were not downloaded: the happiness report answered ${status} (it needs a Help Scout Plus or Pro plan; FreeScout has none).`
            : `teams were not downloaded: ${root}/teams answered ${status}.`,
        );
        progress = { last: true, pages: 1 };
      } else {
        throw error;
      }
    }
    const { last, pages } = progress;
    options.onProgress?.({ stage, done: state.page, total: last ? state.page : Math.max(pages ?? 0, state.page + 1) });
    if (last) {
      const next = stages[stages.indexOf(stage) + 1];
      state.stage = next ?? "done";
      state.page = 1;
    } else {
      state.page += 1;
    }
    await folder.writeState(state);
  }
}

type Folder = Awaited<ReturnType<typeof openDownloadFolder>>;
/** Whether the page just written was the stage's last, and how many pages the stage has, where known. */
type PageProgress = { last: boolean; pages: number | null };

/** Fetches and writes one page of a HAL list. */
async function listPage(
  provider: ProviderFetch,
  root: string,
  kind: Exclude<HelpScoutKind, "ratings">,
  page: number,
  folder: Folder,
  options: DownloadOptions,
): Promise<PageProgress> {
  const listPath = listPaths[kind];
  const url = `${root}/${listPath}${listPath.includes("?") ? "&" : "?"}page=${page}`;
  const body = await provider.getJson(url);
  const parsed = halPageSchema.safeParse(body);
  if (!parsed.success)
    throw new DeskError("unavailable", `Help Scout answered ${url} with something that is not a page of ${kind}.`);
  const items = parsed.data._embedded?.[kind] ?? [];
  if (kind === "conversations") {
    for (const conversation of items) await embedThreads(provider, root, conversation as Conversation, options);
  }
  await folder.writePage(kind, page, body);
  const info = parsed.data.page;
  if (items.length === 0) return { last: true, pages: info?.totalPages ?? null };
  if (info) return { last: info.number >= info.totalPages, pages: info.totalPages };
  return { last: !parsed.data._links?.next, pages: null };
}

type Conversation = { id: number | string; threads?: number; _embedded?: { threads?: unknown[] } };

/** Some servers ignore `embed=threads`; then the threads come from the conversation's own list. */
async function embedThreads(
  provider: ProviderFetch,
  root: string,
  conversation: Conversation,
  options: DownloadOptions,
) {
  if (Array.isArray(conversation._embedded?.threads) || conversation.threads === 0) return;
  const threads: unknown[] = [];
  for (let page = 1; ; page++) {
    const url = `${root}/conversations/${conversation.id}/threads?page=${page}`;
    const parsed = halPageSchema.safeParse(await provider.getJson(url));
    if (!parsed.success)
      throw new DeskError("unavailable", `Help Scout answered ${url} with something that is not a page of threads.`);
    const items = parsed.data._embedded?.threads ?? [];
    threads.push(...items);
    const info = parsed.data.page;
    if (items.length === 0 || (info ? info.number >= info.totalPages : !parsed.data._links?.next)) break;
  }
  conversation._embedded = { ...conversation._embedded, threads };
  options.log?.(`Fetched ${threads.length} threads of conversation ${conversation.id} one by one.`);
}

type ReportPage = { results?: { ratingId?: number | string }[]; pages?: number; page?: number };

/**
 * The happiness ratings report lists every rating of the window; each is then read in full from
 * /ratings/{id}, whose shape is documented, and the page is written as `{ "ratings": [...] }`.
 */
async function ratingsPage(
  provider: ProviderFetch,
  root: string,
  state: HelpScoutDownloadState,
  folder: Folder,
): Promise<PageProgress> {
  state.ratingsWindow ??= { start: ratingsFrom, end: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") };
  const { start, end } = state.ratingsWindow;
  const url = `${root}/reports/happiness/ratings?start=${start}&end=${end}&rating=all&sortField=number&sortOrder=ASC&page=${state.page}`;
  const report = (await provider.getJson(url)) as ReportPage;
  const results = Array.isArray(report?.results) ? report.results : [];
  const ratings: unknown[] = [];
  for (const result of results) {
    if (result.ratingId === undefined || result.ratingId === null) continue;
    ratings.push(await provider.getJson(`${root}/ratings/${result.ratingId}`));
  }
  await folder.writePage("ratings", state.page, { ratings });
  const pages = typeof report.pages === "number" ? report.pages : null;
  return { last: results.length === 0 || (pages !== null && state.page >= pages), pages };
}

/**
 * The API root: Help Scout's is https://api.helpscout.net/v2 (the host alone is enough); a FreeScout
 * desk's API module answers under its own path, e.g. https://desk.example.com/api, taken as given.
 */
export function apiRoot(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DeskError(
      "invalid_input",
      `--url ${url} is not a URL; give the API address, e.g. https://api.helpscout.net.`,
    );
  }
  const trimmed = url.trim().replace(/\/+$/, "");
  return parsed.pathname === "/" || parsed.pathname === "" ? `${trimmed}/v2` : trimmed;
}

/** FreeScout's API module reads its key from X-FreeScout-API-Key; Help Scout only from the Bearer token. */
function extraHeaders(root: string, token: string): Record<string, string> {
  return new URL(root).host === helpScoutHost ? {} : { "x-freescout-api-key": token };
}

/**
 * Adds our extra headers, remembers the last status (so an optional stage can tell "not here" from a
 * failure) and copies Help Scout's X-RateLimit-Retry-After into Retry-After, which the shared fetch reads.
 */
function recordingFetch(base: typeof fetch, headers: Record<string, string>) {
  let status = 0;
  const wrapped: typeof fetch = async (input, init) => {
    const merged = new Headers(init?.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    const response = await base(input, { ...init, headers: merged });
    status = response.status;
    const helpScoutWait = response.headers.get("x-ratelimit-retry-after");
    if (helpScoutWait === null || response.headers.has("retry-after")) return response;
    const copied = new Headers(response.headers);
    copied.set("retry-after", helpScoutWait);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: copied });
  };
  return { fetch: wrapped, lastStatus: () => status };
}
