import { describe, expect, it } from "vitest";
import {
  addDays,
  ageInYears,
  buildIsoDate,
  compareIsoDates,
  daysInMonth,
  diffInDays,
  isIsoDate,
  isLeapYear,
  parseCivilDate,
  swapDayMonth,
  type IsoDate,
} from "./dates.ts";

const iso = (text: string): IsoDate => {
  if (!isIsoDate(text)) throw new Error(`test fixture ${text} is not an ISO date`);
  return text;
};

describe("parseCivilDate", () => {
  it.each([
    ["2023-01-05", "2023-01-05"],
    ["2023-1-5", "2023-01-05"],
    ["2023/1/5", "2023-01-05"],
    ["2023/01/05", "2023-01-05"],
    ["20230105", "2023-01-05"],
    ["2023年1月5日", "2023-01-05"],
    ["2023年01月05日", "2023-01-05"],
    ["2023年1月5号", "2023-01-05"],
    ["2023年1月5", "2023-01-05"],
    ["2023.01.05", "2023-01-05"],
    ["2023.1.5", "2023-01-05"],
    ["２０２３－０１－０５", "2023-01-05"],
    ["２０２３年１月５日", "2023-01-05"],
    ["  2023-01-05\t", "2023-01-05"],
    ["\u30002023-01-05\u3000", "2023-01-05"],
    ["2023-01-05 08:30", "2023-01-05"],
    ["2023-01-05 08:30:15", "2023-01-05"],
    ["2023/1/5 8:30:15", "2023-01-05"],
    ["2023-01-05T08:30:15.000", "2023-01-05"],
    ["2023-01-05 00:00:00.000", "2023-01-05"],
    ["2024-02-29", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["1870-01-01", "1870-01-01"],
    ["2100-12-31", "2100-12-31"],
  ])("reads %j as %s", (raw, expected) => {
    expect(parseCivilDate(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["", "   ", "\u3000", "\t\n"])("rejects blank input %j as empty", (raw) => {
    expect(parseCivilDate(raw)).toMatchObject({ ok: false, reason: "empty" });
  });

  it.each([
    "05/01/2023",
    "2023-01",
    "2023-1/5",
    "2023/01.05",
    "230105",
    "2023010",
    "202301050",
    "2023-001-05",
    "yesterday",
    "2023-01-05 08",
    "2023-01-05 25:61 extra",
    "二〇二三年一月五日",
    "-2023-01-05",
  ])("rejects %j as unrecognised_format", (raw) => {
    expect(parseCivilDate(raw)).toMatchObject({ ok: false, reason: "unrecognised_format" });
  });

  it.each([
    "2023-02-29",
    "1900-02-29",
    "2023-13-01",
    "2023-00-10",
    "2023-01-00",
    "2023-04-31",
    "2023-01-32",
    "20231301",
    "2023年2月30日",
  ])("rejects %j as impossible_date", (raw) => {
    expect(parseCivilDate(raw)).toMatchObject({ ok: false, reason: "impossible_date" });
  });

  it.each(["1869-12-31", "2101-01-01", "0001-01-01", "9999-12-31"])("rejects %j as out_of_range", (raw) => {
    expect(parseCivilDate(raw)).toMatchObject({ ok: false, reason: "out_of_range" });
  });
});

describe("buildIsoDate", () => {
  it("pads month and day", () => {
    expect(buildIsoDate(1990, 2, 3)).toEqual({ ok: true, value: "1990-02-03" });
  });

  it.each([
    [1990, 2, 29],
    [1990, 2.5, 1],
    [Number.NaN, 1, 1],
  ])("rejects %d-%d-%d as impossible_date", (year, month, day) => {
    expect(buildIsoDate(year, month, day)).toMatchObject({ ok: false, reason: "impossible_date" });
  });
});

describe("isIsoDate", () => {
  it.each([
    ["2023-01-05", true],
    ["0001-01-01", true],
    ["2023-02-29", false],
    ["2023-1-5", false],
    ["20230105", false],
    [" 2023-01-05", false],
  ])("says %j is an ISO date: %s", (text, expected) => {
    expect(isIsoDate(text)).toBe(expected);
  });
});

describe("isLeapYear and daysInMonth", () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
    [2100, false],
    [1600, true],
  ])("says %d is a leap year: %s", (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  it.each([
    [2023, 1, 31],
    [2023, 2, 28],
    [2024, 2, 29],
    [1900, 2, 28],
    [2023, 4, 30],
    [2023, 12, 31],
  ])("gives %d-%d %d days", (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });

  it.each([0, 13, 1.5])("throws for month %d", (month) => {
    expect(() => daysInMonth(2023, month)).toThrow(RangeError);
  });
});

describe("compareIsoDates", () => {
  it.each([
    ["2023-01-05", "2023-01-06", -1],
    ["2023-01-06", "2023-01-05", 1],
    ["2023-01-05", "2023-01-05", 0],
    ["1999-12-31", "2000-01-01", -1],
  ] as const)("compares %s with %s as %d", (a, b, expected) => {
    expect(compareIsoDates(iso(a), iso(b))).toBe(expected);
  });
});

describe("ageInYears", () => {
  it.each([
    ["1990-06-15", "2020-06-14", 29],
    ["1990-06-15", "2020-06-15", 30],
    ["1990-06-15", "2020-06-16", 30],
    ["1990-06-15", "1990-06-15", 0],
    ["2024-02-29", "2025-02-28", 0],
    ["2024-02-29", "2025-03-01", 1],
    ["2024-02-29", "2028-02-29", 4],
    ["1990-06-15", "1990-01-01", -1],
  ])("is born %s, on %s aged %d", (birth, asOf, expected) => {
    expect(ageInYears(iso(birth), iso(asOf))).toBe(expected);
  });
});

describe("addDays and diffInDays", () => {
  it.each([
    ["2023-01-05", 1, "2023-01-06"],
    ["2023-01-31", 1, "2023-02-01"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-12-31", 1, "2024-01-01"],
    ["2024-01-01", -1, "2023-12-31"],
    ["2023-01-05", 0, "2023-01-05"],
    ["1970-01-01", 0, "1970-01-01"],
    ["1900-02-28", 1, "1900-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2023-01-01", 365, "2024-01-01"],
  ] as const)("adds to %s %d days giving %s", (start, days, expected) => {
    expect(addDays(iso(start), days)).toBe(expected);
  });

  it("agrees with the UTC calendar for every 97th day from 1870 to 2100", () => {
    const msPerDay = 86_400_000;
    const start = Date.UTC(1870, 0, 1) / msPerDay;
    const end = Date.UTC(2100, 11, 31) / msPerDay;
    for (let epochDay = start; epochDay <= end; epochDay += 97) {
      const expected = new Date(epochDay * msPerDay).toISOString().slice(0, 10);
      expect(addDays(iso("1970-01-01"), epochDay)).toBe(expected);
      expect(diffInDays(iso(expected), iso("1970-01-01"))).toBe(epochDay);
    }
  });

  it("measures a minus b", () => {
    expect(diffInDays(iso("2024-03-01"), iso("2024-02-28"))).toBe(2);
    expect(diffInDays(iso("2024-02-28"), iso("2024-03-01"))).toBe(-2);
  });

  it("throws for a non-integer number of days", () => {
    expect(() => addDays(iso("2023-01-05"), 0.5)).toThrow(RangeError);
  });

  it("throws when the result has no 4-digit year", () => {
    expect(() => addDays(iso("9999-12-31"), 1)).toThrow(RangeError);
  });
});

describe("swapDayMonth", () => {
  it.each([
    ["2023-03-05", "2023-05-03"],
    ["2023-12-01", "2023-01-12"],
    ["2023-07-07", "2023-07-07"],
    ["2024-02-29", undefined],
    ["2023-03-13", undefined],
    ["2023-01-31", undefined],
  ])("swaps %s to %s", (date, expected) => {
    expect(swapDayMonth(iso(date))).toBe(expected);
  });
});
