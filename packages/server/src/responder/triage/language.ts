import { fold, words } from "./text.ts";

/** Scripts that name their language; the rough characters per word turn letters into words. */
const scripts = [
  { language: "ja", pattern: /[\p{Script=Hiragana}\p{Script=Katakana}]/u, charactersPerWord: 2 },
  { language: "zh", pattern: /\p{Script=Han}/u, charactersPerWord: 1.5 },
  { language: "ko", pattern: /\p{Script=Hangul}/u, charactersPerWord: 3 },
  { language: "ru", pattern: /\p{Script=Cyrillic}/u, charactersPerWord: 5 },
  { language: "ar", pattern: /\p{Script=Arabic}/u, charactersPerWord: 5 },
  { language: "he", pattern: /\p{Script=Hebrew}/u, charactersPerWord: 5 },
  { language: "el", pattern: /\p{Script=Greek}/u, charactersPerWord: 5 },
  { language: "hi", pattern: /\p{Script=Devanagari}/u, charactersPerWord: 5 },
  { language: "th", pattern: /\p{Script=Thai}/u, charactersPerWord: 5 },
] as const;

/** Function words, folded (no accents). A word shared by several languages counts for each a share. */
const functionWords: Record<string, string> = {
  en: "the a an and or but is are was were be been i you he she we they it me my your our this that these those not no with for from have has had do does did don doesn didn can could would will should what when where why how there here of to in on at by as if so just still again since",
  de: "der die das den dem des ein eine einen einem einer und oder aber ist sind war waren ich du er sie wir ihr es mein meine meinen meinem mir mich mit fur von zu zum zur im in auf bei nicht kein keine seit noch schon auch wie was wann wo warum bitte danke hallo habe hat haben kann konnen wird werden nach uber dass sehr",
  es: "el la los las un una y o pero es son esta estan fue yo tu mi mis su con para por de del al en que no si muy ya desde todavia cuando donde como porque hola gracias tengo tiene puedo pueden hace hay este esto me se lo le nos",
  fr: "le la les un une des et ou mais est sont etait je tu il elle nous vous ils mon ma mes ton ta votre vos avec pour par de du au aux en dans sur que qui ne pas plus depuis encore toujours comment pourquoi quand bonjour merci ai avons avez peux pouvez ce cette ca j l d n qu c me se beaucoup tres",
  pt: "o a os as um uma e ou mas sao esta estao foi eu voce meu minha com para por de do da dos das no na em que nao sim muito ja desde ainda quando onde como porque ola obrigado obrigada tenho tem posso pode isso isto esse essa tambem me se",
  it: "il lo la i gli le un una uno e o ma sono era io tu lui lei noi voi mio mia miei con per da di del della dei in che non si molto gia ancora quando dove come perche ciao grazie ho ha hanno posso puo questo questa anche sempre mi ti",
  nl: "de het een en of maar is zijn was ik jij je hij zij wij we mijn met voor van naar in op bij niet geen sinds nog al ook hoe wat wanneer waar waarom alstublieft dank bedankt hallo heb heeft hebben kan kunnen wordt dat deze die dit er",
};

/** Letters that only some languages write (checked before accents are folded away). */
const letterHints: { pattern: RegExp; languages: string[] }[] = [
  { pattern: /[ßäöü]/i, languages: ["de"] },
  { pattern: /[ñ¿¡]/i, languages: ["es"] },
  { pattern: /[ãõ]/i, languages: ["pt"] },
  { pattern: /[œèêë]/i, languages: ["fr"] },
  { pattern: /[ìò]/i, languages: ["it"] },
  { pattern: /ç/i, languages: ["fr", "pt"] },
];

const speakers = new Map<string, string[]>();
for (const [language, list] of Object.entries(functionWords)) {
  for (const word of list.split(" ")) speakers.set(word, [...(speakers.get(word) ?? []), language]);
}

/** Below this many distinctive words, a Latin-script text is too short to tell. */
const enoughEvidence = 1.5;
/** Languages within this factor of the best are a near tie, which the profile language breaks. */
const clearLead = 1.5;

type Scores = Map<string, number>;

function add(scores: Scores, languages: readonly string[], weight: number): void {
  for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + weight / languages.length);
}

function latinScores(text: string): Scores {
  const scores: Scores = new Map();
  for (const word of words(text)) {
    const languages = speakers.get(word);
    if (languages) add(scores, languages, 1);
  }
  for (const { pattern, languages } of letterHints) if (pattern.test(text)) add(scores, languages, languages.length);
  return scores;
}

function dominantScript(text: string): { language: string; words: number } | null {
  const letters = new Map<string, number>();
  for (const character of text) {
    const script = scripts.find(({ pattern }) => pattern.test(character));
    if (script) letters.set(script.language, (letters.get(script.language) ?? 0) + 1);
  }
  // Japanese writes Han characters too; any kana makes them Japanese.
  if (letters.has("ja")) {
    letters.set("ja", (letters.get("ja") ?? 0) + (letters.get("zh") ?? 0));
    letters.delete("zh");
  }
  let best: { language: string; words: number } | null = null;
  for (const { language, charactersPerWord } of scripts) {
    const count = letters.get(language) ?? 0;
    const words = count / charactersPerWord;
    if (count >= 2 && (!best || words > best.words)) best = { language, words };
  }
  return best;
}

/**
 * The BCP 47 primary tag of the text's language. Non-Latin scripts decide by script (Han is read
 * as Chinese unless kana appear); Latin-script text by its function words, so English product
 * words inside a German sentence do not make it English. Text too short or too mixed to tell
 * gives the fallback (the customer's profile language), else "en".
 */
export function detectLanguage(text: string, options: { fallback?: string | null } = {}): string {
  const fallback = options.fallback?.trim().toLowerCase().split(/[-_]/)[0] || "en";
  const ranked = [...latinScores(text)].sort((a, b) => b[1] - a[1]);
  const [best] = ranked;
  const latinWords = (fold(text).match(/\p{Script=Latin}+/gu) ?? []).length;
  const script = dominantScript(text);
  const latinIsClear = best !== undefined && best[1] >= enoughEvidence;
  if (script && (!latinIsClear || script.words >= latinWords)) return script.language;
  if (!best || !latinIsClear) return fallback;
  const contenders = ranked.filter(([, score]) => score * clearLead > best[1]).map(([language]) => language);
  return contenders.includes(fallback) ? fallback : best[0];
}
