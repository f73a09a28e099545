// The help center's own renderer: it escapes every character of the source before adding its few
// tags, and imports nothing, so the preview shows exactly what the public page will, safely.
import { renderMarkdown } from "../../server/src/help-center/render-markdown.ts";

export { renderMarkdown };

/** An article's markdown as the help center shows it; raw HTML in the source appears as text. */
export function MarkdownPreview({ markdown, label }: { markdown: string; label: string }) {
  return (
    <section className="markdown-preview" aria-label={label}>
      {markdown.trim() ? (
        // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown escapes the source before adding markup.
        <div className="article-body" dangerouslySetInnerHTML={{ __html: renderMarkdown(markdown) }} />
      ) : (
        <p className="muted">Nothing to preview yet: write the article's body on the left.</p>
      )}
    </section>
  );
}
