import { describe, expect, it } from "vitest";
import { initialsOfSyllables, pinyinOfNormalisedName, toInitials, toPinyin, toPinyinSyllables } from "./name-pinyin.ts";

describe("toPinyin", () => {
  it.each([
    ["张伟", "zhang wei"],
    ["李长江", "li chang jiang"],
    ["欧阳娜娜", "ou yang na na"],
  ])("reads %s as %j", (name, expected) => {
    expect(toPinyin(name)).toBe(expected);
  });

  it.each([
    ["曾伟", "zeng wei"],
    ["单田芳", "shan tian fang"],
    ["解缙", "xie jin"],
    ["区志强", "ou zhi qiang"],
    ["仇英", "qiu ying"],
    ["朴树", "piao shu"],
    ["覃明", "qin ming"],
    ["翟志刚", "zhai zhi gang"],
    ["查良镛", "zha liang yong"],
    ["万俟卨", "mo qi xie"],
    ["尉迟恭", "yu chi gong"],
    ["长孙无忌", "zhang sun wu ji"],
  ])("gives the polyphonic surname of %s its surname reading: %j", (name, expected) => {
    expect(toPinyin(name)).toBe(expected);
  });

  it("uses the surname reading only at the start of the name", () => {
    expect(toPinyin("曾曾")).toBe("zeng ceng");
    expect(toPinyin("单单")).toBe("shan dan");
  });

  it.each([
    ["张伟", "张玮"],
    ["王磊", "王雷"],
    ["張偉", "张伟"],
    ["张 伟", "张伟"],
  ])("reads %s and %s alike", (a, b) => {
    expect(toPinyin(a)).toBe(toPinyin(b));
  });

  it("keeps different surnames apart", () => {
    expect(toPinyin("李伟")).not.toBe(toPinyin("张伟"));
  });

  it.each([
    ["女娲", "nv wa"],
    ["吕布", "lv bu"],
  ])("writes ü as v: %s → %j", (name, expected) => {
    expect(toPinyin(name)).toBe(expected);
  });

  it.each([
    ["阿依古丽·买买提", "a yi gu li mai mai ti"],
    ["阿依古丽•买买提", "a yi gu li mai mai ti"],
    ["阿依古丽买买提", "a yi gu li mai mai ti"],
  ])("drops the middle dot of %s", (name, expected) => {
    expect(toPinyin(name)).toBe(expected);
  });

  it.each([
    ["张WEI", "zhang wei"],
    ["ＺＨＡＮＧ　ＷＥＩ", "zhangwei"],
    ["王2", "wang 2"],
    ["张三丰3", "zhang san feng 3"],
    ["𠮷野", "𠮷 ye"],
    ["", ""],
    ["·", ""],
  ])("passes non-Han characters of %j through: %j", (name, expected) => {
    expect(toPinyin(name)).toBe(expected);
  });
});

describe("toPinyinSyllables", () => {
  it("returns one syllable per Han character", () => {
    expect(toPinyinSyllables("欧阳娜娜")).toEqual(["ou", "yang", "na", "na"]);
  });

  it("returns nothing for an empty name", () => {
    expect(toPinyinSyllables(" ")).toEqual([]);
  });
});

describe("toInitials", () => {
  it.each([
    ["张伟", "zw"],
    ["张玮", "zw"],
    ["欧阳娜娜", "oynn"],
    ["曾伟", "zw"],
    ["单田芳", "stf"],
    ["区志强", "ozq"],
    ["阿依古丽·买买提", "ayglmmt"],
    ["张WEI", "zw"],
    ["王2", "w2"],
    ["𠮷野", "𠮷y"],
    ["", ""],
  ])("abbreviates %j as %j", (name, expected) => {
    expect(toInitials(name)).toBe(expected);
  });
});

describe("pinyinOfNormalisedName and initialsOfSyllables", () => {
  it("transcribe an already normalised name", () => {
    const syllables = pinyinOfNormalisedName("单田芳");
    expect(syllables).toEqual(["shan", "tian", "fang"]);
    expect(initialsOfSyllables(syllables)).toBe("stf");
  });

  it("gives no initials for no syllables", () => {
    expect(initialsOfSyllables([])).toBe("");
  });
});
