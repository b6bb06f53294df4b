import { describe, expect, it } from "vitest";
import { firstDayOf, isCalendarMonth, listMonths, monthOfDate, shiftMonth, windowEndingAt, type CalendarMonth } from "./calendar-month.ts";

const month = (text: string) => text as CalendarMonth;

describe("calendar months", () => {
  it.each([
    ["2024-01", -1, "2023-12"],
    ["2024-12", 1, "2025-01"],
    ["2024-06", -11, "2023-07"],
    ["2024-06", 0, "2024-06"],
    ["2000-03", -27, "1997-12"],
  ])("shifts %s by %i months to %s", (from, count, expected) => {
    expect(shiftMonth(month(from), count)).toBe(expected);
  });

  it("lists the months of a range, both ends included, and nothing for a reversed range", () => {
    expect(listMonths(month("2023-11"), month("2024-02"))).toEqual(["2023-11", "2023-12", "2024-01", "2024-02"]);
    expect(listMonths(month("2024-02"), month("2023-11"))).toEqual([]);
  });

  it("gives the rolling 12-month window that ends with a month", () => {
    expect(windowEndingAt(month("2024-06"), 12)).toEqual({ start: "2023-07", end: "2024-06" });
  });

  it("reads the month of a date and writes its first day", () => {
    expect(monthOfDate("2024-02-29")).toBe("2024-02");
    expect(firstDayOf(month("2024-02"))).toBe("2024-02-01");
    expect(() => monthOfDate("2024-13-01")).toThrow();
  });

  it.each([["2024-00", false], ["2024-13", false], ["2024-1", false], ["2024-09", true]])("accepts %s as a month: %s", (text, valid) => {
    expect(isCalendarMonth(text)).toBe(valid);
  });
});
