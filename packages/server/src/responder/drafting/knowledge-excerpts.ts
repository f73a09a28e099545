/** Pieces of the workspace's own writing that a reply may quote: steps, a workaround, a sentence. */

const maximumSteps = 4;

function plain(markdown: string): string {
  return markdown
    .replace(/\*\*|__|`/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .trim();
}

/** The numbered steps of an article: those under a steps/solution heading first, else the first list. */
export function articleSteps(markdown: string): string[] {
  const sections = markdown.split(/^#{1,6}\s+/m);
  const preferred = sections.find((section) =>
    /^(.*(step|solution|how to|fix|resolv|workaround|schritt|lösung|pasos|solución|étapes|solution|步骤|解决))/iu.test(
      section,
    ),
  );
  for (const section of [preferred, ...sections]) {
    if (!section) continue;
    const steps = [...section.matchAll(/^\s*\d+[.)]\s+(.+)$/gm)].map((match) => plain(match[1] ?? ""));
    if (steps.length) return steps.slice(0, maximumSteps);
  }
  return [];
}

/** The first sentence of a workaround: what the customer can do. Later ones are often notes for the team. */
export function firstSentence(text: string): string {
  const flat = plain(text).replace(/\s+/g, " ");
  const match = flat.match(/^.+?[.!?。！？](?=\s|$)/u);
  return (match ? match[0] : flat).trim();
}

/** Sentences of an article, plain, for checking what it says. */
export function sentencesOf(markdown: string): string[] {
  return plain(markdown)
    .split(/(?<=[.!?。])\s+|\n+/)
    .map((sentence) => sentence.replace(/^\s*(?:[-*]|\d+[.)])\s*/, "").trim())
    .filter(Boolean);
}

export function wordCount(text: string): number {
  return (text.match(/\p{L}+/gu) ?? []).length;
}
