import { describe, expect, it } from "vitest";
import { computeFieldFeatures, normaliseDate } from "./field-features.ts";

describe("computeFieldFeatures", () => {
  it.each([
    ["zh_name", "欧阳 明华", { norm: "欧阳明华", pinyin: "ouyangminghua", initials: "oymh", surname: "欧阳" }],
    ["zh_name", "曾伟", { pinyin: "zengwei", surname: "曾" }],
    ["zh_name", "張偉", { norm: "张伟" }],
    ["name", "  O'Brien ", { raw: "o'brien", norm: "o brien" }],
    ["resident_id", "370402850615002", { norm: "370402198506150028", birth: "19850615" }],
    ["resident_id", "37040219850615002Y", { norm: "37040219850615002Y", birth: "19850615", valid: null }],
    ["resident_id", "11010519491231002X", { norm: "11010519491231002X", valid: "1" }],
    ["address", "滕州市级索镇 小冯屯村２７９号", { norm: "滕州市级索镇小冯屯村279号", place: "滕州市级索镇小冯屯村" }],
    ["address", "市中区光明路街道3-2号", { place: "市中区光明路街道" }],
    ["address", "滕州市", { norm: "滕州市", place: "滕州市" }],
    ["identifier", "ab-12 3", { norm: "AB123" }],
    ["phone", "+86 138 1234 5678", { norm: "13812345678", last8: "12345678" }],
    ["sex", "女", { norm: "2" }],
    ["division_code", "３７０４０６", { norm: "370406" }],
  ] as const)("%s %s", (type, raw, expected) => {
    expect(computeFieldFeatures(type, raw)).toMatchObject(expected);
  });

  it("gives no features for a blank value", () => {
    expect(computeFieldFeatures("name", "   ")).toEqual({});
  });
});

describe("normaliseDate", () => {
  it.each([
    ["19800615", { norm: "19800615", iso: "1980-06-15" }],
    ["1980-6-5", { norm: "19800605", iso: "1980-06-05" }],
    ["1980年6月5日", { norm: "19800605", iso: "1980-06-05" }],
    ["19800231", { norm: "19800231", iso: null }],
  ])("reads %s, keeping impossible dates as digits", (raw, expected) => {
    expect(normaliseDate(raw)).toEqual(expected);
  });
});
