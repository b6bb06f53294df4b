/**
 * Civil (calendar) dates without a time zone: birth, death, marriage and examination dates. They are kept as
 * ISO 8601 calendar-date strings `YYYY-MM-DD` (proleptic Gregorian), which sort and compare as text and map
 * one-to-one onto PostgreSQL `date`. No `Date` objects: they carry a time zone and treat years 0–99 as 19xx.
 */
import { toHalfWidth } from "./half-width.ts";
import { fail, ok, type Result } from "./result.ts";

/** A valid `YYYY-MM-DD` calendar date, made only by the parsers, builders and helpers in this file. */
export type IsoDate = string & { readonly __brand: "IsoDate" };

export const CIVIL_DATE_REASONS = ["empty", "unrecognised_format", "impossible_date", "out_of_range"] as const;
export type CivilDateReason = (typeof CIVIL_DATE_REASONS)[number];

/**
 * Plausible years for dates about living or recently deceased people. The oldest verified person was born
 * in 1875; a few years of margin below, and nothing registry-related lies beyond 2100.
 */
export const EARLIEST_CIVIL_YEAR = 1870;
export const LATEST_CIVIL_YEAR = 2100;

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Gregorian rule: every 4th year, except centuries not divisible by 400. */
/** Today's civil date where the server runs (its time zone: Asia/Shanghai in production). */
export function todayWhereTheServerRuns(): IsoDate {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` as IsoDate;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1–12) of `year`; throws for a month outside 1–12 (a programming error). */
export function daysInMonth(year: number, month: number): number {
  const days = DAYS_IN_MONTH[month - 1];
  if (!Number.isInteger(month) || days === undefined) throw new RangeError(`month must be 1–12, got ${month}`);
  return month === 2 && isLeapYear(year) ? 29 : days;
}

function isCalendarDate({ year, month, day }: DateParts): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  if (year < 0 || year > 9999) throw new RangeError(`year ${year} has no 4-digit ISO form`);
  const pad = (value: number, width: number) => String(value).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;
}

function splitIsoDate(iso: IsoDate): DateParts {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

/** Builds a date from numeric parts, rejecting impossible dates and years outside the plausible range. */
export function buildIsoDate(
  year: number,
  month: number,
  day: number,
): Result<IsoDate, "impossible_date" | "out_of_range"> {
  const parts = { year, month, day };
  if (!isCalendarDate(parts)) return fail("impossible_date", `${year}-${month}-${day} is not a calendar date`);
  if (year < EARLIEST_CIVIL_YEAR || year > LATEST_CIVIL_YEAR) {
    return fail("out_of_range", `year ${year} is outside ${EARLIEST_CIVIL_YEAR}–${LATEST_CIVIL_YEAR}`);
  }
  return ok(formatIsoDate(parts));
}

/** True for a strict `YYYY-MM-DD` string naming a real calendar date (any 4-digit year). */
export function isIsoDate(text: string): text is IsoDate {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isCalendarDate(splitIsoDate(text as IsoDate));
}

/**
 * The date shapes seen in departmental extracts. Separators must be consistent within one value
 * (`2023-1/5` is rejected: it more likely hides a typing error than a format).
 */
const SEPARATED_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/;
/** A trailing clock time, e.g. from a database or spreadsheet export: ` 08:30`, ` 08:30:15`, `T08:30:15.000`. */
const TRAILING_TIME = /(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

function matchDateParts(text: string): DateParts | undefined {
  const separated = SEPARATED_DATE.exec(text);
  if (separated) return { year: Number(separated[1]), month: Number(separated[3]), day: Number(separated[4]) };
  const compactOrChinese = COMPACT_DATE.exec(text) ?? CHINESE_DATE.exec(text);
  if (compactOrChinese) {
    return { year: Number(compactOrChinese[1]), month: Number(compactOrChinese[2]), day: Number(compactOrChinese[3]) };
  }
  return undefined;
}

/**
 * Parses a date as written in registry extracts: `2023-01-05`, `2023-1-5`, `2023/1/5`, `20230105`,
 * `2023年1月5日`, `2023.01.05`, with full-width digits, surrounding spaces and an optional time of day
 * (dropped: these are civil dates).
 */
export function parseCivilDate(raw: string): Result<IsoDate, CivilDateReason> {
  const text = toHalfWidth(raw).trim();
  if (text === "") return fail("empty");
  const parts = matchDateParts(text.replace(TRAILING_TIME, ""));
  if (parts === undefined) return fail("unrecognised_format");
  return buildIsoDate(parts.year, parts.month, parts.day);
}

/** Orders two dates: negative if `a` is earlier, 0 if equal, positive if later. ISO strings sort as text. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Completed years of age (周岁) on `asOf`. Someone born on 29 February becomes a year older on 1 March in
 * common years (the birthday has not yet come on 28 February). Negative when `asOf` precedes `birth`.
 */
export function ageInYears(birth: IsoDate, asOf: IsoDate): number {
  const years = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
  const birthdayReached = asOf.slice(5) >= birth.slice(5);
  return birthdayReached ? years : years - 1;
}

/**
 * Days since 1970-01-01 and back, after H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
 * (days_from_civil / civil_from_days): exact integer arithmetic over 400-year eras, no `Date`.
 */
function toEpochDay({ year, month, day }: DateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromEpochDay(epochDay: number): DateParts {
  const shifted = epochDay + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The date `days` days after `iso` (before, if negative). Throws if the result leaves years 0000–9999. */
export function addDays(iso: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return formatIsoDate(fromEpochDay(toEpochDay(splitIsoDate(iso)) + days));
}

/** `a` minus `b` in days: positive when `a` is later (the same order as `compareIsoDates`). */
export function diffInDays(a: IsoDate, b: IsoDate): number {
  return toEpochDay(splitIsoDate(a)) - toEpochDay(splitIsoDate(b));
}

/**
 * The same date with day and month exchanged (2023-03-05 → 2023-05-03), undefined when that is no date.
 * Day/month transposition is a common keying error in DD/MM vs MM/DD sources; linkage compares the swap.
 */
export function swapDayMonth(iso: IsoDate): IsoDate | undefined {
  const { year, month, day } = splitIsoDate(iso);
  const swapped = { year, month: day, day: month };
  return isCalendarDate(swapped) ? formatIsoDate(swapped) : undefined;
}
