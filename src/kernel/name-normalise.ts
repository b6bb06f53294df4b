/**
 * The comparison form of a person's name (DOMAIN.md §3). It removes the registry errors that are
 * formatting rather than spelling: full-width forms, inserted spaces (incl. U+3000), traditional characters
 * (張 → 张), variant middle dots in ethnic-minority names and Latin letter case. Homophones (伟/玮) and similar
 * shapes (王/玉) are real differences here; pinyin and per-character comparisons handle them in linkage.
 * The raw name is always kept beside this form: normalisation may merge characters (see PROTECTED_HAN).
 */
import { Converter } from "opencc-js";

/** Whitespace (incl. U+3000, NBSP) and invisible format characters that creep in from word processors. */
const INVISIBLE = /[\s\u00ad\u200b-\u200f\u2060\ufeff]/g;

/**
 * Middle-dot variants separating the parts of a transliterated minority name (阿依古丽·买买提): U+00B7 (the
 * form printed on resident ID cards), U+2022 •, U+FF0E ．(already "." after NFKC), U+30FB ・, U+FF65 ･,
 * U+2027 ‧, U+2219 ∙, U+22C5 ⋅, U+0387 and the ASCII full stop. All become U+00B7.
 */
const MIDDLE_DOTS = /[.\u00b7\u0387\u2022\u2027\u2219\u22c5\u30fb\uff0e\uff65]+/g;
const MIDDLE_DOT = "\u00b7";

/**
 * Characters that OpenCC turns into another simplified character although they are themselves standard
 * simplified characters used in names (通用规范汉字表, 2013): 乾 (qián, not 干), 於 (the surname Yū, not 于),
 * 麴 (the surname Qū, not 曲). Traditional script writes the surnames 于 and 曲 as 于 and 曲, so keeping these
 * three as they are is right for both scripts.
 */
const PROTECTED_HAN = /([乾於麴])/u;

type TextConverter = (text: string) => string;

let traditionalToSimplified: TextConverter | undefined;

/**
 * OpenCC's Hong Kong → mainland converter: it also maps the HK variant forms (衞, 綫) and every standard
 * traditional character. The explicit return type matters: opencc-js's typings import './core' without an
 * extension, which NodeNext cannot resolve, so its `ConverterFunction` arrives here as `any`.
 */
function buildSimplifiedConverter(): TextConverter {
  return Converter({ from: "hk", to: "cn" });
}

/** Built on first use: loading the dictionaries takes tens of milliseconds. */
function getSimplifiedConverter(): TextConverter {
  traditionalToSimplified ??= buildSimplifiedConverter();
  return traditionalToSimplified;
}

function toSimplified(text: string): string {
  const convert = getSimplifiedConverter();
  return text
    .split(PROTECTED_HAN)
    .map((part) => (PROTECTED_HAN.test(part) ? part : convert(part)))
    .join("");
}

function unifyMiddleDots(text: string): string {
  return text.replace(MIDDLE_DOTS, MIDDLE_DOT).replace(/^·|·$/g, "");
}

/**
 * Normalises a name for comparison: NFKC (full-width → ASCII, compatibility ideographs → unified ones),
 * all whitespace removed (also inside: 张 伟 → 张伟), middle dots unified to U+00B7 with runs collapsed and
 * leading/trailing dots dropped, traditional → simplified, Latin letters upper-cased. Idempotent.
 */
export function normaliseName(raw: string): string {
  const compact = raw.normalize("NFKC").replace(INVISIBLE, "");
  return toSimplified(unifyMiddleDots(compact)).toUpperCase();
}
