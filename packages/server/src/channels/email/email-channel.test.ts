import { describe, expect, it } from "vitest";
import { classifySmtpFailure, replySubject } from "./email-channel.ts";
import { markdownToHtml, markdownToText } from "./markdown.ts";

describe("email replies", () => {
  it("carry the ticket reference in the subject once, without stacking Re:", () => {
    expect(replySubject("Invoice wrong", "1042")).toBe("Re: Invoice wrong [#1042]");
    expect(replySubject("RE: AW: Invoice wrong [#1042]", "1042")).toBe("Re: Invoice wrong [#1042]");
    expect(replySubject(null, "7")).toBe("Re: Your request [#7]");
  });

  it("render markdown as HTML that cannot carry markup of its own, and as plain text", () => {
    const markdown =
      'Hi <b onmouseover="x">Ada</b>,\n\n- **one**\n- [two](javascript:alert(1))\n\nSee [docs](https://docs.example/a?b=1&c=2).';
    const html = markdownToHtml(markdown);
    expect(html).toContain("Hi &lt;b onmouseover=&quot;x&quot;&gt;Ada&lt;/b&gt;,");
    expect(html).toContain("<ul><li><strong>one</strong></li><li>[two](javascript:alert(1))</li></ul>");
    expect(html).toContain('<a href="https://docs.example/a?b=1&amp;c=2">docs</a>');
    expect(markdownToText(markdown)).toContain("- one\n- two (javascript:alert(1))");
  });

  it("sort SMTP failures: 5xx rejected for good, 4xx and network trouble retried", () => {
    expect(classifySmtpFailure({ responseCode: 550, response: "550 5.1.1 no such user" })).toEqual({
      status: "rejected",
      reason: "550 5.1.1 no such user",
    });
    expect(classifySmtpFailure({ responseCode: 421, response: "421 try later" }).status).toBe("retryable");
    expect(classifySmtpFailure(Object.assign(new Error("connect ECONNREFUSED"), { code: "ESOCKET" })).status).toBe(
      "retryable",
    );
  });
});
