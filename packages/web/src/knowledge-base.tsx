import { type FormEvent, useEffect, useState } from "react";
import {
  type Article,
  type ArticleListItem,
  type ArticleProposal,
  type ArticleVersion,
  client,
  encode,
  type OperationResponse,
} from "./api.ts";
import { authorLabel, dateTime } from "./format.ts";
import { lineDiff } from "./line-diff.ts";
import { MarkdownPreview } from "./markdown-preview.tsx";
import { navigate, onLinkClick } from "./router.ts";

const message = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

/** The knowledge base: find an article, edit it, choose whether the help center shows it. */
export function KnowledgeBase({
  articleId,
  proposalId,
  search,
  agentNames,
}: {
  articleId: string | null;
  proposalId: string | null;
  search: string | null;
  agentNames: Map<string, string>;
}) {
  const [articles, setArticles] = useState<ArticleListItem[] | null>(null);
  const [proposals, setProposals] = useState<ArticleProposal[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after a save, an accept or a dismiss so the lists show the change.
  const [round, setRound] = useState(0);

  useEffect(() => {
    void round;
    client.knowledge
      .list({ ...(search ? { search } : {}), limit: 100 })
      .then((page) => setArticles(page.articles))
      .catch((caught: Error) => setError(caught.message));
  }, [search, round]);

  useEffect(() => {
    void round;
    client
      .request("GET /knowledge/proposals", { query: { status: "proposed" } })
      .then((answer) => setProposals(answer.items))
      .catch((caught: Error) => setError(caught.message));
  }, [round]);

  // Articles flagged for rework by their readers over the last 30 days (GET /reports/article-health).
  const [rework, setRework] = useState<Map<string, ReworkFlag[]>>(new Map());
  useEffect(() => {
    void round;
    client
      .request("GET /reports/article-health", { query: {} })
      .then((health) =>
        setRework(new Map(health.articles.filter((row) => row.needsRework).map((row) => [row.articleId, row.flags]))),
      )
      .catch(() => setRework(new Map()));
  }, [round]);

  const [proposing, setProposing] = useState(false);
  const [proposalNotice, setProposalNotice] = useState<string | null>(null);

  async function propose() {
    setProposing(true);
    try {
      const { created } = await client.request("POST /knowledge/proposals", { body: {} });
      setProposalNotice(
        created.length === 0
          ? "No new topic this month: every recurring one has an article or a proposal already."
          : `${created.length} new ${created.length === 1 ? "proposal" : "proposals"} to review.`,
      );
      setRound((previous) => previous + 1);
    } catch (caught) {
      setError(message(caught));
    } finally {
      setProposing(false);
    }
  }

  const proposal = proposalId ? proposals?.find((item) => item.id === proposalId) : undefined;
  const refresh = () => setRound((previous) => previous + 1);

  return (
    <div className="knowledge-base">
      <section aria-labelledby="kb-title" className="kb-list">
        <header className="toolbar">
          <h1 id="kb-title">Knowledge base</h1>
        </header>
        <search>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              const value = String(new FormData(event.currentTarget).get("q") ?? "").trim();
              navigate(value ? `/articles?q=${encode(value)}` : "/articles");
            }}
          >
            <label className="visually-hidden" htmlFor="kb-search">
              Search articles
            </label>
            <input
              id="kb-search"
              className="kb-search"
              name="q"
              type="search"
              defaultValue={search ?? ""}
              placeholder="Search articles"
            />
          </form>
        </search>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {articles && articles.length === 0 && <p className="empty">No article matches. Try fewer words.</p>}
        <ul className="plain article-list">
          {(articles ?? []).map((article) => (
            <li key={article.id} className={article.id === articleId ? "article-item current" : "article-item"}>
              <a href={`/articles/${encode(article.id)}`} onClick={onLinkClick}>
                {article.title}
              </a>{" "}
              <span className="muted small">{article.public ? "public" : "internal"}</span>
              <ReworkBadge flags={rework.get(article.id)} />
            </li>
          ))}
        </ul>
        <section aria-labelledby="proposals-title" className="kb-proposals">
          <h2 id="proposals-title">Proposed articles</h2>
          {proposals?.length === 0 && (
            <p className="muted small">
              None to review. The desk proposes one for a recurring topic no article covers.
            </p>
          )}
          <button type="button" className="secondary" disabled={proposing} onClick={() => void propose()}>
            {proposing ? "Looking…" : "Find topics without an article"}
          </button>
          {proposalNotice && (
            <p className="muted small" role="status">
              {proposalNotice}
            </p>
          )}
          <ul className="plain article-list">
            {(proposals ?? []).map((item) => (
              <li key={item.id} className={item.id === proposalId ? "article-item current" : "article-item"}>
                <a href={`/articles?proposal=${encode(item.id)}`} onClick={onLinkClick}>
                  {item.title}
                </a>{" "}
                <span className="muted small">{item.sources.ticketIds.length} tickets</span>
              </li>
            ))}
          </ul>
        </section>
      </section>
      {proposal ? (
        <ProposalReview key={proposal.id} proposal={proposal} onDecided={refresh} />
      ) : articleId ? (
        <ArticleEditor key={articleId} articleId={articleId} agentNames={agentNames} onSaved={refresh} />
      ) : proposalId && proposals ? (
        <p className="empty">That proposal was already decided. Pick another one, or an article.</p>
      ) : (
        <p className="empty">Pick an article to read or edit it, or a proposed article to review.</p>
      )}
    </div>
  );
}

