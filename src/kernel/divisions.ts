import { fail, ok, type LocalisedMessage, type Result } from "./result.ts";

/**
 * Administrative division codes (DOMAIN.md §2). A code is a chain of segments:
 * province(2) + city(2) + county(2), the GB/T 2260 county-level code, extended by the statistical division
 * codes (统计用区划代码) with township(3) + village(3). Every level's code is therefore a prefix of its
 * descendants' codes, which is what jurisdiction checks rely on (DESIGN.md §8).
 *
 * These functions check the shape of a code only. Whether a division exists (or existed: codes change,
 * abolished counties live on in old ID numbers) is a question for the division table.
 */

export const DIVISION_LEVELS = ["province", "city", "county", "township", "village"] as const;
export type DivisionLevel = (typeof DIVISION_LEVELS)[number];

declare const divisionLevel: unique symbol;
type Branded<L extends DivisionLevel> = string & { readonly [divisionLevel]: L };

/** 2 digits, e.g. 37 山东省. */
export type ProvinceCode = Branded<"province">;
/** 4 digits, e.g. 3704 枣庄市; also grouping rows such as 1101 市辖区 or 4190 省直辖县级行政区划. */
export type CityCode = Branded<"city">;
/** 6 digits (GB/T 2260), e.g. 370406 山亭区. */
export type CountyCode = Branded<"county">;
/** 9 digits, e.g. 370406101 店子镇. */
export type TownshipCode = Branded<"township">;
/** 12 digits, e.g. 370406101001. */
export type VillageCode = Branded<"village">;
export type DivisionCode = ProvinceCode | CityCode | CountyCode | TownshipCode | VillageCode;

/** Code length of each level; the segments are 2, 2, 2, 3 and 3 digits long. */
export const DIVISION_CODE_LENGTH = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
} as const satisfies Record<DivisionLevel, number>;

const LEVEL_BY_LENGTH: ReadonlyMap<number, DivisionLevel> = new Map(
  DIVISION_LEVELS.map((level) => [DIVISION_CODE_LENGTH[level], level]),
);

export type ParsedDivisionCode =
  | { readonly level: "province"; readonly code: ProvinceCode; readonly parentCode?: undefined }
  | { readonly level: "city"; readonly code: CityCode; readonly parentCode: ProvinceCode }
  | { readonly level: "county"; readonly code: CountyCode; readonly parentCode: CityCode }
  | { readonly level: "township"; readonly code: TownshipCode; readonly parentCode: CountyCode }
  | { readonly level: "village"; readonly code: VillageCode; readonly parentCode: TownshipCode };

export type DivisionCodeReason =
  | "division_code_empty"
  | "division_code_not_digits"
  | "division_code_bad_length"
  | "division_code_zero_province";

export const DIVISION_CODE_MESSAGES: Readonly<Record<DivisionCodeReason, LocalisedMessage>> = {
  division_code_empty: { zh: "行政区划代码为空", en: "The division code is empty" },
  division_code_not_digits: {
    zh: "行政区划代码只能包含半角数字 0–9",
    en: "A division code may contain only the ASCII digits 0–9",
  },
  division_code_bad_length: {
    zh: "行政区划代码应为 2、4、6、9 或 12 位",
    en: "A division code has 2, 4, 6, 9 or 12 digits",
  },
  division_code_zero_province: {
    zh: "行政区划代码的省级段不能为 00",
    en: "The province segment of a division code cannot be 00",
  },
};

/**
 * Parses a division code of 2, 4, 6, 9 or 12 digits (surrounding whitespace is ignored).
 *
 * Trailing all-zero segments mean "no division at this level" and are dropped, so padded codes resolve to
 * the level they name: the 12-digit statistical code 370406000000 is the county 370406, 370400000000 the
 * city 3704, and the 6-digit GB/T 2260 forms 370000 and 370400 are the province 37 and the city 3704.
 * The same rule applies to every length, so one division has exactly one canonical code.
 *
 * Consequence for the three prefecture-level cities without counties (441900 东莞市, 442000 中山市,
 * 460400 儋州市): the statistical data files their townships under a placeholder county row with code
 * 441900 etc. The township code 441900003 keeps that county segment (it is not trailing), but the bare code
 * 441900 parses as the city 4419, exactly as GB/T 2260 defines it. Both cover the same townships.
 */
