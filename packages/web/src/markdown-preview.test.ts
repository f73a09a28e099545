import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown-preview.tsx";

describe("the article preview's markdown", () => {
  it("shows raw HTML, scripts and event handlers as text", () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src="x" onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("keeps headings, lists, emphasis and safe links", () => {
    const html = renderMarkdown("# Export\n\n- open **Reports**\n- [help](https://example.test/help)");
    expect(html).toContain("<h2>Export</h2>");
    expect(html).toContain("<li>open <strong>Reports</strong></li>");
    expect(html).toContain('<a href="https://example.test/help" rel="nofollow">help</a>');
  });

  it("drops links to javascript: addresses", () => {
    expect(renderMarkdown("[click](javascript:alert(1))")).not.toContain("<a ");
  });
});
