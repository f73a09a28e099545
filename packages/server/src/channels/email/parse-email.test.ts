import { describe, expect, it } from "vitest";
import { sanitizeEmailHtml } from "./email-html.ts";
import { parseEmail } from "./parse-email.ts";

const receivedAt = new Date("2026-03-02T09:00:00Z");
const envelope = { provider: "smtp" as const, mailFrom: "ada@example.test", receivedAt };
const mail = (lines: string[]) => Buffer.from(lines.join("\r\n"), "utf8");

describe("parseEmail", () => {
  it("reads the ids a reply answers newest first, and a ticket reference in the subject", async () => {
    const message = await parseEmail(
      mail([
        "From: Ada Lovelace <Ada@Example.test>",
        "To: support@desk.example.test",
        "Subject: Re: Invoice [#1042]",
        "Message-ID: <reply-2@example.test>",
        "In-Reply-To: <ours-1@desk.example.test>",
        "References: <first@example.test> <ours-1@desk.example.test>",
        "",
        "Thanks!",
        "",
        "On Mon, Mar 2, 2026 at 9:00 AM Support <support@desk.example.test> wrote:",
        "> Your invoice is fixed.",
      ]),
      envelope,
    );
    expect(message).toMatchObject({
      channel: "email",
      provider: "smtp",
      externalId: "reply-2@example.test",
      threadIds: ["ours-1@desk.example.test", "first@example.test"],
      ticketReference: "1042",
      from: { email: "ada@example.test", name: "Ada Lovelace" },
      subject: "Re: Invoice",
      body: "Thanks!",
      at: receivedAt,
    });
    expect(message.automatic).toBeUndefined();
  });

  it("gives a mail without a Message-ID an id of its content, so a redelivery is still one message", async () => {
    const raw = mail(["From: ada@example.test", "Subject: no id", "", "hello"]);
    const first = await parseEmail(raw, envelope);
    const again = await parseEmail(raw, envelope);
    expect(first.externalId).toMatch(/^sha256-[0-9a-f]{40}@mail\.invalid$/);
    expect(again.externalId).toBe(first.externalId);
  });

  it.each([
    ["Auto-Submitted: auto-replied", "ada@example.test"],
    ["Precedence: bulk", "ada@example.test"],
    ["Precedence: list", "ada@example.test"],
    ["Precedence: junk", "ada@example.test"],
    ["List-Id: <news.example.test>", "ada@example.test"],
    ["X-Comment: none", "MAILER-DAEMON@mx.example.test"],
  ])("marks %s from %s as automatic", async (header, from) => {
    const message = await parseEmail(
      mail([`From: ${from}`, header, "Message-ID: <auto@example.test>", "", "Out of office"]),
      envelope,
    );
    expect(message.automatic).toBe(true);
  });

  it("treats a person's mail with Auto-Submitted: no as a person's mail", async () => {
    const message = await parseEmail(mail(["From: ada@example.test", "Auto-Submitted: no", "", "hi"]), envelope);
    expect(message.automatic).toBeUndefined();
  });

  it("turns a delivery report into a note about the message that bounced", async () => {
    const message = await parseEmail(
      mail([
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.test>",
        "Subject: Undelivered Mail Returned to Sender",
        "Message-ID: <bounce-1@mx.example.test>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
        "",
        "--B",
        "Content-Type: text/plain",
        "",
        "The mail could not be delivered.",
        "",
        "--B",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.test",
        "",
        "Final-Recipient: rfc822; ada@example.test",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown",
        "",
        "--B",
        "Content-Type: message/rfc822",
        "",
        "From: Support <support@desk.example.test>",
        "Subject: Re: Help [#1000]",
        "Message-ID: <msg_abc.1000@desk.example.test>",
        "",
        "Hello",
        "--B--",
      ]),
      { ...envelope, mailFrom: "" },
    );
    expect(message).toMatchObject({ internalNote: true, automatic: true });
    expect(message.threadIds[0]).toBe("msg_abc.1000@desk.example.test");
    expect(message.body).toContain("to ada@example.test could not be delivered");
    expect(message.body).toContain("550 5.1.1 user unknown");
  });

  it("stores malformed MIME it can read a sender for, and refuses mail with no sender at all", async () => {
    const broken = Buffer.from(
      'From: ada@example.test\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nstill readable\r\n',
    );
    const message = await parseEmail(broken, envelope);
    expect(message.body).toContain("still readable");

    const garbage = Buffer.from("\x00\x01 not a mail at all\r\n\r\n--");
    await expect(parseEmail(garbage, { ...envelope, mailFrom: "" })).rejects.toMatchObject({ code: "invalid_input" });
    expect((await parseEmail(garbage, envelope)).from.email).toBe("ada@example.test");
  });

  it("stores a mail in an unknown charset readably instead of failing", async () => {
    const raw = Buffer.concat([
      Buffer.from(
        "From: ada@example.test\r\nSubject: =?x-no-such-charset?Q?caf=E9?=\r\nMessage-ID: <charset@example.test>\r\nContent-Type: text/plain; charset=x-no-such-charset\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
      ),
      Buffer.from("caf\xe9 au lait", "latin1"),
    ]);
    const message = await parseEmail(raw, envelope);
    expect(message.body).toMatch(/^caf.{1,2} au lait$/u);
    expect(message.externalId).toBe("charset@example.test");
  });

  it("reads an HTML-only mail as sanitised text without its quoted history", async () => {
    const message = await parseEmail(
      mail([
        "From: ada@example.test",
        "Content-Type: text/html; charset=utf-8",
        "",
        '<div>Hello <b>team</b>,<br>the export fails.<script>alert("x")</script></div>',
        '<div class="gmail_quote">On Mon Support wrote:<blockquote>old words</blockquote></div>',
      ]),
      envelope,
    );
    expect(message.body).toBe("Hello team,\nthe export fails.");
  });

  it("keeps attachments with safe names", async () => {
    const message = await parseEmail(
      mail([
        "From: ada@example.test",
        'Content-Type: multipart/mixed; boundary="M"',
        "",
        "--M",
        "Content-Type: text/plain",
        "",
        "see attached",
        "--M",
        'Content-Type: application/pdf; name="../../etc/passwd.pdf"',
        "Content-Disposition: attachment",
        "Content-Transfer-Encoding: base64",
        "",
        Buffer.from("%PDF-1.4").toString("base64"),
        "--M--",
      ]),
      envelope,
    );
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments?.[0]).toMatchObject({ contentType: "application/pdf", size: 8 });
    expect(message.attachments?.[0]?.filename).not.toContain("/");
  });
});

describe("sanitizeEmailHtml", () => {
  it("keeps formatting and safe links and drops scripts, handlers, styles and javascript links", () => {
    const clean = sanitizeEmailHtml(
      '<p onclick="steal()">Hi <a href="javascript:alert(1)">x</a> <a href="https://ok.example">ok</a></p><style>p{}</style><img src="https://track.example/p.gif"><iframe src="x"></iframe>',
    );
    expect(clean).toBe(
      '<p>Hi <a rel="noopener noreferrer nofollow">x</a> <a href="https://ok.example" rel="noopener noreferrer nofollow">ok</a></p>',
    );
  });
});
