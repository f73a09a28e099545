/**
 * SMS segments: text in the GSM 03.38 alphabet travels as 7-bit septets (160 in one message, 153
 * per part of a longer one); anything else makes the whole message UCS-2 (70, or 67 per part).
 */
const gsmBasic = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
// Characters of the extension table take two septets (an escape and the character).
const gsmExtension = new Set("^{}\\[~]|€\f");

export type SmsEncoding = "gsm-7" | "ucs-2";

export type FittedSms = { body: string; encoding: SmsEncoding; segments: number; truncated: boolean };

export function smsEncodingOf(text: string): SmsEncoding {
  for (const character of text) {
    if (!gsmBasic.has(character) && !gsmExtension.has(character)) return "ucs-2";
  }
  return "gsm-7";
}

/** Septets for GSM-7, UTF-16 code units for UCS-2. */
function unitsOf(text: string, encoding: SmsEncoding): number {
  if (encoding === "ucs-2") return text.length;
  let units = 0;
  for (const character of text) units += gsmExtension.has(character) ? 2 : 1;
  return units;
}

export function segmentsOf(text: string): { encoding: SmsEncoding; segments: number } {
  const encoding = smsEncodingOf(text);
  const units = unitsOf(text, encoding);
  const [single, part] = encoding === "gsm-7" ? [160, 153] : [70, 67];
  return { encoding, segments: units <= single ? 1 : Math.ceil(units / part) };
}

/**
 * Fits a reply into at most `maxSegments` SMS parts (the carrier joins them into one message),
 * cutting at a word and marking the cut, so a long answer never becomes a flood of texts.
 */
export function fitSms(text: string, maxSegments = 10): FittedSms {
  const whole = segmentsOf(text);
  if (whole.segments <= maxSegments) return { body: text, ...whole, truncated: false };
  const encoding = whole.encoding;
  const marker = encoding === "gsm-7" ? "..." : "…";
  const budget = (encoding === "gsm-7" ? 153 : 67) * maxSegments - unitsOf(marker, encoding);
  let kept = "";
  let units = 0;
  for (const character of text) {
    const size = unitsOf(character, encoding);
    if (units + size > budget) break;
    kept += character;
    units += size;
  }
  const atWord = kept.replace(/\s+\S*$/, "");
  const body = `${(atWord.length > kept.length * 0.8 ? atWord : kept).trimEnd()}${marker}`;
  return { body, ...segmentsOf(body), truncated: true };
}
