import type { ChannelName } from "../snapshot/snapshot-schema.ts";
import { type CustomerLanguage, customerLanguageOf, isShortChannel } from "./customer-language.ts";

/** What the other team's first answer means for the customer; their words themselves stay internal. */
export type TeamAnswerOutcome = "fixed" | "cause_found" | "needs_details" | "investigating";

/** The autonomy category that lets the responder send customer updates (escalation notices, the team's answer) alone. */
export const customerUpdateCategory = "customer_update";

/** Customer updates go out alone only when the workspace's autonomy is on and allows this category. */
export function mayAutoSendCustomerUpdate(policy: { enabled: boolean; categories: readonly string[] }): {
  send: boolean;
  reason: string;
} {
  if (!policy.enabled) return { send: false, reason: "autonomy is off for this workspace" };
  if (!policy.categories.includes(customerUpdateCategory)) {
    return { send: false, reason: `category ${customerUpdateCategory} is not allowed to auto-send` };
  }
  return { send: true, reason: `category ${customerUpdateCategory} is allowed to auto-send` };
}

const notYet =
  /\b(not|isn't|hasn't|no|nicht|noch nicht|pas|todavía no|aún no)\b.{0,20}(fixed|resolved|deployed|behoben|corrigé|resuelto)|未修复|还没|尚未/iu;
const fixed =
  /\b(fixed|deployed|resolved|patched|rolled out|released|shipped)\b|behoben|korrigiert|corrigé|résolu|resuelto|corregido|已修复|修复了|已解决|已上线|已部署/iu;
const causeFound =
  /\b(found|root cause|caused by|identified|reproduced|the cause)\b|gefunden|ursache|trouvé|la cause|encontrad[oa]|la causa|找到|原因|复现/iu;
const needsDetails =
  /\b(need|needs|ask|could|can)\b.{0,40}\b(customer|logs?|details?|screenshots?|export|example|steps|info(rmation)?)\b|请客户|需要客户/iu;

/** Reads the other team's answer for what it means to the customer (never to quote it). */
export function teamAnswerOutcome(answer: string): TeamAnswerOutcome {
  if (fixed.test(answer) && !notYet.test(answer)) return "fixed";
  if (needsDetails.test(answer)) return "needs_details";
  if (causeFound.test(answer)) return "cause_found";
  return "investigating";
}

type UpdateTexts = {
  hello(name: string | null): string;
  broughtIn(team: string, when: string): string;
  answered: Record<TeamAnswerOutcome, (team: string, when: string) => string>;
  signOff(): string;
};