type ReworkFlag = OperationResponse<"GET /reports/article-health">["articles"][number]["flags"][number];

const reworkReasonLabels: Record<ReworkFlag["reason"], string> = {
  bounce_rate: "readers leave quickly",
  low_ratings: "rated low",
  tickets_after_reading: "tickets after reading",
};

/** "Needs rework" with the reasons; each reason's evidence on hover and for screen readers. */
function ReworkBadge({ flags }: { flags: ReworkFlag[] | undefined }) {
  if (!flags?.length) return null;
  return (
    <span className="rework">
      {" "}
      <span className="badge">needs rework</span>{" "}
      {flags.map((flag) => (
        <span key={flag.reason} className="muted small" title={flag.evidence}>
          {reworkReasonLabels[flag.reason]}
          <span className="visually-hidden">: {flag.evidence}</span>{" "}
        </span>
      ))}
    </span>
  );
}

function ArticleEditor({
  articleId,
  agentNames,
  onSaved,
}: {
  articleId: string;
  agentNames: Map<string, string>;
  onSaved: () => void;
}) {
  const [article, setArticle] = useState<Article | null>(null);
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [isPublic, setPublic] = useState(false);
  const [versions, setVersions] = useState<ArticleVersion[] | null>(null);
  const [viewing, setViewing] = useState<ArticleVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const show = (loaded: Article) => {
    setArticle(loaded);
    setTitle(loaded.title);
    setBody(loaded.body);
    setPublic(loaded.public);
  };

  const loadVersions = () =>
    client
      .request("GET /articles/{id}/versions", { params: { id: articleId } })
      .then((answer) => setVersions(answer.versions))
      .catch((caught: Error) => setError(caught.message));

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once per article (the component is keyed by it).
  useEffect(() => {
    client.knowledge
      .get(articleId)
      .then(show)
      .catch((caught: Error) => setError(caught.message));
    void loadVersions();
  }, [articleId]);

  async function store(change: { title: string; body: string; public?: boolean; tags?: string[] }, done: string) {
    try {
      show(await client.knowledge.update(articleId, change));
      setViewing(null);
      setError(null);
      setNotice(done);
      onSaved();
      await loadVersions();
    } catch (caught) {
      setNotice(null);
      setError(message(caught));
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void store({ title, body, public: isPublic }, "Saved.");
  }

  if (!article) return error ? <p className="error">{error}</p> : <p className="muted">Loading article…</p>;
  return (
    <div className="article-workspace">
      <form className="card article-editor" onSubmit={save}>
        <TitleAndBody title={title} onTitle={setTitle} body={body} onBody={setBody} />
        <label className="inline">
          <input
            type="checkbox"
            name="public"
            checked={isPublic}
            onChange={(event) => setPublic(event.target.checked)}
          />{" "}
          Show in the public help center
        </label>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="row">
          <button type="submit">Save article</button>
          {article.public && (
            <a
              className="button secondary"
              href={`/help/articles/${encode(article.id)}`}
              target="_blank"
              rel="noreferrer"
            >
              View in the help center ↗
            </a>
          )}
        </div>
      </form>
      <section className="card article-versions" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {versions?.length === 0 && <p className="muted small">No saved versions yet.</p>}
        <ol className="plain version-list">
          {(versions ?? []).map((version, index) => (
            <li key={version.version} className={viewing?.version === version.version ? "current" : undefined}>
              <button
                type="button"
                className="link"
                aria-label={`View version ${version.version}`}
                onClick={() => setViewing(viewing?.version === version.version ? null : version)}
              >
                Version {version.version}
              </button>{" "}
              <span className="muted small">
                {dateTime(version.createdAt)} ·{" "}
                {version.editedBy ? authorLabel(version.editedBy, agentNames) : "unknown"}
                {index === 0 ? " · current" : ""}
              </span>
            </li>
          ))}
        </ol>
        {viewing && (
          <div className="version-view">
            <h3>
              Version {viewing.version}: {viewing.title}
            </h3>
            <MarkdownPreview markdown={viewing.body} label={`Version ${viewing.version}`} />
            {viewing.version !== versions?.[0]?.version && (
              <VersionChanges before={viewing.body} after={article.body} version={viewing.version} />
            )}
            {viewing.version !== versions?.[0]?.version && (
              <button
                type="button"
                onClick={() =>
                  void store(
                    { title: viewing.title, body: viewing.body, tags: viewing.tags },
                    `Version ${viewing.version} restored (saved as a new version).`,
                  )
                }
              >
                Restore version {viewing.version}
              </button>
            )}
          </div>
        )}
      </section>
    </div>
  );
}

function ProposalReview({ proposal, onDecided }: { proposal: ArticleProposal; onDecided: () => void }) {
  const [title, setTitle] = useState(proposal.title);
  const [body, setBody] = useState(proposal.body);
  const [isPublic, setPublic] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function accept(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const { article } = await client.request("POST /knowledge/proposals/{id}/accept", {
        params: { id: proposal.id },
        body: { title, body, public: isPublic },
      });
      onDecided();
      navigate(`/articles/${encode(article.id)}`);
    } catch (caught) {
      setError(message(caught));
    }
  }

  async function dismiss() {
    try {
      await client.request("POST /knowledge/proposals/{id}/dismiss", { params: { id: proposal.id } });
      onDecided();
      navigate("/articles");
    } catch (caught) {
      setError(message(caught));
    }
  }

  return (
    <form className="card article-editor" onSubmit={accept} aria-label="Review proposed article">
      <p className="muted small">
        Proposed for the topic “{proposal.topic}” from{" "}
        {proposal.sources.ticketIds.map((ticketId, index) => (
          <span key={ticketId}>
            {index > 0 && ", "}
            <a href={`/tickets/${encode(ticketId)}`} onClick={onLinkClick}>
              #{ticketId}
            </a>
          </span>
        ))}
        {proposal.sources.knownIssueId && " and its known issue"}. Edit it, then publish it or dismiss it (its topic is
        not proposed again).
      </p>
      <TitleAndBody title={title} onTitle={setTitle} body={body} onBody={setBody} />
      <label className="inline">
        <input type="checkbox" checked={isPublic} onChange={(event) => setPublic(event.target.checked)} /> Show in the
        public help center
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit">Publish as article</button>
        <button type="button" className="secondary" onClick={() => void dismiss()}>
          Dismiss proposal
        </button>
      </div>
    </form>
  );
}

