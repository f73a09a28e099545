import { describe, expect, it } from "vitest";
import { loadSettings } from "../../config/config.ts";

const load = (environment: Record<string, string>) =>
  loadSettings({ dataDir: "/srv/desk", purpose: "test" }, environment as NodeJS.ProcessEnv);

describe("email settings", () => {
  it("are off by default, with attachments beside the embedded database", () => {
    expect(load({}).email).toEqual({
      outbound: null,
      mailboxes: null,
      maxBytes: 25 * 1024 * 1024,
      attachmentsFolder: "/srv/desk/attachments",
      imap: null,
    });
  });

  it("read outbound SMTP, mailboxes, the size limit and an IMAP mailbox", () => {
    const email = load({
      RESPONDER_SMTP_URL: "smtps://desk:secret@mail.example.com:465",
      RESPONDER_EMAIL_FROM: "Support <support@example.com>",
      RESPONDER_MAILBOXES: "support@example.com, billing@example.com",
      RESPONDER_EMAIL_MAX_BYTES: "1048576",
      RESPONDER_IMAP_URL: "imaps://desk%40example.com:p%40ss@imap.example.com/Support%20Inbox",
    }).email;
    expect(email.outbound).toEqual({
      smtpUrl: "smtps://desk:secret@mail.example.com:465",
      from: "Support <support@example.com>",
    });
    expect(email.mailboxes).toEqual(["support@example.com", "billing@example.com"]);
    expect(email.maxBytes).toBe(1048576);
    expect(email.imap).toEqual({
      host: "imap.example.com",
      port: 993,
      secure: true,
      user: "desk@example.com",
      password: "p@ss",
      mailbox: "Support Inbox",
      moveTo: null,
    });
  });

  it("name the setting that is wrong", () => {
    expect(() => load({ RESPONDER_SMTP_URL: "http://mail.example.com" })).toThrow(/RESPONDER_SMTP_URL/);
    expect(() => load({ RESPONDER_SMTP_URL: "smtp://mail.example.com" })).toThrow(/RESPONDER_EMAIL_FROM/);
    expect(() => load({ RESPONDER_MAILBOXES: "support" })).toThrow(/RESPONDER_MAILBOXES/);
    expect(() => load({ RESPONDER_IMAP_URL: "imap://imap.example.com" })).toThrow(/RESPONDER_IMAP_URL/);
  });
});
