import sanitizeHtml from "sanitize-html";

/**
 * HTML from outside, made harmless: an allow-list of formatting tags, links only to http(s) and
 * mailto, no scripts, styles, forms, frames, event handlers or remote images. The quoted history
 * mail clients wrap in their own containers (Gmail, Apple Mail, Outlook, Thunderbird) is dropped.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      "p",
      "br",
      "div",
      "span",
      "b",
      "strong",
      "i",
      "em",
      "u",
      "s",
      "a",
      "ul",
      "ol",
      "li",
      "blockquote",
      "pre",
      "code",
      "h1",
      "h2",
      "h3",
      "h4",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "hr",
    ],
    allowedAttributes: { a: ["href", "rel"] },
    allowedSchemes: ["http", "https", "mailto"],
    disallowedTagsMode: "discard",
    exclusiveFilter: (frame) => isQuotedHistory(frame.tag, frame.attribs),
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow" } }),
    },
    allowedSchemesAppliedToAttributes: ["href"],
  }).trim();
}

function isQuotedHistory(tag: string, attributes: Record<string, string>): boolean {
  const classes = ` ${attributes.class ?? ""} `;
  if (/ (gmail_quote|gmail_extra|yahoo_quoted|moz-cite-prefix|OutlookMessageHeader) /.test(classes)) return true;
  if (tag === "blockquote" && attributes.type === "cite") return true;
  const id = attributes.id ?? "";
  return id === "divRplyFwdMsg" || id === "appendonsend" || id.startsWith("x_divRplyFwdMsg");
}

/** Readable text of (sanitised) HTML: blocks become lines, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  const withBreaks = sanitizeEmailHtml(html)
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<\/(p|div|h[1-6]|tr|blockquote|pre|ul|ol|table)>/gi, "\n\n")
    .replace(/<\/t[dh]>/gi, "\t");
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Decodes HTML character references: the common named ones and every numeric one. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X"))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return named[entity.toLowerCase()] ?? whole;
  });
}
