import { hasPhrase, wordsOf } from "./text-tokens.ts";

export type ConfirmationAnswer = "confirmed" | "not_confirmed";

// Words that say the problem is solved, in English, German, Spanish and French.
const solvedPhrases = [
  "yes",
  "yep",
  "yeah",
  "yup",
  "works",
  "working",
  "solved",
  "resolved",
  "fixed",
  "all good",
  "that did it",
  "perfect",
  "sorted",
  "confirmed",
  "ja",
  "jep",
  "funktioniert",
  "klappt",
  "gelöst",
  "behoben",
  "erledigt",
  "passt",
  "alles gut",
  "alles klar",
  "sí",
  "funciona",
  "resuelto",
  "resuelta",
  "solucionado",
  "solucionada",
  "arreglado",
  "arreglada",
  "todo bien",
  "oui",
  "ça marche",
  "ca marche",
  "fonctionne",
  "résolu",
  "résolue",
  "réglé",
  "réglée",
  "corrigé",
  "tout est bon",
  "parfait",
];

// Any of these makes the answer unclear or negative: the ticket reopens.
const doubtPhrases = [
  "no",
  "nope",
  "not",
  "still",
  "yet",
  "but",
  "however",
  "broken",
  "error",
  "fails",
  "failed",
  "failing",
  "problem",
  "issue",
  "wrong",
  "worse",
  "except",
  "partly",
  "partially",
  "sometimes",
  "nothing",
  "never",
  "nein",
  "nicht",
  "kein",
  "keine",
  "noch",
  "immer noch",
  "aber",
  "fehler",
  "problem",
  "leider",
  "nur",
  "todavía",
  "aún",
  "sigue",
  "pero",
  "falla",
  "fallo",
  "nada",
  "nunca",
  "problema",
  "non",
  "pas",
  "toujours",
  "encore",
  "mais",
  "erreur",
  "problème",
  "rien",
  "jamais",
  "ne",
];

// Chinese is written without spaces: these are looked for inside the text.
const chineseSolved = [
  "是的",
  "好了",
  "可以了",
  "解决了",
  "已解决",
  "没问题了",
  "正常了",
  "修好了",
  "搞定",
  "谢谢，好了",
];
const chineseDoubt = ["不", "没", "还是", "仍然", "依然", "但是", "可是", "问题", "错误", "失败", "？"];

const unapostrophedNegations = new Set(["dont", "doesnt", "didnt", "isnt", "cant", "wont", "aint", "havent"]);

/** Longer replies say more than "it works": an agent should read them, so they reopen the ticket. */
const longestConfirmation = 240;

/**
 * Whether a customer's reply to "is your problem solved?" says yes. Conservative: only a short reply
 * with a clear yes and no sign of doubt, negation or a new question confirms; anything else is
 * "not_confirmed" and reopens the ticket.
 */
export function detectConfirmation(text: string): ConfirmationAnswer {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > longestConfirmation || /[?¿]/.test(trimmed)) return "not_confirmed";
  if (/\p{Script=Han}/u.test(trimmed)) {
    // "没问题了" (no problem any more) is a yes despite its 没 and 问题.
    const withoutYes = chineseSolved.reduce((rest, phrase) => rest.replaceAll(phrase, ""), trimmed);
    if (chineseDoubt.some((phrase) => withoutYes.includes(phrase))) return "not_confirmed";
    return chineseSolved.some((phrase) => trimmed.includes(phrase)) ? "confirmed" : "not_confirmed";
  }
  const words = wordsOf(trimmed);
  if (words.some((word) => word.endsWith("n't") || unapostrophedNegations.has(word))) return "not_confirmed";
  if (doubtPhrases.some((phrase) => hasPhrase(words, phrase))) return "not_confirmed";
  return solvedPhrases.some((phrase) => hasPhrase(words, phrase)) ? "confirmed" : "not_confirmed";
}

const englishQuestion = (hours: number) =>
  `We believe your request is solved. Could you confirm that everything works? Just reply "yes" if it does, or tell us what is still wrong. If we do not hear from you within ${hours} hours, we will close the ticket.`;

const confirmationQuestions: Record<string, (hours: number) => string> = {
  en: englishQuestion,
  de: (hours) =>
    `Wir gehen davon aus, dass Ihr Anliegen gelöst ist. Können Sie bestätigen, dass alles funktioniert? Antworten Sie einfach mit „ja“, oder schreiben Sie uns, was noch nicht geht. Wenn wir innerhalb von ${hours} Stunden nichts von Ihnen hören, schließen wir das Ticket.`,
  es: (hours) =>
    `Creemos que su solicitud está resuelta. ¿Puede confirmar que todo funciona? Responda «sí» si es así, o díganos qué sigue fallando. Si no sabemos de usted en ${hours} horas, cerraremos el ticket.`,
  zh: (hours) =>
    `我们认为您的请求已经解决。能否请您确认一切正常？如果正常，直接回复“是的”即可；如果仍有问题，请告诉我们。如果 ${hours} 小时内没有收到您的回复，我们将关闭此工单。`,
  fr: (hours) =>
    `Nous pensons que votre demande est résolue. Pouvez-vous confirmer que tout fonctionne ? Répondez simplement « oui », ou dites-nous ce qui ne va pas encore. Sans nouvelles de votre part sous ${hours} heures, nous fermerons le ticket.`,
};

/** The public message that asks the customer to confirm a solved ticket, in their language when we have it. */
export function confirmationQuestion(language: string | null, windowHours: number): string {
  const base = (language ?? "en").toLowerCase().slice(0, 2);
  const question = confirmationQuestions[base] ?? englishQuestion;
  return question(windowHours);
}

export const defaultConfirmationWindowHours = 72;

/** The workspace's confirmation window (`confirmationWindowHours` in its settings), else 72 hours. */
export function confirmationWindowHours(settings: Record<string, unknown>): number {
  const value = settings.confirmationWindowHours;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : defaultConfirmationWindowHours;
}
