import sanitizeHtml from "sanitize-html";
import { decodeEntities } from "../../channels/email/email-html.ts";

/**
 * A Help Scout thread body (HTML from mail clients and the Help Scout editor) as plain text with a
 * little Markdown: paragraphs and line breaks kept, list items as "- ", bold as **, links as
 * "text (url)". Scripts, styles, images and every attribute but a link's address are dropped.
 */
export function helpScoutHtmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  const safe = sanitizeHtml(html, {
    allowedTags: ["p", "br", "div", "b", "strong", "i", "em", "a", "ul", "ol", "li", "blockquote", "pre", "code"],
    allowedAttributes: { a: ["href"] },
    allowedSchemes: ["http", "https", "mailto"],
    disallowedTagsMode: "discard",
  });
  const marked = safe
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/gi, (_match, href: string, text: string) => {
      const label = text.trim();
      const address = decodeEntities(href);
      return label === "" || decodeEntities(label) === address || `mailto:${decodeEntities(label)}` === address
        ? label || address
        : `${label} (${address})`;
    })
    .replace(/<\/?(b|strong)>/gi, "**")
    .replace(/<\/?(i|em)>/gi, "_")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li[^>]*>/gi, "\n- ")
    .replace(/<blockquote[^>]*>/gi, "\n> ")
    .replace(/<\/(p|div|blockquote|pre|ul|ol)>/gi, "\n\n");
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n[ \t]+/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
