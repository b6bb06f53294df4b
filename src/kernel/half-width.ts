/**
 * Full-width (全角) forms → their ASCII (半角) counterparts. Chinese input methods produce full-width digits,
 * letters and punctuation (Unicode "Halfwidth and Fullwidth Forms", U+FF01–U+FF5E) and the ideographic space
 * U+3000; registry extracts mix both. Everything else is left untouched, unlike NFKC, which would also turn
 * circled digits (①) or superscripts into plain digits inside codes and dates.
 */
const FULL_WIDTH_FORMS = /[\uff01-\uff5e\u3000]/g;
const FULL_TO_ASCII_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = "\u3000";

export function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH_FORMS, (character) =>
    character === IDEOGRAPHIC_SPACE ? " " : String.fromCharCode(character.charCodeAt(0) - FULL_TO_ASCII_OFFSET),
  );
}
