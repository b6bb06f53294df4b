import { describe, expect, it } from "vitest";
import { residenceOf } from "./residence.ts";

describe("residence from the township code", () => {
  it.each([
    ["370402001", "urban"], // 中心街街道
    ["370406101", "rural"], // 店子镇
    ["370406201", "rural"], // a 乡
    ["370481400", "unknown"], // a development zone
    ["370406", "unknown"], // county only
    ["", "unknown"],
  ])("%s is %s", (code, expected) => {
    expect(residenceOf(code)).toBe(expected);
  });
});
