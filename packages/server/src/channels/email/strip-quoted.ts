/**
 * The new words of an email reply: everything above the reply marker our own mail carries, above
 * the quote header of the customer's mail client ("On … wrote:", "Am … schrieb …:", "Le … a écrit :",
 * Outlook's "From:/Sent:" block or "-----Original Message-----"), without a trailing block of
 * ">"-quoted lines and without a "-- " signature. Pure; when nothing would be left, the text stays whole.
 */

export const replyMarker = "##- Please type your reply above this line -##";

// Quote headers written on one line (or wrapped over at most three, as Gmail does with long names).
const quoteHeaders: RegExp[] = [
  /^\s*On\b.{0,200}\bwrote:\s*$/i,
  /^\s*Am\b.{0,200}\bschrieb\b.{0,200}:\s*$/i,
  /^\s*Le\b.{0,200}\ba écrit\s*:\s*$/i,
  /^\s*El\b.{0,200}\bescribió:\s*$/i,
  /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/i,
  /^\s*-{2,}\s*(Forwarded message|Weitergeleitete Nachricht|Message transféré)\s*-{2,}\s*$/i,
];

// Outlook's header block: a "From:" line followed within a few lines by "Sent:" (or its translations).
const outlookFrom = /^\s*\*?(From|Von|De|Van)\s*:\*?\s*\S/i;
const outlookSent = /^\s*\*?(Sent|Gesendet|Envoyé|Date|Datum|Enviado)\s*:\*?\s*\S/i;
const outlookRule = /^\s*_{10,}\s*$/;

export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cut = firstQuoteLine(lines);
  let kept = lines.slice(0, cut);
  kept = withoutTrailingQuote(kept);
  kept = withoutSignature(kept);
  const result = kept.join("\n").trim();
  return result === "" ? text.trim() : result;
}

function firstQuoteLine(lines: string[]): number {
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (line.includes(replyMarker) || /^\s*##-.*-##\s*$/.test(line)) return index;
    for (let span = 1; span <= 3 && index + span <= lines.length; span += 1) {
      const joined = lines
        .slice(index, index + span)
        .map((part) => part.trim())
        .join(" ");
      if (quoteHeaders.some((pattern) => pattern.test(joined))) return index;
    }
    if (outlookRule.test(line) && outlookFrom.test(lines[index + 1] ?? "")) return index;
    if (outlookFrom.test(line) && lines.slice(index + 1, index + 5).some((next) => outlookSent.test(next))) {
      return index;
    }
  }
  return lines.length;
}

/** Drops ">"-quoted lines at the end (and the blank lines between); quotes between new words stay. */
function withoutTrailingQuote(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && ((lines[end - 1] ?? "").trim() === "" || /^\s*>/.test(lines[end - 1] ?? ""))) end -= 1;
  return lines.slice(0, end);
}

function withoutSignature(lines: string[]): string[] {
  const delimiter = lines.lastIndexOf("-- ");
  return delimiter > 0 ? lines.slice(0, delimiter) : lines;
}
