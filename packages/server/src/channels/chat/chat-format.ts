import type { HistoryItem } from "./protocol.ts";

const maxChunks = 6;

/**
 * A reply as chat shows it: plain text (the widget never renders HTML), one bubble per paragraph
 * like a person typing, at most six; Markdown emphasis and headings are dropped and links keep
 * their address.
 */
export function chatChunks(markdown: string): string[] {
  const paragraphs = markdown
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => plainText(paragraph).trim())
    .filter((paragraph) => paragraph.length > 0);
  if (paragraphs.length <= maxChunks) return paragraphs;
  return [...paragraphs.slice(0, maxChunks - 1), paragraphs.slice(maxChunks - 1).join("\n\n")];
}

function plainText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g, "$1 ($2)")
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, (_match, text: string, url: string) =>
      text === url ? url : `${text} (${url})`,
    )
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?!\w)/g, "$1$2")
    .replace(/`([^`\n]+)`/g, "$1");
}

/** The bubbles of one agent message; each has its own id, the same in history and when pushed live. */
export function agentItems(message: { id: string; body: string; at: string }): HistoryItem[] {
  const chunks = chatChunks(message.body);
  if (chunks.length <= 1) return [{ id: message.id, from: "agent", body: chunks[0] ?? message.body, at: message.at }];
  return chunks.map((body, index) => ({ id: `${message.id}#${index + 1}`, from: "agent", body, at: message.at }));
}