const texts: Record<CustomerLanguage, UpdateTexts> = {
  en: {
    hello: (name) => (name ? `Hi ${name},` : "Hi there,"),
    broughtIn: (team, when) =>
      `I've brought in our ${team} team to look into this with us. They will investigate, and I stay your contact throughout. You'll hear from us by ${when}, sooner if we have news.`,
    answered: {
      fixed: (team) =>
        `Our ${team} team has put a fix in place for this. Could you check whether everything works for you now? If not, just reply and I'll pick it up right away.`,
      cause_found: (team, when) =>
        `Our ${team} team has found the cause of the problem and is now working on the fix. You'll hear from us by ${when} with the next step.`,
      needs_details: (team, when) =>
        `Our ${team} team needs a few more details to continue; I'll send you exactly what they need by ${when}.`,
      investigating: (team, when) =>
        `Our ${team} team has looked into this and is still working on it. You'll hear from us by ${when}, sooner if we have news.`,
    },
    signOff: () => "Thank you for your patience.",
  },
  de: {
    hello: (name) => (name ? `Hallo ${name},` : "Hallo,"),
    broughtIn: (team, when) =>
      `ich habe unser Team ${team} hinzugezogen, um sich das gemeinsam mit uns anzusehen. Es untersucht das Problem, und ich bleibe die ganze Zeit Ihr Ansprechpartner. Sie hören spätestens ${when} von uns, früher, sobald es Neuigkeiten gibt.`,
    answered: {
      fixed: (team) =>
        `unser Team ${team} hat eine Korrektur eingespielt. Können Sie prüfen, ob jetzt alles funktioniert? Falls nicht, antworten Sie einfach, und ich kümmere mich sofort darum.`,
      cause_found: (team, when) =>
        `unser Team ${team} hat die Ursache des Problems gefunden und arbeitet jetzt an der Behebung. Sie hören spätestens ${when} mit dem nächsten Schritt von uns.`,
      needs_details: (team, when) =>
        `unser Team ${team} braucht noch ein paar Angaben, um weiterzumachen; ich schicke Ihnen spätestens ${when}, was genau benötigt wird.`,
      investigating: (team, when) =>
        `unser Team ${team} hat sich das angesehen und arbeitet weiter daran. Sie hören spätestens ${when} von uns, früher, sobald es Neuigkeiten gibt.`,
    },
    signOff: () => "Vielen Dank für Ihre Geduld.",
  },
  fr: {
    hello: (name) => (name ? `Bonjour ${name},` : "Bonjour,"),
    broughtIn: (team, when) =>
      `J'ai fait appel à notre équipe ${team} pour examiner cela avec nous. Elle va analyser le problème, et je reste votre interlocuteur tout du long. Vous aurez de nos nouvelles au plus tard ${when}, plus tôt si nous avons du nouveau.`,
    answered: {
      fixed: (team) =>
        `Notre équipe ${team} a mis en place une correction. Pourriez-vous vérifier que tout fonctionne maintenant ? Sinon, répondez simplement et je m'en occupe tout de suite.`,
      cause_found: (team, when) =>
        `Notre équipe ${team} a trouvé la cause du problème et travaille maintenant à la correction. Vous aurez de nos nouvelles au plus tard ${when} avec la prochaine étape.`,
      needs_details: (team, when) =>
        `Notre équipe ${team} a besoin de quelques précisions pour continuer ; je vous enverrai exactement ce qu'il lui faut au plus tard ${when}.`,
      investigating: (team, when) =>
        `Notre équipe ${team} a examiné le problème et continue d'y travailler. Vous aurez de nos nouvelles au plus tard ${when}, plus tôt si nous avons du nouveau.`,
    },
    signOff: () => "Merci de votre patience.",
  },
  es: {
    hello: (name) => (name ? `Hola, ${name}:` : "Hola:"),
    broughtIn: (team, when) =>
      `He pedido ayuda a nuestro equipo ${team} para revisar esto con nosotros. Van a investigarlo y yo sigo siendo su contacto en todo momento. Tendrá noticias nuestras a más tardar ${when}, antes si hay novedades.`,
    answered: {
      fixed: (team) =>
        `Nuestro equipo ${team} ha aplicado una corrección. ¿Podría comprobar si ahora todo funciona? Si no, responda a este mensaje y me ocupo enseguida.`,
      cause_found: (team, when) =>
        `Nuestro equipo ${team} ha encontrado la causa del problema y ya trabaja en la solución. Tendrá noticias nuestras a más tardar ${when} con el siguiente paso.`,
      needs_details: (team, when) =>
        `Nuestro equipo ${team} necesita algunos datos más para continuar; le enviaré exactamente lo que necesitan a más tardar ${when}.`,
      investigating: (team, when) =>
        `Nuestro equipo ${team} lo ha revisado y sigue trabajando en ello. Tendrá noticias nuestras a más tardar ${when}, antes si hay novedades.`,
    },
    signOff: () => "Gracias por su paciencia.",
  },
  zh: {
    hello: (name) => (name ? `${name}，您好！` : "您好！"),
    broughtIn: (team, when) =>
      `我已请我们的${team}团队一起处理这个问题。他们会进行调查，在此期间我仍是您的联系人。我们最晚会在${when}前给您回复，如有进展会更早告诉您。`,
    answered: {
      fixed: (team) =>
        `我们的${team}团队已经完成了修复。请您确认一下现在是否一切正常？如果仍有问题，直接回复即可，我会立即处理。`,
      cause_found: (team, when) =>
        `我们的${team}团队已经找到了问题的原因，正在进行修复。我们最晚会在${when}前告诉您下一步进展。`,
      needs_details: (team, when) =>
        `我们的${team}团队还需要一些信息才能继续处理；我会在${when}前告诉您具体需要哪些信息。`,
      investigating: (team, when) =>
        `我们的${team}团队已经查看了这个问题，仍在继续处理。我们最晚会在${when}前给您回复，如有进展会更早告诉您。`,
    },
    signOff: () => "感谢您的耐心等待。",
  },
};

const locales: Record<CustomerLanguage, string> = { en: "en-GB", de: "de-DE", fr: "fr-FR", es: "es-ES", zh: "zh-CN" };

/** A due time as the customer reads it, in the workspace's time zone: "Monday 2 March, 14:00 (Europe/Berlin)". */
export function customerTime(at: Date, language: string, timeZone: string): string {
  const formatted = new Intl.DateTimeFormat(locales[customerLanguageOf(language)], {
    weekday: "long",
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(at);
  return `${formatted} (${timeZone})`;
}

export type CustomerUpdateInput = {
  customerName: string | null;
  channel: ChannelName;
  language: string;
  teamName: string;
  /** When the customer will next hear from us. */
  nextUpdateAt: Date;
  timeZone: string;
};

function compose(input: CustomerUpdateInput, sentence: string): string {
  const language = customerLanguageOf(input.language);
  const words = texts[language];
  const hello = words.hello(input.customerName);
  const joiner = language === "zh" ? "" : " ";
  if (isShortChannel(input.channel)) {
    // On one line the greeting's comma runs on into the sentence, in lower case (but English "I").
    const keepCapital = language === "zh" || language === "de" || /^I\b/u.test(sentence);
    const runOn = keepCapital ? sentence : `${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`;
    return `${hello}${joiner}${runOn}`;
  }
  return [hello, "", sentence, "", words.signOff()].join("\n");
}

/** The customer update when their ticket is escalated: which team, what happens next, when they hear from us. */
export function escalationNotice(input: CustomerUpdateInput): string {
  const words = texts[customerLanguageOf(input.language)];
  return compose(
    input,
    words.broughtIn(input.teamName, customerTime(input.nextUpdateAt, input.language, input.timeZone)),
  );
}

/** The customer update once the other team answered: what their answer means, never their internal words. */
export function teamAnswerUpdate(input: CustomerUpdateInput & { outcome: TeamAnswerOutcome }): string {
  const words = texts[customerLanguageOf(input.language)];
  const when = customerTime(input.nextUpdateAt, input.language, input.timeZone);
  return compose(input, words.answered[input.outcome](input.teamName, when));
}
