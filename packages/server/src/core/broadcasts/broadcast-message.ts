import { type CustomerLanguage, customerLanguageOf, isShortChannel } from "../follow-through/customer-language.ts";
import type { ChannelName } from "../snapshot/snapshot-schema.ts";
import type { BroadcastCitation } from "./broadcast.ts";

export type BroadcastMessageInput = {
  customerName: string | null;
  ticket: { id: string; subject: string | null; channel: ChannelName };
  issue: { id: string; title: string; workaround: string | null };
  language: string;
};

type Texts = {
  hello(name: string | null): string;
  fixed(issue: string, ticket: string): string;
  workaroundDone(workaround: string): string;
  noWorkaround(): string;
  replyIfNot(): string;
  thanks(): string;
};

const quote: Record<CustomerLanguage, (text: string) => string> = {
  en: (text) => `"${text}"`,
  de: (text) => `„${text}“`,
  fr: (text) => `« ${text} »`,
  es: (text) => `«${text}»`,
  zh: (text) => `“${text}”`,
};

const texts: Record<CustomerLanguage, Texts> = {
  en: {
    hello: (name) => (name ? `Hi ${name},` : "Hi there,"),
    fixed: (issue, ticket) => `Good news about ${ticket}: the problem behind it, ${issue}, is now fixed.`,
    workaroundDone: (workaround) =>
      `You no longer need the workaround we suggested (${workaround}); everything should work as usual again.`,
    noWorkaround: () => "Everything should work as usual again.",
    replyIfNot: () => "If anything still doesn't work as expected, just reply here and we'll look into it right away.",
    thanks: () => "Thank you for your patience while we fixed it.",
  },
  de: {
    hello: (name) => (name ? `Hallo ${name},` : "Hallo,"),
    fixed: (issue, ticket) => `gute Nachrichten zu ${ticket}: Das Problem dahinter, ${issue}, ist jetzt behoben.`,
    workaroundDone: (workaround) =>
      `Die vorgeschlagene Übergangslösung (${workaround}) brauchen Sie nicht mehr; alles sollte wieder wie gewohnt funktionieren.`,
    noWorkaround: () => "Alles sollte wieder wie gewohnt funktionieren.",
    replyIfNot: () =>
      "Falls noch etwas nicht wie erwartet funktioniert, antworten Sie einfach hier und wir sehen sofort nach.",
    thanks: () => "Vielen Dank für Ihre Geduld, während wir es behoben haben.",
  },
  fr: {
    hello: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
    fixed: (issue, ticket) =>
      `Bonne nouvelle concernant ${ticket} : le problème en cause, ${issue}, est maintenant corrigé.`,
    workaroundDone: (workaround) =>
      `Vous n'avez plus besoin de la solution de contournement proposée (${workaround}) ; tout devrait fonctionner normalement.`,
    noWorkaround: () => "Tout devrait de nouveau fonctionner normalement.",
    replyIfNot: () =>
      "Si quelque chose ne fonctionne toujours pas comme prévu, répondez simplement ici et nous regarderons tout de suite.",
    thanks: () => "Merci de votre patience pendant la correction.",
  },
  es: {
    hello: (name) => (name ? `Hola, ${name}:` : "Hola:"),
    fixed: (issue, ticket) =>
      `Buenas noticias sobre ${ticket}: el problema que lo causaba, ${issue}, ya está resuelto.`,
    workaroundDone: (workaround) =>
      `Ya no necesita la solución provisional que le propusimos (${workaround}); todo debería funcionar con normalidad.`,
    noWorkaround: () => "Todo debería volver a funcionar con normalidad.",
    replyIfNot: () => "Si algo sigue sin funcionar como esperaba, responda aquí y lo revisaremos enseguida.",
    thanks: () => "Gracias por su paciencia mientras lo solucionábamos.",
  },
  zh: {
    hello: (name) => (name ? `${name}，您好！` : "您好！"),
    fixed: (issue, ticket) => `关于${ticket}，有一个好消息：导致该问题的${issue}现已修复。`,
    workaroundDone: (workaround) => `您不再需要我们之前建议的临时解决方法（${workaround}），一切应已恢复正常。`,
    noWorkaround: () => "一切应已恢复正常。",
    replyIfNot: () => "如果仍有任何问题，直接回复此消息即可，我们会立即跟进。",
    thanks: () => "感谢您在我们修复期间的耐心等待。",
  },
};

const ticketNames: Record<CustomerLanguage, (ticket: string, subject: string | null) => string> = {
  en: (ticket, subject) =>
    subject ? `your request "${subject}" (ticket ${ticket})` : `your request (ticket ${ticket})`,
  de: (ticket, subject) =>
    subject ? `Ihrer Anfrage „${subject}“ (Ticket ${ticket})` : `Ihrer Anfrage (Ticket ${ticket})`,
  fr: (ticket, subject) =>
    subject ? `votre demande « ${subject} » (ticket ${ticket})` : `votre demande (ticket ${ticket})`,
  es: (ticket, subject) =>
    subject ? `su solicitud «${subject}» (ticket ${ticket})` : `su solicitud (ticket ${ticket})`,
  zh: (ticket, subject) => (subject ? `您的请求“${subject}”（工单 ${ticket}）` : `您的请求（工单 ${ticket}）`),
};

/** Long workarounds are named by their first sentence. */
function shortened(text: string): string {
  const first = text.trim().split(/(?<=[.!?。！？])\s*/u)[0] ?? text;
  return first.length > 200 ? `${first.slice(0, 197)}…` : first;
}

/**
 * The personal message telling one affected customer their problem is fixed: their name, their
 * ticket, what was fixed, that the workaround is no longer needed; in their language and in the
 * register of their channel. It states only what the known issue and the ticket record, and cites both.
 */
export function draftBroadcastMessage(input: BroadcastMessageInput): { body: string; citations: BroadcastCitation[] } {
  const language = customerLanguageOf(input.language);
  const words = texts[language];
  const ticket = ticketNames[language](input.ticket.id, input.ticket.subject);
  const issue = quote[language](input.issue.title);
  const fixed = words.fixed(issue, ticket);
  const workaround = input.issue.workaround?.trim()
    ? words.workaroundDone(shortened(input.issue.workaround))
    : words.noWorkaround();
  const joiner = language === "zh" ? "" : " ";
  const citations: BroadcastCitation[] = [
    { kind: "known_issue", id: input.issue.id },
    { kind: "ticket", id: input.ticket.id },
  ];
  const hello = words.hello(input.customerName);
  if (isShortChannel(input.ticket.channel)) {
    // On one line the greeting's comma (or colon) runs on into the next sentence, in lower case.
    const runOn = language === "zh" ? fixed : `${fixed.charAt(0).toLowerCase()}${fixed.slice(1)}`;
    return { body: [hello, runOn, workaround, words.replyIfNot()].join(joiner), citations };
  }
  const body = [hello, "", `${fixed}${joiner}${workaround}`, "", `${words.replyIfNot()}${joiner}${words.thanks()}`];
  return { body: body.join("\n"), citations };
}
