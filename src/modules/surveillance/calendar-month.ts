/**
 * Calendar months as surveillance counts them: 'YYYY-MM' in the API and in alerts, the month's first day
 * ('YYYY-MM-01') in the database. Plain arithmetic on year and month, no time zones: a birth's month is
 * the month of its civil birth date.
 */
export type CalendarMonth = string & { readonly __brand: "CalendarMonth" };

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isCalendarMonth(text: string): text is CalendarMonth {
  return MONTH_PATTERN.test(text);
}

/** The month of a date 'YYYY-MM-DD' (or of a month 'YYYY-MM'). */
export function monthOfDate(date: string): CalendarMonth {
  const month = date.slice(0, 7);
  if (!isCalendarMonth(month)) throw new Error(`not a date: ${date}`);
  return month;
}

/** The first day of the month, as the database stores months. */
export function firstDayOf(month: CalendarMonth): string {
  return `${month}-01`;
}

/** The month `count` months after `month` (before it when negative). */
export function shiftMonth(month: CalendarMonth, count: number): CalendarMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + count;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}` as CalendarMonth;
}

/** Every month from `start` to `end`, both included; empty when start is after end. */
export function listMonths(start: CalendarMonth, end: CalendarMonth): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  for (let month = start; month <= end; month = shiftMonth(month, 1)) months.push(month);
  return months;
}

/** The `length` months that end with `end`: a rolling window such as the funnel plot's 12 months. */
export function windowEndingAt(end: CalendarMonth, length: number): { start: CalendarMonth; end: CalendarMonth } {
  return { start: shiftMonth(end, 1 - length), end };
}
