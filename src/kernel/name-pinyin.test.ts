import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  initialsOfSyllables,
  pinyinOfNormalisedName,
  readNameWithPinyinPro,
  toInitials,
  toPinyin,
  toPinyinSyllables,
} from "./name-pinyin.ts";
import { createSeededRandom, type RandomSource } from "./statistics/seeded-random.ts";

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

/** Names on which the per-character fast path and pinyin-pro on the whole name disagree (expected: none). */
function namesReadDifferently(names: Iterable<string>): string[] {
  const differences: string[] = [];
  for (const name of names) {
    const fast = pinyinOfNormalisedName(name).join(" ");
    const full = readNameWithPinyinPro(name).join(" ");
    if (fast !== full) differences.push(`${name}: ${fast} ≠ ${full}`);
  }
  return differences;
}

/** BMP blocks pinyin-pro has readings in: radicals, CJK symbols (〇 々), Extension A, unified and compatibility ideographs. */
const HAN_BLOCKS: readonly (readonly [number, number])[] = [
  [0x2e80, 0x2fdf],
  [0x3000, 0x303f],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

function* hanCharacters(): Generator<string> {
  for (const [from, to] of HAN_BLOCKS) {
    for (let code = from; code <= to; code++) yield String.fromCharCode(code);
  }
}

/**
 * Every word pinyin-pro segments names against (words of 2–5 characters, surnames, numeral rules). The
 * package exports its dist folder but types only its API, so the data module is parsed rather than typed.
 */
const PinyinProPatterns = z.object({ PatternsNormal: z.array(z.object({ zh: z.string(), pinyin: z.string() })) });

async function loadPinyinProDictionaryWords(): Promise<string[]> {
  const specifier: string = "pinyin-pro/dist/esm/data/patterns.mjs";
  const dataModule: unknown = await import(specifier);
  return PinyinProPatterns.parse(dataModule).PatternsNormal.map((pattern) => pattern.zh);
}

/** Surnames of DOMAIN.md §3 and the synthetic city, polyphonic and compound ones included. */
const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙朱马胡郭何高罗林郑梁谢宋唐韩许冯邓曹彭肖田董袁于潘蒋杜蔡余程魏叶吕丁苏任沈姚姜卢崔钟谭汪范陆金石廖贾夏付方韦邹白熊孟秦邱尹江薛闫侯段雷史龙陶顾贺黎郝毛邵龚钱武严戴孔向常汤莫房从",
  ..."曾单解区仇朴覃翟查盖乐缪尉员种万长",
  ..."欧阳 司马 诸葛 上官 皇甫 令狐 司徒 申屠 夏侯 慕容 尉迟 万俟 长孙 东方 南宫".split(" "),
];

/**
 * Given-name characters: the synthetic generators' most common ones, the polyphonic ones among them (长 乐 重
 * 行 朝 和 强 家 思 泽 红 传 盛 景 露 若 奇 硕), tone sandhi (一 不) and ü (吕 女 绿).
 */
const GIVEN_CHARACTERS = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华霞平刚桂兰玉萍红建国志文海春德成林永宝金荣凤梅雪莉婷欣怡浩宇子轩梓涵诺辰佳琪晨鑫鹏飞",
  ..."长乐重行朝和家思泽传盛景露若奇硕澄虹茜楷单曾解查区仇朴万",
  ..."一不了吕女绿中",
];

/** Middle dots, Latin letters, digits, rare characters, and characters some dictionary word reads otherwise. */
const OTHER_TOKENS = ["·", "WEI", "A", "2", "3", "𠮷", "々", "〇", "房", "从", "告"];

function pick<T>(random: RandomSource, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function drawName(random: RandomSource): string {
  const givenLength = 1 + Math.floor(random() * 3);
  let name = pick(random, SURNAMES);
  for (let i = 0; i < givenLength; i++) name += random() < 0.9 ? pick(random, GIVEN_CHARACTERS) : pick(random, OTHER_TOKENS);
  return name;
}

describe("pinyinOfNormalisedName reads like pinyin-pro on the whole name", () => {
  it("for every BMP Han character alone and after a surname", () => {
    const names: string[] = [];
    for (const character of hanCharacters()) names.push(character, `王${character}`);
    expect(namesReadDifferently(names)).toEqual([]);
  });

  it("for every pinyin-pro dictionary word read as a name, alone and with given-name characters around it", async () => {
    const words = await loadPinyinProDictionaryWords();
    expect(words.length).toBeGreaterThan(4000);
    expect(namesReadDifferently(words.flatMap((word) => [word, `${word}伟`, `张${word}`]))).toEqual([]);
  });

  it("for 20,000 seeded random names: a surname and one to three given-name characters or tokens", () => {
    const random = createSeededRandom(20240601);
    const names = Array.from({ length: 20_000 }, () => drawName(random));
    expect(namesReadDifferently(names)).toEqual([]);
  });

  it.each([
    ["傍若无人", "pang ruo wu ren"],
    ["阿房宫", "e pang gong"],
    ["房伟", "fang wei"],
    ["合从连衡", "he zong lian heng"],
    ["从容", "cong rong"],
    ["告朔饩羊", "gu shuo xi yang"],
    ["王告", "wang gao"],
  ])("reads a character as the dictionary word around it does: %s → %j", (name, expected) => {
    expect(pinyinOfNormalisedName(name).join(" ")).toBe(expected);
  });

  it.each([
    ["中", "zhong"],
    ["张中一", "zhang zhong yi"],
    ["一一", "yi yi"],
    ["王一不", "wang yi bu"],
    ["吕女绿", "lv nv lv"],
    ["艾力·买买提", "ai li mai mai ti"],
    ["王WEI2", "wang wei2"],
    ["张〇", "zhang ling"],
    ["𠮷伟", "𠮷 wei"],
    ["\ud842", ""],
  ])("reads %j as %j", (name, expected) => {
    expect(pinyinOfNormalisedName(name).join(" ")).toBe(expected);
  });
});
