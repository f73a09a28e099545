import { sentencesOf } from "./knowledge-excerpts.ts";

/**
 * Cues in what the customer wrote that change what the reply should do, in the five reply
 * languages. Kept apart from the triage scores: these decide the path, not the labels.
 */

// \b only knows ASCII letters; this boundary also holds next to "ç", "ü" or "é".
const boundary = "(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))";

function phrasePattern(alternatives: string[]): RegExp {
  return new RegExp(alternatives.join("|").replaceAll("\\b", boundary), "iu");
}

const resolvedPattern = phrasePattern([
  "\\b(that|it|this)\\s+(fixed|solved|worked)\\b",
  "\\b(works|working)\\s+(now|again|fine)\\b",
  "\\b(problem|issue)\\s+(is\\s+)?(solved|resolved|fixed|gone)\\b",
  "\\ball (good|sorted)\\b",
  "\\bfunktioniert\\s+(jetzt|wieder)\\b",
  "\\b(jetzt|wieder)\\s+(klappt|funktioniert|geht)\\b",
  "\\bklappt\\s+(jetzt|wieder)\\b",
  "\\b(hat|ist)\\s+(geklappt|gelöst|behoben)\\b",
  "\\bya\\s+funciona\\b",
  "\\b(funciona|funcionó)\\s+(ahora|bien|de nuevo)\\b",
  "\\b(está|quedó)\\s+resuelto\\b",
  "\\b(ça|cela)\\s+(marche|fonctionne)\\b",
  "\\bfonctionne\\s+(à nouveau|maintenant)\\b",
  "\\b(c'est|est)\\s+résolu\\b",
  "(已经|现在)?(解决|修复)了",
  "(现在|已经)(可以|正常)了",
]);

const stillBrokenPattern = phrasePattern([
  "\\b(still|not|doesn't|does not|didn't|won't|nicht|immer noch|todavía|sigue|no funciona|toujours|ne\\s+\\S+\\s+pas)\\b",
  "还是|仍然|没有",
]);

/** The customer says the problem is gone ("thanks, that fixed it"), without saying it is back. */
export function confirmsResolution(latestCustomerMessage: string): boolean {
  if (!resolvedPattern.test(latestCustomerMessage)) return false;
  const sentences = latestCustomerMessage.split(/[.!?。！？\n]+/);
  return !sentences.some((sentence) => stillBrokenPattern.test(sentence) && !resolvedPattern.test(sentence));
}

const refundPattern =
  /\brefund|money back|reimburse|chargeback|reembols|devoluci[oó]n del dinero|rembours|r[üu]ckerstatt|erstatten|geld zur[üu]ck|退款|退钱/iu;

export function asksForRefund(text: string): boolean {
  return refundPattern.test(text);
}

const refusalPattern =
  /non-refundable|not refundable|no refunds?|cannot be refunded|can't be refunded|are not eligible for (a )?refund|nicht erstattungsf[äa]hig|keine r[üu]ckerstattung|no reembolsable|sin reembolso|non remboursable|aucun remboursement|不予退款|不可退款|不退款/iu;

/** The sentence of an article that refuses a refund, when it has one. */
export function refundRefusal(articleBody: string): string | null {
  return sentencesOf(articleBody).find((sentence) => refusalPattern.test(sentence)) ?? null;
}

const manualRunPattern =
  /\b(run|re-?run|trigger|process|retry|start)\b[^.\n]{0,60}\b(manually|for you|on your behalf)\b|\bmanual(ly)? (run|re-?run|export|import|sync|retry)\b/iu;

/** The workspace's own knowledge says support can run the failed operation for the customer. */
export function supportCanRunManually(text: string): boolean {
  return manualRunPattern.test(text);
}
