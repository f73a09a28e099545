/**
 * Martin Porter's English stemmer (1980), as in his reference implementation: "charges",
 * "charged" and "charging" all become "charg", so a question and an article that use different
 * forms of a word still meet. Expects a lower-case word of letters.
 */
export function stem(word: string): string {
  if (word.length <= 2) return word;
  let result = removePlurals(word);
  result = removePastAndGerund(result);
  result = replaceFinalY(result);
  result = replaceSuffix(result, doubleSuffixes, (base) => measure(base) > 0);
  result = replaceSuffix(result, derivationalSuffixes, (base) => measure(base) > 0);
  result = removeSuffix(result);
  return tidyEnding(result);
}

const doubleSuffixes = sortedLongestFirst([
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
]);

const derivationalSuffixes = sortedLongestFirst([
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
]);

const residualSuffixes = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
].sort((left, right) => right.length - left.length);

function sortedLongestFirst(rules: [string, string][]): [string, string][] {
  return rules.sort(([left], [right]) => right.length - left.length);
}

function isConsonant(word: string, index: number): boolean {
  switch (word[index]) {
    case "a":
    case "e":
    case "i":
    case "o":
    case "u":
      return false;
    case "y":
      return index === 0 || !isConsonant(word, index - 1);
    default:
      return true;
  }
}

/** m in Porter's paper: how many vowel-consonant runs follow the leading consonants. */
function measure(word: string): number {
  let count = 0;
  let index = 0;
  while (index < word.length && isConsonant(word, index)) index++;
  while (index < word.length) {
    while (index < word.length && !isConsonant(word, index)) index++;
    if (index >= word.length) break;
    while (index < word.length && isConsonant(word, index)) index++;
    count++;
  }
  return count;
}

function containsVowel(word: string): boolean {
  for (let index = 0; index < word.length; index++) {
    if (!isConsonant(word, index)) return true;
  }
  return false;
}

function endsWithDoubleConsonant(word: string): boolean {
  const last = word.length - 1;
  return last >= 1 && word[last] === word[last - 1] && isConsonant(word, last);
}

/** Consonant-vowel-consonant at the end, the last not w, x or y (as in "hop", not "snow"). */
function endsConsonantVowelConsonant(word: string): boolean {
  const last = word.length - 1;
  if (last < 2) return false;
  if (!isConsonant(word, last) || isConsonant(word, last - 1) || !isConsonant(word, last - 2)) return false;
  const letter = word[last];
  return letter !== "w" && letter !== "x" && letter !== "y";
}

function removePlurals(word: string): string {
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ies")) return word.slice(0, -2);
  if (word.endsWith("ss")) return word;
  if (word.endsWith("s")) return word.slice(0, -1);
  return word;
}

function removePastAndGerund(word: string): string {
  if (word.endsWith("eed")) {
    return measure(word.slice(0, -3)) > 0 ? word.slice(0, -1) : word;
  }
  for (const suffix of ["ed", "ing"]) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    if (!containsVowel(base)) return word;
    if (base.endsWith("at") || base.endsWith("bl") || base.endsWith("iz")) return `${base}e`;
    if (endsWithDoubleConsonant(base) && !/[lsz]$/.test(base)) return base.slice(0, -1);
    if (measure(base) === 1 && endsConsonantVowelConsonant(base)) return `${base}e`;
    return base;
  }
  return word;
}

function replaceFinalY(word: string): string {
  if (word.endsWith("y") && containsVowel(word.slice(0, -1))) return `${word.slice(0, -1)}i`;
  return word;
}

function replaceSuffix(word: string, rules: [string, string][], allowed: (base: string) => boolean): string {
  for (const [suffix, replacement] of rules) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    return allowed(base) ? base + replacement : word;
  }
  return word;
}

function removeSuffix(word: string): string {
  for (const suffix of residualSuffixes) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    if (measure(base) <= 1) return word;
    if (suffix === "ion" && !/[st]$/.test(base)) return word;
    return base;
  }
  return word;
}

function tidyEnding(word: string): string {
  let result = word;
  if (result.endsWith("e")) {
    const base = result.slice(0, -1);
    const size = measure(base);
    if (size > 1 || (size === 1 && !endsConsonantVowelConsonant(base))) result = base;
  }
  if (result.endsWith("ll") && measure(result) > 1) result = result.slice(0, -1);
  return result;
}
