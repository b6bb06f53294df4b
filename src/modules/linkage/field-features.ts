import { toHalfWidth } from "../../kernel/half-width.ts";
import { parseSex, toGbCode } from "../../kernel/sex.ts";
import type { FieldType } from "./model.ts";
import { computeZhNameFeatures } from "./zh-name-features.ts";
import { computeResidentIdFeatures } from "./resident-id-features.ts";

/**
 * Linkage features: the normalised forms each comparison level reads. They are computed in TypeScript once
 * per distinct value (pinyin, ID normalisation), so the SQL that compares millions of pairs only compares
 * columns. Two are not computed from the value alone (`derived`): double metaphone, which PostgreSQL's
 * fuzzystrmatch computes (asked once per distinct name before loading), and the term frequency, which needs
 * every record's value.
 */
export interface FeatureDefinition {
  readonly name: string;
  readonly sqlType: "text" | "date" | "float8";
  /** Filled by the engine before loading instead of by `computeFieldFeatures`. */
  readonly derived?: "dmetaphone_in_sql" | "term_frequency";
}

const text = (name: string): FeatureDefinition => ({ name, sqlType: "text" });
const TERM_FREQUENCY: FeatureDefinition = { name: "tf", sqlType: "float8", derived: "term_frequency" };

export const FEATURES_BY_TYPE: Readonly<Record<FieldType, readonly FeatureDefinition[]>> = {
  zh_name: [text("raw"), text("norm"), text("pinyin"), text("initials"), text("surname"), text("sorted"), TERM_FREQUENCY],
  name: [text("raw"), text("norm"), { name: "metaphone", sqlType: "text", derived: "dmetaphone_in_sql" }, TERM_FREQUENCY],
  date: [text("norm"), { name: "iso", sqlType: "date" }],
  resident_id: [text("raw"), text("norm"), text("birth"), text("valid")],
  identifier: [text("norm")],
  code: [text("norm")],
  sex: [text("norm")],
  division_code: [text("norm")],
  phone: [text("norm"), text("last8")],
  text: [text("norm")],
  address: [text("norm"), text("place")],
};

/** Whether the type's records carry a term frequency (`tf`), for the adjustment of their name levels. */
export function hasTermFrequency(type: FieldType): boolean {
  return FEATURES_BY_TYPE[type].some((f) => f.derived === "term_frequency");
}

export type FeatureValues = Readonly<Record<string, string | null>>;

function blankToNull(value: string): string | null {
  return value === "" ? null : value;
}

/** Lower case, half width, punctuation to spaces, runs of spaces collapsed: "O'Brien  " → "o brien". */
export function normaliseLatinText(value: string): string | null {
  const cleaned = toHalfWidth(value)
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return blankToNull(cleaned);
}

/** Upper case, half width, separators removed: identifiers are compared character by character. */
function normaliseIdentifier(value: string): string | null {
  return blankToNull(toHalfWidth(value).toUpperCase().replace(/[\s\-_./]+/g, ""));
}

const DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})(\d{2})(\d{2})$/,
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/,
];

/** A date as 8 digits YYYYMMDD (kept even when it is no real date: a typo is evidence) and as ISO if valid. */
export function normaliseDate(value: string): { norm: string | null; iso: string | null } {
  const trimmed = toHalfWidth(value).trim();
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(trimmed);
    if (!match) continue;
    const [, y, m, d] = match as unknown as [string, string, string, string];
    const norm = `${y}${m.padStart(2, "0")}${d.padStart(2, "0")}`;
    return { norm, iso: toIsoDate(norm) };
  }
  const digits = trimmed.replace(/\D/g, "");
  return { norm: blankToNull(digits), iso: digits.length === 8 ? toIsoDate(digits) : null };
}

function toIsoDate(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** GB/T 2261.1 codes 1 male, 2 female (sources also write 男/女, M/F); unknown and unspecified are missing. */
function normaliseSex(value: string): string | null {
  const sex = parseSex(value);
  return sex.ok && (sex.value === "male" || sex.value === "female") ? toGbCode(sex.value) : null;
}

function normalisePhone(value: string): { norm: string | null; last8: string | null } {
  let digits = toHalfWidth(value).replace(/\D/g, "");
  if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.startsWith("86") && digits.length === 13) digits = digits.slice(2);
  return { norm: blankToNull(digits), last8: digits.length >= 8 ? digits.slice(-8) : null };
}

/**
 * A Chinese address, written from the largest unit to the smallest (省 市 区/县 乡/镇/街道 村/社区 门牌):
 * `norm` without spaces and punctuation, in half width; `place` the same without the trailing house number
 * (门牌号: 12号, 3-2, 5号楼2单元), so that two households of one village share it.
 */
function normaliseAddress(value: string): { norm: string | null; place: string | null } {
  const norm = toHalfWidth(value)
    .normalize("NFKC")
    .replace(/[\s,，、.。·()（）]+/g, "");
  if (norm === "") return { norm: null, place: null };
  const place = norm.replace(/(?:[0-9]+(?:[-之][0-9]+)*(?:号|号楼|栋|幢|单元|室|楼)?)+$/, "");
  return { norm, place: place === "" ? norm : place };
}

/** Every feature of one field's raw value; a blank value gives nulls, which compare at the null level. */
export function computeFieldFeatures(type: FieldType, rawValue: string | null): FeatureValues {
  const raw = rawValue === null ? "" : rawValue.trim();
  if (raw === "") return {};
  switch (type) {
    case "zh_name":
      return computeZhNameFeatures(raw);
    case "name":
      return { raw: raw.toLowerCase(), norm: normaliseLatinText(raw) };
    case "date":
      return normaliseDate(raw);
    case "resident_id":
      return computeResidentIdFeatures(raw);
    case "identifier":
    case "code":
      return { norm: normaliseIdentifier(raw) };
    case "sex":
      return { norm: normaliseSex(raw) };
    case "division_code":
      return { norm: blankToNull(toHalfWidth(raw).replace(/\D/g, "")) };
    case "phone":
      return normalisePhone(raw);
    case "text":
      return { norm: normaliseLatinText(raw) };
    case "address":
      return normaliseAddress(raw);
  }
}
