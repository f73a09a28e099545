import type { ScenarioLanguage } from "./scenario-workspace.ts";

/**
 * A deliberately simple language detector for the tests: Han characters for Chinese, otherwise the
 * language whose function words occur most often. Words shared by two of the languages ("de", "la",
 * "que", "en", "es", "on", "se", "tu") are left out so they decide nothing.
 */

const functionWords: Record<Exclude<ScenarioLanguage, "zh">, Set<string>> = {
  en: new Set(
    "the and you your we is to of for with this that have our it be can will are was i'm i've i'll we've we're has from".split(
      " ",
    ),
  ),
  de: new Set(
    "der die das und sie ihr ihre ihnen ist nicht wir ich mit für zu den dem ein eine einen auf wird haben bitte uns bei sich noch werden gerne wieder sind hat".split(
      " ",
    ),
  ),
  es: new Set(
    "el los las y su sus usted para por con está hemos una lo del al muy nos hola gracias ha hay este esta estamos".split(
      " ",
    ),
  ),
  fr: new Set(
    "le les et des vous votre vos est nous pour avec une dans pas je du au sur ce cette bonjour merci avons sont ai".split(
      " ",
    ),
  ),
};

const hanCharacter = /\p{Script=Han}/gu;
const letter = /\p{L}/gu;

export function detectLanguage(text: string): ScenarioLanguage | "unknown" {
  const han = text.match(hanCharacter)?.length ?? 0;
  const letters = text.match(letter)?.length ?? 0;
  if (han >= 4 && han / Math.max(letters, 1) >= 0.3) return "zh";
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let best: ScenarioLanguage | "unknown" = "unknown";
  let bestScore = 0;
  for (const [language, list] of Object.entries(functionWords) as [ScenarioLanguage, Set<string>][]) {
    const score = words.filter((word) => list.has(word)).length;
    if (score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  return best;
}

/** How the reply should address the customer: the first name, or in Chinese the name as the profile writes it. */
export function addressedName(profileName: string, language: ScenarioLanguage): string {
  if (language === "zh") return profileName;
  return profileName.trim().split(/\s+/)[0] ?? profileName;
}

/** The reply's greeting: its first non-empty line. */
export function greetingLine(reply: string): string {
  return (
    reply
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.length > 0) ?? ""
  );
}
