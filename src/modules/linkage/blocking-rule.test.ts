import { describe, expect, it } from "vitest";
import { chooseDefaultBlockingTerms, parseBlockingRule, type BlockingKey } from "./blocking-rule.ts";
import type { FieldSpec } from "./model.ts";

const FIELDS: FieldSpec[] = [
  { name: "姓名", leftColumn: "姓名", rightColumn: "姓名", type: "zh_name" },
  { name: "身份证号", leftColumn: "身份证号", rightColumn: "公民身份号码", type: "resident_id" },
  { name: "出生日期", leftColumn: "出生日期", rightColumn: "出生日期", type: "date" },
  { name: "性别", leftColumn: "性别", rightColumn: "性别", type: "sex" },
  { name: "postcode", leftColumn: "postcode", rightColumn: "postcode", type: "code" },
];

describe("parseBlockingRule", () => {
  it.each([
    ["身份证号", ["1.norm"]],
    ["公民身份号码", ["1.norm"]],
    ["pinyin(姓名) & year(出生日期)", ["0.pinyin", "2.norm[:4]"]],
    ["initials(姓名)&birth(身份证号)", ["0.initials", "1.birth"]],
    ["surname(姓名) & prefix(postcode, 3)", ["0.surname", "4.norm[:3]"]],
  ])("reads %s", (text, keys) => {
    const rule = parseBlockingRule(text, FIELDS);
    const describe = (k: BlockingKey) => `${k.fieldIndex}.${k.feature}${k.prefixLength === undefined ? "" : `[:${k.prefixLength}]`}`;
    expect(rule.ok && rule.value.keys.map(describe)).toEqual(keys);
  });

  it.each([
    ["姓 名", "blocking_rule_unknown_field"],
    ["pinyin(postcode)", "blocking_rule_bad_transform"],
    ["prefix(postcode, 0)", "blocking_rule_bad_transform"],
    ["pinyin(姓名", "blocking_rule_syntax"],
  ])("rejects %s with %s", (text, reason) => {
    const rule = parseBlockingRule(text, FIELDS);
    expect(rule.ok ? "ok" : rule.reason).toBe(reason);
  });
});

describe("chooseDefaultBlockingTerms", () => {
  it("blocks on selective fields alone and pairs up the coarse ones, never on sex", async () => {
    const sizes: Record<string, number> = {
      "pinyin(姓名)": 5_000,
      身份证号: 10,
      出生日期: 900_000,
      postcode: 2_000_000,
      "出生日期 & postcode": 40,
    };
    const rules = await chooseDefaultBlockingTerms(FIELDS, async (text) => sizes[text] ?? Number.POSITIVE_INFINITY, 100_000);
    expect(rules).toEqual(["pinyin(姓名)", "身份证号", "出生日期 & postcode"]);
  });
});
