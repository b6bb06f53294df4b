/**
 * Toneless pinyin and initials of a name, the comparison levels that survive homophone errors (伟/玮 → wei)
 * and rare characters replaced by homophones or pinyin (DOMAIN.md §3).
 */
import { pinyin, polyphonic } from "pinyin-pro";
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
 * Per-character cache of the fast path. Reading a whole name with pinyin-pro costs about 5 µs (it segments
 * the name against its word and surname dictionaries), which was half of the per-name feature work on a
 * million-record import. But context can only choose among a character's readings: a character whose
 * readings all collapse to one once tones are dropped (中 zhōng/zhòng → zhong, 一 with its tone sandhi →
 * yi) reads the same wherever it stands, so a name made only of such characters is the concatenation of
 * their cached syllables. About four names in five are; the rest (any polyphonic character such as 曾 or
 * 长, Latin letters, digits, middle dots, characters pinyin-pro does not know, surrogate pairs) take the
 * full pinyin-pro reading, unchanged.
 *
 * One exception to "context only chooses among readings": four words of pinyin-pro 3.29's dictionaries give
 * a character a reading it does not list (傍 pang in 傍若无人, 从 zong in 合从连衡, 告 gu in 告朔饩羊, 房 pang in
 * 阿房宫). Each of them also holds a polyphonic character (若, 合, 羊, 阿), and a word only applies when the
 * whole word is in the name, so such a name takes the full reading anyway. name-pinyin.test.ts reads every
 * word of pinyin-pro's dictionaries both ways, so an upgrade that adds a word without that safeguard fails
 * there instead of changing readings silently.
 *
 * Indexed by UTF-16 code unit: 0 not looked at yet, 1 needs the full reading, n ≥ 2 the syllable
 * `SYLLABLES[n]`. Filled lazily, one pinyin-pro look-up per distinct character; bounded by the 65,536 code
 * units (a few thousand Han characters in practice), so it needs no eviction. The cache assumes pinyin-pro's
 * dictionaries do not change at run time: nothing in renkou calls `customPinyin` or `addDict`.
 */
const NOT_LOOKED_AT = 0;
const NEEDS_FULL_READING = 1;
let syllableIndexByCode: Uint16Array | undefined;
const SYLLABLES: string[] = ["", ""];
const syllableIndexBySyllable = new Map<string, number>();

/**
 * Lower-case toneless syllables of the (normalised) name, one per Han character. Latin or digit runs pass
 * through lower-cased as one token each (张WEI → zhang, wei); characters pinyin-pro does not know (some
 * CJK Extension B characters) pass through unchanged; middle dots and punctuation are dropped, so
 * 阿依古丽·买买提 and 阿依古丽买买提 read alike.
 */
export function toPinyinSyllables(name: string): string[] {
  return pinyinOfNormalisedName(normaliseName(name));
}

/**
 * `toPinyinSyllables` for a name that is already the output of `normaliseName` (saves normalising twice).
 * Same result as `readNameWithPinyinPro` for every string, faster for names of context-free characters.
 */
export function pinyinOfNormalisedName(normalised: string): string[] {
  const indexByCode = (syllableIndexByCode ??= new Uint16Array(0x10000));
  const syllables: string[] = [];
  for (let i = 0; i < normalised.length; i++) {
    const code = normalised.charCodeAt(i);
    let index = indexByCode[code]!;
    if (index === NOT_LOOKED_AT) index = indexByCode[code] = lookUpSyllableIndex(code);
    if (index === NEEDS_FULL_READING) return readNameWithPinyinPro(normalised);
    syllables.push(SYLLABLES[index]!);
  }
  return syllables;
}

/** The reference reading: pinyin-pro on the whole name, split into syllables. Exported for tests. */
export function readNameWithPinyinPro(normalised: string): string[] {
  if (normalised === "") return [];
  return pinyin(normalised, PINYIN_OPTIONS)
    .flatMap((token) => token.toLowerCase().split(NON_WORD))
    .filter((syllable) => syllable !== "");
}

function lookUpSyllableIndex(code: number): number {
  const syllable = findContextFreeSyllable(code);
  if (syllable === undefined) return NEEDS_FULL_READING;
  let index = syllableIndexBySyllable.get(syllable);
  if (index === undefined) {
    index = SYLLABLES.push(syllable) - 1;
    syllableIndexBySyllable.set(syllable, index);
  }
  return index;
}

/**
 * The one toneless syllable of a character that reads the same in every context, else undefined.
 * Half of a surrogate pair means nothing alone. `polyphonic` lists the character's readings with the
 * module's tone and ü options; reading the character alone with the full options must give that same
 * syllable, which also covers pinyin-pro's single-character surname readings at the start of a name.
 */
function findContextFreeSyllable(code: number): string | undefined {
  if (code >= 0xd800 && code <= 0xdfff) return undefined;
  const character = String.fromCharCode(code);
  const readings = polyphonic(character, { toneType: "none", v: true, type: "all" })[0] ?? [];
  if (readings.length === 0 || readings.some((reading) => !reading.isZh)) return undefined;
  const distinct = new Set(readings.map((reading) => reading.pinyin));
  if (distinct.size !== 1) return undefined;
  const alone = readNameWithPinyinPro(character);
  return alone.length === 1 && distinct.has(alone[0]!) ? alone[0] : undefined;
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
