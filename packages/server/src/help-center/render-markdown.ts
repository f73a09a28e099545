/**
 * A small markdown renderer for help-center articles. Every character of the source is escaped
 * first; only the markup below is produced, and links only to http(s), mailto or relative addresses.
 */

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function safeHref(escapedUrl: string): string | null {
  const url = escapedUrl.replaceAll("&amp;", "&").trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme && scheme !== "http" && scheme !== "https" && scheme !== "mailto") return null;
  return escapeHtml(url);
}

function renderInline(source: string): string {
  // Code spans and links are set aside first, so emphasis never reaches into code or an address.
  const setAside: string[] = [];
  const keep = (html: string) => {
    setAside.push(html);
    return `\uE000${setAside.length - 1}\uE000`;
  };
  let text = escapeHtml(source).replace(/`([^`]+)`/g, (_match, code: string) => keep(`<code>${code}</code>`));
  text = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (match, label: string, url: string) => {
    const href = safeHref(url);
    return href ? keep(`<a href="${href}" rel="nofollow">${emphasise(label)}</a>`) : match;
  });
  return emphasise(text).replace(/\uE000(\d+)\uE000/g, (_match, index: string) => setAside[Number(index)] ?? "");
}

function emphasise(text: string): string {
  return (
    text
      .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
      .replace(/(^|[^\w])__([^_]+)__(?!\w)/g, "$1<strong>$2</strong>")
      .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>")
      // Only at word edges, so snake_case names stay as they are.
      .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, "$1<em>$2</em>")
  );
}

export function renderMarkdown(markdown: string): string {
  const lines = markdown.replaceAll("\r\n", "\n").split("\n");
  const html: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: "ul" | "ol"; items: string[] } | null = null;

  const flushParagraph = () => {
    if (paragraph.length) html.push(`<p>${renderInline(paragraph.join(" "))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list)
      html.push(`<${list.tag}>${list.items.map((item) => `<li>${renderInline(item)}</li>`).join("")}</${list.tag}>`);
    list = null;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (line.startsWith("```")) {
      flushParagraph();
      flushList();
      const code: string[] = [];
      for (index += 1; index < lines.length && !(lines[index] ?? "").startsWith("```"); index += 1) {
        code.push(lines[index] ?? "");
      }
      html.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      flushList();
      // The page title is the h1, so article headings start at h2.
      const level = Math.min(6, (heading[1]?.length ?? 1) + 1);
      html.push(`<h${level}>${renderInline(heading[2] ?? "")}</h${level}>`);
    } else if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? "ul" : "ol";
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? "");
    } else if (line.trim() === "") {
      flushParagraph();
      flushList();
    } else if (/^>\s?/.test(line)) {
      flushParagraph();
      flushList();
      html.push(`<blockquote>${renderInline(line.replace(/^>\s?/, ""))}</blockquote>`);
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return html.join("\n");
}

/** Plain text of the first paragraph, for search results and the meta description. */
export function summaryOf(markdown: string, length = 180): string {
  const text = markdown
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .find((block) => block && !block.startsWith("#") && !block.startsWith("```"));
  const plain = (text ?? "")
    .replace(/[`*_>#[\]]|\(([^)]*)\)/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > length ? `${plain.slice(0, length - 1)}…` : plain;
}
