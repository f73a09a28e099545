/** Text with case, accents, typographic apostrophes and dashes folded away, and where each folded unit came from. */
export type FoldedText = { folded: string; origin: number[] };

const diacritics = /[\u0300-\u036f]/g;
const apostrophes = /[\u2018\u2019\u02bc`\u00b4]/g;
const dashes = /[-_\u2010-\u2015]/g;

function foldCharacter(character: string): string {
  return character
    .replace(apostrophes, "'")
    .replace(dashes, " ")
    .normalize("NFKD")
    .replace(diacritics, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/ß/g, "ss");
}

/**
 * Folds per character so that a match in the folded text can be quoted from the original
 * ("schlägt … fehl", not "schlagt … fehl"). `origin` has one entry more than `folded`: the end.
 */
export function foldText(text: string): FoldedText {
  let folded = "";
  const origin: number[] = [];
  let index = 0;
  for (const character of text) {
    const plain = foldCharacter(character);
    for (let unit = 0; unit < plain.length; unit++) origin.push(index);
    folded += plain;
    index += character.length;
  }
  origin.push(index);
  return { folded, origin };
}

export function fold(text: string): string {
  return foldText(text).folded;
}

/** Whole words of letters, folded; apostrophes split them ("n'arrive" is "n" and "arrive"). */
export function words(text: string): string[] {
  return fold(text).match(/\p{L}+/gu) ?? [];
}
