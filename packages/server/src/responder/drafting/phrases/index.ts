import { german } from "./de.ts";
import { english } from "./en.ts";
import { spanish } from "./es.ts";
import { french } from "./fr.ts";
import type { Phrases } from "./phrases.ts";
import { chinese } from "./zh.ts";

export type { Phrases } from "./phrases.ts";

const byLanguage: Record<string, Phrases> = { en: english, de: german, es: spanish, fr: french, zh: chinese };

export function phrasesFor(language: string): { language: string; phrases: Phrases } {
  const primary = language.toLowerCase().split("-")[0] ?? "en";
  const phrases = byLanguage[primary];
  return phrases ? { language: primary, phrases } : { language: "en", phrases: english };
}
