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

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, "&");
}
