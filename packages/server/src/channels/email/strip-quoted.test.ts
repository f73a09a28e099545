import { describe, expect, it } from "vitest";
import { replyMarker, stripQuotedReply } from "./strip-quoted.ts";

describe("stripQuotedReply", () => {
  it("cuts Gmail's quote header, also when Gmail wraps it over two lines", () => {
    expect(
      stripQuotedReply(
        "Thanks, that worked!\n\nOn Mon, Nov 24, 2026 at 10:02 AM Support <support@desk.example> wrote:\n> It ships today.\n",
      ),
    ).toBe("Thanks, that worked!");
    expect(
      stripQuotedReply(
        "Still broken.\n\nOn Mon, Nov 24, 2026 at 10:02 AM Very Long Support Team Name <\nsupport@desk.example> wrote:\n\n> Try again.",
      ),
    ).toBe("Still broken.");
  });

  it("cuts Apple Mail's quote header", () => {
    expect(
      stripQuotedReply(
        "Perfect.\n\nSent from my iPhone\n\n> On 24 Nov 2026, at 10:02, Support <s@d.example> wrote:\n> \n> Hi",
      ),
    ).toBe("Perfect.\n\nSent from my iPhone");
    expect(stripQuotedReply("Yes please.\n\nOn 24 Nov 2026, at 10:02, Support <s@d.example> wrote:\n\nHi Ada")).toBe(
      "Yes please.",
    );
  });

  it("cuts Outlook's header block and its Original Message line", () => {
    expect(
      stripQuotedReply(
        "See below.\r\n\r\n________________________________\r\nFrom: Support <s@d.example>\r\nSent: Monday, November 24, 2026 10:02\r\nTo: Ada\r\nSubject: Re: Invoice\r\n\r\nHi Ada",
      ),
    ).toBe("See below.");
    expect(stripQuotedReply("Done.\n\n-----Original Message-----\nFrom: Support\nHi")).toBe("Done.");
    expect(stripQuotedReply("Okay.\n\nFrom: Support <s@d.example>\nDate: 24 Nov 2026\nSubject: Re: x\n\nold")).toBe(
      "Okay.",
    );
  });

  it("cuts German quote headers", () => {
    expect(stripQuotedReply("Danke, klappt.\n\nAm 24.11.2026 um 10:02 schrieb Support <s@d.example>:\n> Hallo")).toBe(
      "Danke, klappt.",
    );
    expect(
      stripQuotedReply(
        "Geht nicht.\n\n-----Ursprüngliche Nachricht-----\nVon: Support <s@d.example>\nGesendet: Montag, 24. November 2026 10:02\nAn: Ada",
      ),
    ).toBe("Geht nicht.");
  });

  it("cuts French quote headers", () => {
    expect(
      stripQuotedReply("Merci beaucoup.\n\nLe 24 nov. 2026 à 10:02, Support <s@d.example> a écrit :\n> Bonjour"),
    ).toBe("Merci beaucoup.");
    expect(
      stripQuotedReply("C'est réglé.\n\nDe : Support <s@d.example>\nEnvoyé : lundi 24 novembre 2026 10:02\nÀ : Ada"),
    ).toBe("C'est réglé.");
  });

  it("cuts at the reply marker our own mail carries, whatever the client wrote around it", () => {
    expect(stripQuotedReply(`New answer\n\n${replyMarker}\n\nYour ticket [#1000]`)).toBe("New answer");
    expect(stripQuotedReply(`New answer\n\n> ${replyMarker}\n> old`)).toBe("New answer");
  });

  it("keeps quotes the customer answers in between, and drops a trailing signature", () => {
    const inline = "> Which plan are you on?\nPro.\n> Since when?\nMarch.\n-- \nAda Lovelace\nAnalytical Engines Ltd";
    expect(stripQuotedReply(inline)).toBe("> Which plan are you on?\nPro.\n> Since when?\nMarch.");
  });

  it("keeps a message that is nothing but a quote whole, rather than storing nothing", () => {
    expect(stripQuotedReply("On Mon, Nov 24, 2026 Support wrote:\n> Hi")).toBe(
      "On Mon, Nov 24, 2026 Support wrote:\n> Hi",
    );
  });

  it("does not cut ordinary sentences that merely contain the words", () => {
    const text = "On Monday the export wrote: nothing at all to the file.\nFrom: the settings page, I clicked save.";
    expect(stripQuotedReply(text)).toBe(text);
  });
});
