/**
 * Dates in the synthetic city are whole days since 1970-01-01 (proleptic Gregorian, no time zone), stored in
 * Int32Arrays. Conversion uses Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms
 * ("chrono-Compatible Low-Level Date Algorithms", 2013): pure integer arithmetic, no Date objects, so a
 * million conversions cost almost nothing and allocate nothing. A civil date travels as one packed integer
 * `YYYYMMDD`.
 */

/** Day number of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Packed `YYYYMMDD` of a day number. */
export function civilFromDays(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

export function yearOfDay(days: number): number {
  return Math.floor(civilFromDays(days) / 10000);
}

/** First day of a year. */
export function yearStart(year: number): number {
  return daysFromCivil(year, 1, 1);
}

/** Completed years of age on `onDay` for someone born on `birthDay`. */
export function ageOnDay(birthDay: number, onDay: number): number {
  const birth = civilFromDays(birthDay);
  const on = civilFromDays(onDay);
  const years = Math.floor(on / 10000) - Math.floor(birth / 10000);
  return on % 10000 < birth % 10000 ? years - 1 : years;
}

/**
 * How departments write dates (DOMAIN.md: sources differ; the import module must read them all).
 * compact 20190503 · iso 2019-05-03 · slash 2019/5/3 · chinese 2019年5月3日 · dot 2019.05.03
 */
export type DateStyle = "compact" | "iso" | "slash" | "chinese" | "dot";
export const DATE_STYLES: readonly DateStyle[] = ["compact", "iso", "slash", "chinese", "dot"];

export function formatYmd(ymd: number, style: DateStyle): string {
  const y = Math.floor(ymd / 10000);
  const m = Math.floor(ymd / 100) % 100;
  const d = ymd % 100;
  switch (style) {
    case "compact":
      return String(ymd);
    case "iso":
      return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
    case "slash":
      return `${y}/${m}/${d}`;
    case "chinese":
      return `${y}年${m}月${d}日`;
    case "dot":
      return `${y}.${m < 10 ? "0" : ""}${m}.${d < 10 ? "0" : ""}${d}`;
  }
}

export function formatDay(days: number, style: DateStyle): string {
  return formatYmd(civilFromDays(days), style);
}
