import fc from "fast-check";
import sanitizeHtml from "sanitize-html";
import { describe, expect, it } from "vitest";
import { fuzzParameters } from "../../testing/fuzz/fuzz-settings.ts";
import { xssVectors } from "../../testing/xss-vectors.ts";
import { sanitizeEmailHtml } from "./email-html.ts";

type Element = { tag: string; attributes: Record<string, string> };

/** The elements and attributes of `html` as an HTML parser sees them (the one the sanitiser itself uses). */
function elementsOf(html: string): Element[] {
  const elements: Element[] = [];
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      "*": (tag, attributes) => {
        // A copy: the sanitiser goes on to delete what it refuses from the object it passed.
        elements.push({ tag, attributes: { ...attributes } });
        return { tagName: tag, attribs: attributes };
      },
    },
  });
  return elements;
}

const harmlessTags = new Set([
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
]);

/** What a browser would do with an href: entities decoded, whitespace and control characters ignored. */
function schemeOf(href: string): string | null {
  const decoded = href
    .replace(/&#x([0-9a-f]+);?/gi, (_match, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_match, digits: string) => String.fromCodePoint(Number(digits)))
    .replace(/&colon;/gi, ":")
    .replace(/&tab;|&newline;/gi, "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip exactly these in a URL's scheme
    .replace(/[\u0000-\u0020\u007f]/g, "")
    .toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(decoded)?.[1] ?? null;
}

/** Every way a fragment could still run script once shown; empty when it cannot. */
function scriptPaths(html: string): string[] {
  const problems: string[] = [];
  for (const { tag, attributes } of elementsOf(html)) {
    if (!harmlessTags.has(tag)) problems.push(`<${tag}> survived`);
    for (const [name, value] of Object.entries(attributes)) {
      if (/^on/i.test(name)) problems.push(`<${tag} ${name}> survived`);
      if (/^(style|srcdoc|src|formaction|action|background|xlink:href|data|poster|dynsrc|lowsrc)$/i.test(name)) {
        problems.push(`<${tag} ${name}="${value}"> survived`);
      }
      if (/expression\s*\(|javascript:|vbscript:|data:text\/html/i.test(value)) {
        problems.push(`<${tag} ${name}="${value}"> survived`);
      }
      if (name === "href") {
        const scheme = schemeOf(value);
        if (scheme !== null && !["http", "https", "mailto"].includes(scheme)) {
          problems.push(`<${tag} href="${value}"> keeps the ${scheme}: scheme`);
        }
      }
    }
  }
  // Text is escaped, so no tag can start in it: a raw "<script" or "<svg" would be a parser disagreement.
  if (/<\s*(script|style|iframe|object|embed|svg|math|frame|base|meta|link|form|img|input)\b/i.test(html)) {
    problems.push(`raw markup survived: ${html.slice(0, 200)}`);
  }
  return problems;
}

describe("email HTML sanitising against known XSS vectors", () => {
  it("has a fixture of at least 80 vectors, each of which would run script unsanitised", () => {
    expect(xssVectors.length).toBeGreaterThanOrEqual(80);
    const harmlessAsIs = xssVectors.filter((vector) => scriptPaths(vector).length === 0);
    expect(harmlessAsIs).toEqual([]);
  });

  it.each(xssVectors.map((vector) => [vector]))("leaves no way to run script in %s", (vector) => {
    expect(scriptPaths(sanitizeEmailHtml(vector))).toEqual([]);
  });

  it("leaves no way to run script when vectors are nested in, or spliced into, ordinary mail", () => {
    const vector = fc.constantFrom(...xssVectors);
    const fragment = fc.oneof(
      vector,
      fc.tuple(vector, vector).map(([first, second]) => first + second),
      fc.tuple(vector, vector, fc.nat()).map(([outer, inner, at]) => {
        const cut = at % (outer.length + 1);
        return outer.slice(0, cut) + inner + outer.slice(cut);
      }),
      fc
        .tuple(fc.constantFrom("p", "div", "a", "blockquote", "td", "li", "span"), vector)
        .map(([tag, inner]) => `<${tag} href="https://example.com">${inner}</${tag}>`),
    );
    fc.assert(
      fc.property(fragment, (html) => {
        const problems = scriptPaths(sanitizeEmailHtml(html));
        if (problems.length > 0) throw new Error(`${html}\n${problems.join("\n")}`);
      }),
      fuzzParameters(400),
    );
  });

  it("keeps links to the web and mail, and the words around the vectors", () => {
    const clean = sanitizeEmailHtml(
      '<p>See <a href="https://example.com/help" onclick="alert(1)">the guide</a><script>alert(1)</script> or <a href="mailto:help@example.com">write</a>.</p>',
    );
    expect(clean).toBe(
      '<p>See <a href="https://example.com/help" rel="noopener noreferrer nofollow">the guide</a> or <a href="mailto:help@example.com" rel="noopener noreferrer nofollow">write</a>.</p>',
    );
  });
});
