import { describe, expect, it } from "vitest";
import { renderMarkdown, summaryOf } from "./render-markdown.ts";

describe("renderMarkdown", () => {
  it("escapes every tag and attribute of the source", () => {
    const html = renderMarkdown('<img src=x onerror="alert(1)"> & <a href="x">');
    expect(html).toBe("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;a href=&quot;x&quot;&gt;</p>");
  });

  it("renders headings one level down, lists, code and emphasis", () => {
    const html = renderMarkdown("# Title\n\n1. first\n2. **second**\n\n- a\n- `b<c`\n\n```\nx < y\n```");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<ol><li>first</li><li><strong>second</strong></li></ol>");
    expect(html).toContain("<ul><li>a</li><li><code>b&lt;c</code></li></ul>");
    expect(html).toContain("<pre><code>x &lt; y</code></pre>");
  });

  it("renders underscore emphasis but leaves snake_case names, code and addresses alone", () => {
    expect(renderMarkdown("Use _only_ the __export__ page")).toBe(
      "<p>Use <em>only</em> the <strong>export</strong> page</p>",
    );
    expect(renderMarkdown("Set max_rows_per_file and `_raw_`")).toBe(
      "<p>Set max_rows_per_file and <code>_raw_</code></p>",
    );
    expect(renderMarkdown("[the _guide_](https://example.com/a/_b_/c)")).toBe(
      '<p><a href="https://example.com/a/_b_/c" rel="nofollow">the <em>guide</em></a></p>',
    );
  });

  it("links only to web, mail and relative addresses", () => {
    expect(renderMarkdown("[a](https://example.com/?x=1&y=2)")).toContain('href="https://example.com/?x=1&amp;y=2"');
    expect(renderMarkdown("[b](/help/articles/x)")).toContain('href="/help/articles/x"');
    expect(renderMarkdown("[c](javascript:alert(1))")).not.toContain("href");
    expect(renderMarkdown("[d](data:text/html,hi)")).not.toContain("href");
  });

  it("summarises the first paragraph as plain text", () => {
    expect(summaryOf("# Title\n\nOpen **Settings** and [reset](/x).\n\nMore.")).toBe("Open Settings and reset.");
  });
});
