import type { HelpCenterLanguage, HelpCenterText } from "./help-center-text.ts";
import { escapeHtml, renderMarkdown, summaryOf } from "./render-markdown.ts";

export type HelpCenterSite = { name: string; language: HelpCenterLanguage; text: HelpCenterText };
export type PublicArticle = { id: string; title: string; body: string; updatedAt: Date | null };
export type ContactState = { sent?: boolean; error?: string; values?: Record<string, string> };

const style = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1c1f24;background:#fafafa}
header{background:#1f2a44;color:#fff;padding:1.5rem 1rem}header a{color:#fff;text-decoration:none}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}main{padding:1.5rem 0 3rem}
form.search{display:flex;gap:.5rem;margin-top:1rem}input,textarea{font:inherit;padding:.5rem .6rem;border:1px solid #8a94a6;border-radius:6px;width:100%}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:6px;background:#2450c7;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}a{color:#2450c7}
ul.articles{list-style:none;padding:0}ul.articles li{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:.75rem 1rem;margin:.5rem 0}
ul.articles p{margin:.25rem 0 0;color:#4a5160;font-size:.93rem}article{background:#fff;border:1px solid #e3e6eb;border-radius:8px;padding:1rem 1.5rem}
pre{background:#f1f3f6;padding:.75rem;overflow:auto;border-radius:6px}.muted{color:#4a5160;font-size:.9rem}
label{display:block;font-weight:600;margin-top:.75rem}.hidden{position:absolute;left:-10000px}.notice{padding:.75rem 1rem;border-radius:6px;background:#e6f4ea}
.error{background:#fde8e8}.rating{margin:1rem 0}.rating button{margin-right:.4rem;min-width:2.5rem;background:#e3e6eb;color:#1c1f24}
.rating button.chosen{background:#2450c7;color:#fff}`;

function layout(site: HelpCenterSite, title: string, body: string, description = ""): string {
  return `<!doctype html>
<html lang="${site.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(site.name)}</title>
${description ? `<meta name="description" content="${escapeHtml(description)}">` : ""}
<style>${style}</style></head>
<body><header><div class="wrap"><a href="/help"><strong>${escapeHtml(site.name)}</strong> · ${escapeHtml(site.text.title)}</a>
<form class="search" action="/help/search" method="get" role="search"><label class="hidden" for="q">${escapeHtml(site.text.searchLabel)}</label>
<input id="q" name="q" type="search" placeholder="${escapeHtml(site.text.searchLabel)}"><button type="submit">${escapeHtml(site.text.searchButton)}</button></form>
</div></header><main class="wrap">${body}</main></body></html>`;
}

function articleList(articles: PublicArticle[], empty: string): string {
  if (!articles.length) return `<p>${escapeHtml(empty)}</p>`;
  return `<ul class="articles">${articles
    .map(
      (article) =>
        `<li><a href="/help/articles/${encodeURIComponent(article.id)}">${escapeHtml(article.title)}</a><p>${escapeHtml(summaryOf(article.body))}</p></li>`,
    )
    .join("")}</ul>`;
}

export function contactForm(site: HelpCenterSite, state: ContactState = {}): string {
  const value = (name: string) => escapeHtml(state.values?.[name] ?? "");
  const { text } = site;
  const notice = state.sent
    ? `<p class="notice" role="status">${escapeHtml(text.sent)}</p>`
    : state.error
      ? `<p class="notice error" role="alert">${escapeHtml(state.error)}</p>`
      : "";
  return `<section id="contact" aria-labelledby="contact-title"><h2 id="contact-title">${escapeHtml(text.contactTitle)}</h2>
<p>${escapeHtml(text.contactIntro)}</p>${notice}
<form method="post" action="/help/contact">
<label for="contact-name">${escapeHtml(text.name)}</label><input id="contact-name" name="name" required maxlength="200" autocomplete="name" value="${value("name")}">
<label for="contact-email">${escapeHtml(text.email)}</label><input id="contact-email" name="email" type="email" required maxlength="320" autocomplete="email" value="${value("email")}">
<label for="contact-subject">${escapeHtml(text.subject)}</label><input id="contact-subject" name="subject" maxlength="300" value="${value("subject")}">
<label for="contact-message">${escapeHtml(text.message)}</label><textarea id="contact-message" name="message" required rows="6" maxlength="20000">${value("message")}</textarea>
<div class="hidden" aria-hidden="true"><label for="contact-website">Website</label><input id="contact-website" name="website" tabindex="-1" autocomplete="off"></div>
<p><button type="submit">${escapeHtml(text.send)}</button></p></form></section>`;
}

export function homePage(site: HelpCenterSite, articles: PublicArticle[], contact: ContactState = {}): string {
  return layout(
    site,
    site.text.title,
    `<h1>${escapeHtml(site.text.articles)}</h1>${articleList(articles, site.text.noArticles)}${contactForm(site, contact)}`,
  );
}

/** The reader's side of an article page: the read the beacon reports on, and their "Was this helpful?" rating. */
export type ArticleReading = { readId: string | null; rating: number | null; rated: boolean };

export function articlePage(site: HelpCenterSite, article: PublicArticle, reading?: ArticleReading): string {
  const updated = article.updatedAt
    ? `<p class="muted">${escapeHtml(site.text.updated)} <time datetime="${article.updatedAt.toISOString()}">${article.updatedAt.toISOString().slice(0, 10)}</time></p>`
    : "";
  const read = reading?.readId ? ` data-read="${escapeHtml(reading.readId)}"` : "";
  return layout(
    site,
    article.title,
    `<p><a href="/help">← ${escapeHtml(site.text.back)}</a></p><article${read}><h1>${escapeHtml(article.title)}</h1>${updated}${renderMarkdown(article.body)}</article>${reading ? ratingForm(site, article.id, reading) : ""}${contactForm(site)}${reading?.readId ? readingScript : ""}`,
    summaryOf(article.body),
  );
}

/** Works without scripts: each score is a submit button of one small form. */
function ratingForm(site: HelpCenterSite, articleId: string, reading: ArticleReading): string {
  const buttons = [1, 2, 3, 4, 5]
    .map(
      (score) =>
        `<button type="submit" name="rating" value="${score}"${reading.rating === score ? ' aria-pressed="true" class="chosen"' : ""}>${score}</button>`,
    )
    .join("");
  const thanks = reading.rated ? `<p class="notice" role="status">${escapeHtml(site.text.ratingThanks)}</p>` : "";
  return `<section id="rating" class="rating">${thanks}<form method="post" action="/help/articles/${encodeURIComponent(articleId)}/rating"><p id="rating-label">${escapeHtml(site.text.helpful)}</p><div role="group" aria-labelledby="rating-label">${buttons}</div></form></section>`;
}

/** The beacon: how long the page was in view, and whether the reader clicked or selected on it. */
const readingScript = '<script src="/help/reading.js" defer></script>';

export function searchPage(site: HelpCenterSite, query: string, articles: PublicArticle[]): string {
  return layout(
    site,
    `${site.text.resultsFor} ${query}`,
    `<h1>${escapeHtml(site.text.resultsFor)} “${escapeHtml(query)}”</h1>${articleList(articles, site.text.noResults)}${contactForm(site)}`,
  );
}

export function notFoundPage(site: HelpCenterSite): string {
  return layout(site, "404", `<h1>404</h1><p><a href="/help">${escapeHtml(site.text.back)}</a></p>`);
}
