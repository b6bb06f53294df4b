import { describe, expect, it } from "vitest";
import { escapeCsvCell } from "./escape-csv-cell.ts";

describe("escapeCsvCell", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+86 138", "'+86 138"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\tx", "'\tx"],
    ["\r=1", "\"'\r=1\""],
  ])("neutralises the formula trigger in %j", (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it.each([
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])("quotes %j as RFC 4180 requires", (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  it.each(["108.33", "0.0484", "3.2e-12", "NA", "suppressed", "店子镇", "", "3+"])("leaves %j as it is", (value) => {
    expect(escapeCsvCell(value)).toBe(value);
  });
});
