import { describe, expect, it } from "vitest";
import { toHalfWidth } from "./half-width.ts";

describe("toHalfWidth", () => {
  it.each([
    ["１２３４５６７８９０", "1234567890"],
    ["ＡＢＣｘｙｚ", "ABCxyz"],
    ["２０２３／０１／０５", "2023/01/05"],
    ["－．（）", "-.()"],
    ["\u3000a\u3000", " a "],
    ["张伟", "张伟"],
    ["abc 123", "abc 123"],
    ["①", "①"],
    ["", ""],
  ])("maps %j to %j", (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });

  it("maps the whole full-width block U+FF01–U+FF5E onto printable ASCII", () => {
    for (let code = 0xff01; code <= 0xff5e; code++) {
      expect(toHalfWidth(String.fromCharCode(code))).toBe(String.fromCharCode(code - 0xfee0));
    }
  });
});
