/**
 * Toneless pinyin and initials of a name, the comparison levels that survive homophone errors (伟/玮 → wei)
 * and rare characters replaced by homophones or pinyin (DOMAIN.md §3).
 */
import { pinyin } from "pinyin-pro";
import { normaliseName } from "./name-normalise.ts";

/**
 * pinyin-pro options. `surname: 'head'` reads the start of the string as a surname, which gives the
 * surname readings of polyphonic characters (曾 zeng, 单 shan, 解 xie, 区 ou, 仇 qiu, 朴 piao, 覃 qin,
 * 翟 zhai, 查 zha; 万俟 mo qi, 尉迟 yu chi) without touching the same characters in the given name.
 * `v: true` writes ü as v (女 nv, 吕 lv), the usual keyboard spelling in registries.
 * `nonZh: 'consecutive'` keeps a run of Latin letters or digits together as one token.
 */
const PINYIN_OPTIONS = {
  toneType: "none",
  surname: "head",
  v: true,
  type: "array",
  nonZh: "consecutive",
} as const;

/** Anything that is not a letter or digit in any script: middle dots, punctuation, leftover symbols. */
const NON_WORD = /[^\p{L}\p{N}]+/u;

/**
 * Lower-case toneless syllables of the (normalised) name, one per Han character. Latin or digit runs pass
 * through lower-cased as one token each (张WEI → zhang, wei); characters pinyin-pro does not know (some
 * CJK Extension B characters) pass through unchanged; middle dots and punctuation are dropped, so
 * 阿依古丽·买买提 and 阿依古丽买买提 read alike.
 */
export function toPinyinSyllables(name: string): string[] {
  return pinyinOfNormalisedName(normaliseName(name));
}

/** `toPinyinSyllables` for a name that is already the output of `normaliseName` (saves normalising twice). */
export function pinyinOfNormalisedName(normalised: string): string[] {
  if (normalised === "") return [];
  return pinyin(normalised, PINYIN_OPTIONS)
    .flatMap((token) => token.toLowerCase().split(NON_WORD))
    .filter((syllable) => syllable !== "");
}

/** First letter of each syllable, e.g. ["zhang", "wei"] → "zw". */
export function initialsOfSyllables(syllables: readonly string[]): string {
  return syllables.map((syllable) => Array.from(syllable)[0]).join("");
}

/** Toneless pinyin syllables joined by single spaces: 张伟 → "zhang wei", 曾伟 → "zeng wei". */
export function toPinyin(name: string): string {
  return toPinyinSyllables(name).join(" ");
}

/** First letter of each syllable: 张伟 → "zw", 欧阳娜娜 → "oynn". */
export function toInitials(name: string): string {
  return initialsOfSyllables(toPinyinSyllables(name));
}
