import type { ChannelName } from "../snapshot/snapshot-schema.ts";

/** The languages the desk writes its own messages to customers in (surveys, updates, broadcasts). */
export const customerLanguages = ["en", "de", "fr", "es", "zh"] as const;
export type CustomerLanguage = (typeof customerLanguages)[number];

/** The supported language a BCP 47 tag names ("zh-CN" → "zh"), else the fallback's, else English. */
export function customerLanguageOf(tag: string | null | undefined, fallback?: string | null): CustomerLanguage {
  for (const candidate of [tag, fallback]) {
    const primary = candidate?.trim().toLowerCase().split(/[-_]/)[0];
    const found = customerLanguages.find((language) => language === primary);
    if (found) return found;
  }
  return "en";
}

/** Channels read on a phone or in a chat window: a few sentences, no letter-style greeting and sign-off. */
const shortChannels: ReadonlySet<ChannelName> = new Set(["chat", "social", "phone", "in_app"]);

export function isShortChannel(channel: ChannelName): boolean {
  return shortChannels.has(channel);
}
