import { describe, expect, it } from "vitest";
import { maskMiddle, maskName, maskPhone } from "./masking.ts";

describe("maskMiddle", () => {
  it.each([
    ["abcdefgh", 2, 3, "ab***fgh"],
    ["abcdef", 3, 3, "******"],
    ["abcdefg", 3, 3, "abc*efg"],
    ["abc", 0, 1, "**c"],
    ["abc", 1, 0, "a**"],
    ["", 3, 4, ""],
    ["𠮷𠮷𠮷𠮷", 1, 1, "𠮷**𠮷"],
  ])("masks %j keeping %d + %d as %j", (value, keepStart, keepEnd, expected) => {
    expect(maskMiddle(value, keepStart, keepEnd)).toBe(expected);
  });
});

describe("maskName", () => {
  it.each([
    ["张伟", "张*"],
    ["张三丰", "张**"],
    ["欧阳娜娜", "欧***"],
    ["阿依古丽·买买提", "阿*******"],
    ["王", "*"],
    ["", ""],
    [" 张伟 ", "张*"],
    ["𠮷野", "𠮷*"],
    ["张𠮷", "张*"],
    ["ZHANGWEI", "Z*******"],
  ])("masks %j as %j", (name, expected) => {
    expect(maskName(name)).toBe(expected);
  });
});

describe("maskPhone", () => {
  it.each([
    ["13812341234", "138****1234"],
    ["138 1234 1234", "138****1234"],
    ["138-1234-1234", "138****1234"],
    ["１３８１２３４１２３４", "138****1234"],
    ["0632-3312345", "063****2345"],
    ["(0632)3312345", "063****2345"],
    ["+8613812341234", "+86*******1234"],
    ["1234567", "*******"],
    ["12345", "*****"],
    ["", ""],
  ])("masks %j as %j", (phone, expected) => {
    expect(maskPhone(phone)).toBe(expected);
  });
});
