import { describe, expect, it } from "vitest";
import { COMPOUND_SURNAMES, splitNormalisedName, splitSurname } from "./name-surname.ts";

describe("splitSurname", () => {
  it.each([
    ["张伟", "张", "伟"],
    ["李长江", "李", "长江"],
    ["王", "王", ""],
    ["张杨帆", "张", "杨帆"],
    ["欧阳娜娜", "欧阳", "娜娜"],
    ["司马光", "司马", "光"],
    ["诸葛亮", "诸葛", "亮"],
    ["上官婉儿", "上官", "婉儿"],
    ["万俟卨", "万俟", "卨"],
    ["尉迟恭", "尉迟", "恭"],
    ["长孙无忌", "长孙", "无忌"],
    ["钟离春", "钟离", "春"],
    ["钟离", "钟", "离"],
    ["欧阳", "欧", "阳"],
    ["单于飞", "单", "于飞"],
    ["歐陽娜娜", "欧阳", "娜娜"],
    ["欧 阳娜娜", "欧阳", "娜娜"],
    ["𠮷野家", "𠮷", "野家"],
  ])("splits %s into %s + %s", (name, surname, given) => {
    expect(splitSurname(name)).toEqual({ surname, given });
  });

  it.each([
    ["阿依古丽·买买提", "阿依古丽·买买提"],
    ["阿依古丽•买买提", "阿依古丽·买买提"],
    ["ZHANG WEI", "ZHANGWEI"],
    ["", ""],
  ])("gives %j no surname and the whole name %j as given name", (name, given) => {
    expect(splitSurname(name)).toEqual({ surname: "", given });
  });

  it("recognises every listed compound surname before a given name", () => {
    const misread = [...COMPOUND_SURNAMES].filter((surname) => splitSurname(`${surname}明`).surname !== surname);
    expect(misread).toEqual([]);
  });

  it("lists only two-character surnames", () => {
    expect([...COMPOUND_SURNAMES].filter((surname) => Array.from(surname).length !== 2)).toEqual([]);
  });
});

describe("splitNormalisedName", () => {
  it("splits without normalising again", () => {
    expect(splitNormalisedName("欧阳娜娜")).toEqual({ surname: "欧阳", given: "娜娜" });
  });
});