/** An article's title and markdown body, with the help center's preview beside the body. */
function TitleAndBody(props: {
  title: string;
  onTitle(title: string): void;
  body: string;
  onBody(body: string): void;
}) {
  return (
    <>
      <label>
        Title
        <input name="title" value={props.title} onChange={(event) => props.onTitle(event.target.value)} required />
      </label>
      <div className="editor-columns">
        <label>
          Body (markdown)
          <textarea name="body" value={props.body} onChange={(event) => props.onBody(event.target.value)} rows={18} />
        </label>
        <div>
          <p className="preview-label">Preview, as the help center shows it</p>
          <MarkdownPreview markdown={props.body} label="Preview" />
        </div>
      </div>
    </>
  );
}

/** What changed from a saved version to the article as it is now, line by line. */
function VersionChanges({ before, after, version }: { before: string; after: string; version: number }) {
  const lines = lineDiff(before, after);
  const changed = lines.filter((line) => line.kind !== "same").length;
  return (
    <details className="version-changes">
      <summary>
        {changed === 0
          ? "Same text as now"
          : `${changed} changed line${changed === 1 ? "" : "s"} since version ${version}`}
      </summary>
      <pre>
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their place.
          <span key={index} className={`diff-${line.kind}`}>
            {line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}
            {line.text}
            {"\n"}
          </span>
        ))}
      </pre>
    </details>
  );
}
