/**
 * All comparison features of one name in a single pass (DESIGN.md §5 `mention`: name_norm, surname,
 * name_pinyin, initials). Import and linkage derive them for every person mentioned in a source record,
 * so the name is normalised and transcribed once instead of once per feature.
 */
import { normaliseName } from "./name-normalise.ts";
import { initialsOfSyllables, pinyinOfNormalisedName } from "./name-pinyin.ts";
import { splitNormalisedName } from "./name-surname.ts";

export interface NameFeatures {
  /** `normaliseName` of the raw name. */
  readonly normalised: string;
  /** '' for minority names with a middle dot and for names not starting with a Han character. */
  readonly surname: string;
  readonly given: string;
  /** Toneless syllables joined by spaces, surname readings at the start ("zeng wei"). */
  readonly pinyin: string;
  readonly initials: string;
}

export function deriveNameFeatures(raw: string): NameFeatures {
  const normalised = normaliseName(raw);
  const { surname, given } = splitNormalisedName(normalised);
  const syllables = pinyinOfNormalisedName(normalised);
  return { normalised, surname, given, pinyin: syllables.join(" "), initials: initialsOfSyllables(syllables) };
}
