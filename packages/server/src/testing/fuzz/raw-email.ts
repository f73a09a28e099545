import fc from "fast-check";
import { hostileString } from "./hostile-input.ts";

/** Charsets as mail declares them: real ones, misspelt ones and ones no decoder knows. */
const charsets = ["utf-8", "UTF8", "iso-8859-1", "windows-1252", "shift_jis", "utf-7", "ucs-2", "x-unknown", "", '"'];
const encodings = ["7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "nonsense", ""];

const headerText = fc.oneof(
  { weight: 4, arbitrary: hostileString.map((text) => text.replace(/\r|\n/g, " ")) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "=?utf-8?B?!!!not-base64?=",
      "=?x-bogus?Q?caf=E9?=",
      "=?utf-8?Q?unterminated",
      "=?iso-8859-1?q?=FF=FE=00?=",
      `=?utf-8?B?${"QUFB".repeat(5000)}?=`,
      "<>",
      "<<a@b>>",
      "<a@b> <c@d> junk <",
      '"Quoted, Name" <ana@example.com>',
      "ana@example.com, , ,",
      "undisclosed-recipients:;",
      "@",
      "ana@",
      "Thu, 31 Feb 2026 25:99:99 +9999",
    ),
  },
  { weight: 1, arbitrary: fc.nat({ max: 120_000 }).map((length) => "h".repeat(length)) },
);

const headerName = fc.constantFrom(
  "From",
  "To",
  "Cc",
  "Subject",
  "Message-ID",
  "In-Reply-To",
  "References",
  "Date",
  "Auto-Submitted",
  "Precedence",
  "List-Id",
  "Reply-To",
  "X-Autoreply",
);

/** Header lines: known headers with hostile values, folded lines, lines with no colon at all. */
const headerLines = fc.array(
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(headerName, headerText).map(([name, value]) => `${name}: ${value}`) },
    { weight: 1, arbitrary: headerText.map((value) => ` ${value}`) },
    { weight: 1, arbitrary: headerText.map((value) => value.replace(/:/g, "")) },
    { weight: 1, arbitrary: fc.constant("From: Ana <ana@example.com>") },
  ),
  { maxLength: 8 },
);

const textBody = fc.oneof(
  hostileString,
  fc.constantFrom(
    "<p>Hello</p><script>alert(1)</script><img src=x onerror=alert(1)>",
    "=E9=\r\n=ZZ=",
    "!!!not base64###",
    "SGVsbG8=====",
    "begin 644 x\nend",
    "On Mon, Ana wrote:\n> quoted\n> more",
  ),
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
);

type Part = { headers: string[]; body: string };

const leafPart: fc.Arbitrary<Part> = fc
  .record({
    type: fc.constantFrom(
      "text/plain",
      "text/html",
      "application/octet-stream",
      "application/x-msdownload",
      "image/png",
      "message/delivery-status",
      "text/rfc822-headers",
      "message/rfc822",
      "nonsense",
      "",
    ),
    charset: fc.constantFrom(...charsets),
    encoding: fc.constantFrom(...encodings),
    filename: fc.option(fc.oneof(hostileString, fc.constantFrom("../../evil.exe", "a\u0000b.txt", "CON", ".", "..")), {
      freq: 3,
    }),
    body: textBody,
  })
  .map(({ type, charset, encoding, filename, body }) => ({
    headers: [
      `Content-Type: ${type}; charset=${charset}${filename === null ? "" : `; name="${filename.replace(/[\r\n"]/g, "")}"`}`,
      `Content-Transfer-Encoding: ${encoding}`,
      ...(filename === null ? [] : [`Content-Disposition: attachment; filename="${filename.replace(/[\r\n"]/g, "")}"`]),
    ],
    body,
  }));

/** Nested multiparts with declared, missing, wrong or repeated boundaries. */
const part: fc.Arbitrary<Part> = fc.letrec<{ part: Part }>((tie) => ({
  part: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafPart,
    fc
      .record({
        subtype: fc.constantFrom("mixed", "alternative", "related", "report; report-type=delivery-status", "digest"),
        boundary: fc.constantFrom("b1", "b2", "", "b1", "--", "a b"),
        children: fc.array(tie("part"), { maxLength: 3 }),
        closed: fc.boolean(),
      })
      .map(({ subtype, boundary, children, closed }) => ({
        headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`],
        body: `${children
          .map((child) => `--${boundary}\r\n${child.headers.join("\r\n")}\r\n\r\n${child.body}\r\n`)
          .join("")}${closed ? `--${boundary}--\r\n` : ""}`,
      })),
  ),
})).part;

/** A raw RFC 822 message as a hostile or broken sender might put it on the wire. */
export const rawEmail: fc.Arbitrary<Buffer> = fc
  .record({
    from: fc.option(fc.constantFrom("From: Ana <ana@example.com>", "From: bo@example.com"), { freq: 4 }),
    headers: headerLines,
    part,
    newline: fc.constantFrom("\r\n", "\n", "\r"),
    garbage: fc.option(fc.uint8Array({ maxLength: 64 }), { freq: 6 }),
  })
  .map(({ from, headers, part: root, newline, garbage }) => {
    const text = [...(from ? [from] : []), "MIME-Version: 1.0", ...headers, ...root.headers, "", root.body]
      .join("\r\n")
      .replace(/\r\n/g, newline);
    const bytes = Buffer.from(text, "utf8");
    return garbage ? Buffer.concat([bytes, Buffer.from(garbage)]) : bytes;
  });
