import { describe, expect, it } from "vitest";
import { ageOnDay, civilFromDays, type DateStyle, daysFromCivil, formatYmd, yearOfDay } from "./civil-date.ts";

describe("civil dates", () => {
  it.each([
    [1970, 1, 1, 0],
    [2000, 2, 29, 11016],
    [1900, 3, 1, -25508],
    [2024, 12, 31, 20088],
  ])("maps %i-%i-%i to day %i and back", (y, m, d, days) => {
    expect(daysFromCivil(y, m, d)).toBe(days);
    expect(civilFromDays(days)).toBe(y * 10000 + m * 100 + d);
  });

  it("agrees with Date for every day from 1900 to 2080", () => {
    for (let day = daysFromCivil(1900, 1, 1); day < daysFromCivil(2080, 1, 1); day += 1) {
      const date = new Date(day * 86_400_000);
      const expected = date.getUTCFullYear() * 10000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
      if (civilFromDays(day) !== expected) throw new Error(`day ${day}: ${civilFromDays(day)} ≠ ${expected}`);
    }
    expect(yearOfDay(daysFromCivil(2016, 12, 31))).toBe(2016);
  });

  it("counts completed years of age, turning a year older on the birthday", () => {
    const birth = daysFromCivil(1990, 6, 15);
    expect(ageOnDay(birth, daysFromCivil(2020, 6, 14))).toBe(29);
    expect(ageOnDay(birth, daysFromCivil(2020, 6, 15))).toBe(30);
  });

  it.each<[DateStyle, string]>([
    ["compact", "20190503"],
    ["iso", "2019-05-03"],
    ["slash", "2019/5/3"],
    ["chinese", "2019年5月3日"],
    ["dot", "2019.05.03"],
  ])("writes 3 May 2019 in %s style as %s", (style, text) => {
    expect(formatYmd(20190503, style)).toBe(text);
  });
});