export function parseDivisionCode(raw: string): Result<ParsedDivisionCode, DivisionCodeReason> {
  const trimmed = raw.trim();
  if (trimmed === "") return fail("division_code_empty");
  if (!/^[0-9]+$/.test(trimmed)) return fail("division_code_not_digits", trimmed);
  if (!LEVEL_BY_LENGTH.has(trimmed.length)) return fail("division_code_bad_length", trimmed);
  if (trimmed.startsWith("00")) return fail("division_code_zero_province", trimmed);
  return ok(toParsed(stripZeroSegments(trimmed)));
}

/** `digits` has a valid length and a non-zero province segment. */
function stripZeroSegments(digits: string): string {
  let code = digits;
  for (;;) {
    const parent = parentPrefix(code);
    if (parent === undefined || !/^0+$/.test(code.slice(parent.length))) return code;
    code = parent;
  }
}

function parentPrefix(code: string): string | undefined {
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (level === undefined || level === "province") return undefined;
  const parentLevel = DIVISION_LEVELS[DIVISION_LEVELS.indexOf(level) - 1]!;
  return code.slice(0, DIVISION_CODE_LENGTH[parentLevel]);
}

function toParsed(code: string): ParsedDivisionCode {
  switch (code.length) {
    case 2:
      return { level: "province", code: code as ProvinceCode };
    case 4:
      return { level: "city", code: code as CityCode, parentCode: code.slice(0, 2) as ProvinceCode };
    case 6:
      return { level: "county", code: code as CountyCode, parentCode: code.slice(0, 4) as CityCode };
    case 9:
      return { level: "township", code: code as TownshipCode, parentCode: code.slice(0, 6) as CountyCode };
    case 12:
      return { level: "village", code: code as VillageCode, parentCode: code.slice(0, 9) as TownshipCode };
    default:
      throw new Error(`toParsed() called with a code of length ${code.length}`);
  }
}

/** The level a canonical code belongs to (from its length). */
export function levelOf(code: DivisionCode): DivisionLevel {
  const level = LEVEL_BY_LENGTH.get(code.length);
  if (level === undefined) throw new Error(`not a division code: ${code}`);
  return level;
}

export type TownshipKind = "subdistrict" | "town" | "township" | "development_zone" | "other";

/**
 * Kind of a township-level unit from its 3-digit segment, following the statistical division coding rules
 * (DOMAIN.md §2): 001–099 街道 (subdistrict), 100–199 镇 (town), 200–399 乡 (township, incl. 苏木),
 * 400–599 development zones, farms and similar units, anything else 'other'.
 * This reads the code, not the name: the 2023 data also files eleven "…直辖村级区划" placeholder rows under
 * segment 198, which come out as 'town'.
 */
export function townshipKind(code: TownshipCode | VillageCode): TownshipKind {
  const segment = Number(code.slice(6, 9));
  if (segment >= 1 && segment <= 99) return "subdistrict";
  if (segment >= 100 && segment <= 199) return "town";
  if (segment >= 200 && segment <= 399) return "township";
  if (segment >= 400 && segment <= 599) return "development_zone";
  return "other";
}

/** Codes of the divisions above `code`, nearest first: ancestorsOf('370406101') → ['370406', '3704', '37']. */
export function ancestorsOf(code: DivisionCode): DivisionCode[] {
  const ancestors: DivisionCode[] = [];
  for (let parent = parentPrefix(code); parent !== undefined; parent = parentPrefix(parent)) {
    ancestors.push(parent as DivisionCode);
  }
  return ancestors;
}

/**
 * Whether `code` lies inside the jurisdiction `jurisdictionPrefix` (DESIGN.md §8): '3704' covers
 * '370406101', '370406' covers '370406101001', and a division covers itself.
 *
 * Both sides are parsed and canonicalised first, so the prefix always ends on a segment boundary: a padded
 * form such as '370400' means the city 3704, and a ragged string such as '37040' or '3' covers nothing
 * instead of matching by accident. Invalid input on either side fails closed (false), because this guards
 * access to personal data.
 */
export function isWithinJurisdiction(code: string, jurisdictionPrefix: string): boolean {
  const subject = parseDivisionCode(code);
  const jurisdiction = parseDivisionCode(jurisdictionPrefix);
  if (!subject.ok || !jurisdiction.ok) return false;
  return subject.value.code.startsWith(jurisdiction.value.code);
}

/** The county (GB/T 2260 code) of a county, township or village; undefined above county level. */
export function countyOf(code: CountyCode | TownshipCode | VillageCode): CountyCode;
export function countyOf(code: DivisionCode): CountyCode | undefined;
export function countyOf(code: DivisionCode): CountyCode | undefined {
  if (code.length < DIVISION_CODE_LENGTH.county) return undefined;
  return code.slice(0, DIVISION_CODE_LENGTH.county) as CountyCode;
}
