import { type FormEvent, useEffect, useState } from "react";
import { type Article, type ArticleListItem, client, encode } from "./api.ts";
import { navigate, onLinkClick } from "./router.ts";

/** The knowledge base: find an article, edit it, choose whether the help center shows it. */
export function KnowledgeBase({ articleId, search }: { articleId: string | null; search: string | null }) {
  const [articles, setArticles] = useState<ArticleListItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.knowledge
      .list({ ...(search ? { search } : {}), limit: 100 })
      .then((page) => setArticles(page.articles))
      .catch((caught: Error) => setError(caught.message));
  }, [search]);

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
            </li>
          ))}
        </ul>
      </section>
      {articleId ? (
        <ArticleEditor key={articleId} articleId={articleId} />
      ) : (
        <p className="empty">Pick an article to read or edit it.</p>
      )}
    </div>
  );
}

function ArticleEditor({ articleId }: { articleId: string }) {
  const [article, setArticle] = useState<Article | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    client.knowledge
      .get(articleId)
      .then(setArticle)
      .catch((caught: Error) => setError(caught.message));
  }, [articleId]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const saved = await client.knowledge.update(articleId, {
        title: String(form.get("title") ?? ""),
        body: String(form.get("body") ?? ""),
        public: form.get("public") === "on",
      });
      setArticle(saved);
      setError(null);
      setNotice("Saved.");
    } catch (caught) {
      setNotice(null);
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  if (!article) return error ? <p className="error">{error}</p> : <p className="muted">Loading article…</p>;
  return (
    <form className="card article-editor" onSubmit={save} key={article.id + String(article.public)}>
      <label>
        Title
        <input name="title" defaultValue={article.title} required />
      </label>
      <label>
        Body (markdown)
        <textarea name="body" defaultValue={article.body} rows={18} />
      </label>
      <label className="inline">
        <input type="checkbox" name="public" defaultChecked={article.public} /> Show in the public help center
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
  );
}
