import { describe, expect, it } from "vitest";
import { normaliseName } from "./name-normalise.ts";

describe("normaliseName", () => {
  it.each([
    ["张伟", "张伟", "an already normal name"],
    ["張偉", "张伟", "traditional characters"],
    ["歐陽娜娜", "欧阳娜娜", "a traditional compound surname"],
    ["衞國", "卫国", "a Hong Kong variant form"],
    ["鍾鐘", "钟钟", "two traditional forms of one simplified character"],
    [" 张伟 ", "张伟", "surrounding spaces"],
    ["张 伟", "张伟", "an inserted space"],
    ["张\u3000伟", "张伟", "an inserted ideographic space U+3000"],
    ["\u3000张伟\u3000", "张伟", "surrounding ideographic spaces"],
    ["张\t\n伟", "张伟", "tabs and newlines"],
    ["张\u00a0伟", "张伟", "a no-break space"],
    ["张\u200b伟", "张伟", "a zero-width space"],
    ["\ufeff张伟", "张伟", "a byte-order mark"],
    ["王２", "王2", "a full-width digit"],
    ["ＺＨＡＮＧ", "ZHANG", "full-width Latin letters"],
    ["zhang wei", "ZHANGWEI", "lower-case Latin letters and a space"],
    ["张wei", "张WEI", "pinyin standing in for a rare character"],
    ["阿依古丽·买买提", "阿依古丽·买买提", "the standard middle dot U+00B7"],
    ["阿依古丽•买买提", "阿依古丽·买买提", "a bullet U+2022"],
    ["阿依古丽．买买提", "阿依古丽·买买提", "a full-width full stop U+FF0E"],
    ["阿依古丽・买买提", "阿依古丽·买买提", "a katakana middle dot U+30FB"],
    ["阿依古丽･买买提", "阿依古丽·买买提", "a half-width katakana middle dot U+FF65"],
    ["阿依古丽‧买买提", "阿依古丽·买买提", "a hyphenation point U+2027"],
    ["阿依古丽∙买买提", "阿依古丽·买买提", "a bullet operator U+2219"],
    ["阿依古丽⋅买买提", "阿依古丽·买买提", "a dot operator U+22C5"],
    ["阿依古丽.买买提", "阿依古丽·买买提", "an ASCII full stop"],
    ["阿依古丽 · 买买提", "阿依古丽·买买提", "spaces around the dot"],
    ["阿依古丽··买买提", "阿依古丽·买买提", "a doubled dot"],
    ["·阿依古丽·买买提·", "阿依古丽·买买提", "leading and trailing dots"],
    ["李乾", "李乾", "乾, a standard character OpenCC would turn into 干"],
    ["於明", "於明", "the surname 於, not 于"],
    ["麴丽", "麴丽", "the surname 麴, not 曲"],
    ["乾隆", "乾隆", "乾 inside a word"],
    ["李\uf9dc", "李\u9686", "a CJK compatibility ideograph (U+F9DC → 隆)"],
    ["𠮷野", "𠮷野", "a character outside the Basic Multilingual Plane"],
    ["", "", "an empty string"],
    [" \u3000 ", "", "only spaces"],
  ])("turns %j into %j (%s)", (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });

  it("keeps homophones and similar shapes apart: those are spelling, not formatting", () => {
    expect(normaliseName("张玮")).not.toBe(normaliseName("张伟"));
    expect(normaliseName("玉明")).not.toBe(normaliseName("王明"));
  });

  it.each(["張　偉", "阿依古丽 • 买买提", "ＺＨＡＮＧ wei", "歐陽 娜娜", "李乾", "於明"])("is idempotent on %j", (raw) => {
    const once = normaliseName(raw);
    expect(normaliseName(once)).toBe(once);
  });
});
