/**
 * Sex as recorded in registries, coded by GB/T 2261.1-2003 (人的性别代码): 0 unknown, 1 male, 2 female,
 * 9 unspecified (DOMAIN.md §4). Sources also write the Chinese names (男, 女性 …) or English M/F.
 */
import { toHalfWidth } from "./half-width.ts";
import type { ResidentId } from "./resident-id.ts";
import { fail, ok, type Result } from "./result.ts";

export const SEXES = ["male", "female", "unknown", "unspecified"] as const;
export type Sex = (typeof SEXES)[number];

export const SEX_REASONS = ["empty", "unrecognised_sex"] as const;
export type SexReason = (typeof SEX_REASONS)[number];

export type GbSexCode = "0" | "1" | "2" | "9";

const GB_CODE_BY_SEX = {
  unknown: "0",
  male: "1",
  female: "2",
  unspecified: "9",
} as const satisfies Record<Sex, GbSexCode>;

/** Accepted spellings, compared after full-width → ASCII, whitespace removal and lower-casing. */
const SEX_BY_SPELLING: ReadonlyMap<string, Sex> = new Map<string, Sex>([
  ["0", "unknown"],
  ["1", "male"],
  ["2", "female"],
  ["9", "unspecified"],
  ["男", "male"],
  ["男性", "male"],
  ["女", "female"],
  ["女性", "female"],
  ["未知", "unknown"],
  ["未知的性别", "unknown"],
  ["未知的性別", "unknown"],
  ["未说明", "unspecified"],
  ["未說明", "unspecified"],
  ["未说明的性别", "unspecified"],
  ["未說明的性別", "unspecified"],
  ["m", "male"],
  ["male", "male"],
  ["f", "female"],
  ["female", "female"],
]);

/** Reads a recorded sex. An empty value is reported, not guessed: whether a blank may mean 0 is the caller's rule. */
export function parseSex(raw: string): Result<Sex, SexReason> {
  const spelling = toHalfWidth(raw).replace(/\s/g, "").toLowerCase();
  if (spelling === "") return fail("empty");
  const sex = SEX_BY_SPELLING.get(spelling);
  return sex === undefined ? fail("unrecognised_sex") : ok(sex);
}

/** The GB/T 2261.1 code of a sex, e.g. for exchange files. */
export function toGbCode(sex: Sex): GbSexCode {
  return GB_CODE_BY_SEX[sex];
}

export type SexAgreement = "agree" | "disagree" | "not_comparable";

/**
 * Compares a recorded sex with the one implied by the ID number's sequence parity (GB 11643-1999).
 * A disagreement is a data-quality finding for review, never silently resolved (DOMAIN.md §4);
 * 'unknown' and 'unspecified' cannot be compared.
 */
export function checkSexAgainstResidentId(sex: Sex, residentId: Pick<ResidentId, "sex">): SexAgreement {
  if (sex !== "male" && sex !== "female") return "not_comparable";
  return sex === residentId.sex ? "agree" : "disagree";
}
