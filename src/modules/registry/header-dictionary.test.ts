import { describe, expect, it } from "vitest";
import { mappingOf, normaliseHeader, proposeMapping } from "./header-dictionary.ts";
import type { SourceType, StandardField } from "./model.ts";

/** The headers of the six departments' extracts as the synthetic city writes them (src/modules/synth/extracts). */
const DEPARTMENT_HEADERS: ReadonlyArray<[SourceType, string[], Record<string, StandardField>]> = [
  [
    "hukou",
    ["户号", "公民身份号码", "姓名", "性别", "民族", "出生日期", "与户主关系", "住址", "行政区划代码"],
    { 公民身份号码: "id_number", 姓名: "name", 性别: "sex", 出生日期: "birth_date", 住址: "address", 行政区划代码: "division_code" },
  ],
  [
    "marriage",
    ["登记机关", "登记日期", "结婚证字号", "男方姓名", "男方证件号码", "男方出生日期", "男方户籍地址", "女方姓名", "女方证件号码", "女方出生日期", "女方户籍地址"],
    {
      登记机关: "facility",
      登记日期: "event_date",
      结婚证字号: "source_id",
      男方姓名: "name",
      男方证件号码: "id_number",
      男方出生日期: "birth_date",
      女方姓名: "spouse_name",
      女方证件号码: "spouse_id_number",
      女方出生日期: "spouse_birth_date",
    },
  ],
  [
    "delivery",
    ["医疗机构", "住院号", "产妇姓名", "产妇身份证号", "产妇年龄", "现住址", "丈夫姓名", "分娩日期", "孕周", "胎次", "胎数", "新生儿性别", "出生体重(克)", "妊娠结局", "上报日期"],
    {
      医疗机构: "facility",
      住院号: "source_id",
      产妇姓名: "mother_name",
      产妇身份证号: "mother_id_number",
      现住址: "address",
      丈夫姓名: "father_name",
      分娩日期: "child_birth_date",
      胎次: "birth_order",
      胎数: "plurality",
      新生儿性别: "child_sex",
      上报日期: "event_date",
    },
  ],
  [
    "birth_cert",
    ["出生医学证明编号", "新生儿姓名", "性别", "出生日期", "出生孕周", "出生体重", "出生地点", "母亲姓名", "母亲年龄", "母亲民族", "母亲身份证件号码", "母亲住址", "父亲姓名", "父亲年龄", "父亲民族", "父亲身份证件号码", "签发日期", "签发机构"],
    {
      出生医学证明编号: "source_id",
      新生儿姓名: "child_name",
      性别: "child_sex",
      出生日期: "child_birth_date",
      出生地点: "facility",
      母亲姓名: "mother_name",
      母亲身份证件号码: "mother_id_number",
      父亲姓名: "father_name",
      父亲身份证件号码: "father_id_number",
      签发日期: "event_date",
    },
  ],
  [
    "newborn_reg",
    ["公民身份号码", "姓名", "性别", "民族", "出生日期", "出生地", "出生医学证明编号", "监护人一姓名", "监护人一公民身份号码", "监护人一关系", "监护人二姓名", "监护人二公民身份号码", "监护人二关系", "户号", "户籍地址", "登记日期", "登记单位"],
    {
      公民身份号码: "child_id_number",
      姓名: "child_name",
      性别: "child_sex",
      出生日期: "child_birth_date",
      监护人一姓名: "mother_name",
      监护人一公民身份号码: "mother_id_number",
      监护人二姓名: "father_name",
      监护人二公民身份号码: "father_id_number",
      户籍地址: "address",
      登记日期: "event_date",
      登记单位: "facility",
    },
  ],
  [
    "death",
    ["死者姓名", "性别", "民族", "证件类型", "证件号码", "出生日期", "死亡日期", "年龄", "死亡地点", "根本死因", "根本死因ICD编码", "户籍地址", "报告单位", "填报日期"],
    { 死者姓名: "name", 性别: "sex", 证件号码: "id_number", 出生日期: "birth_date", 死亡日期: "event_date", 户籍地址: "address", 填报日期: "registration_date" },
  ],
];

describe("built-in header dictionaries", () => {
  it.each(DEPARTMENT_HEADERS)("map every field of the %s extract", (sourceType, headers, expected) => {
    const proposal = proposeMapping(headers, sourceType);
    const mapped = Object.fromEntries(proposal.columns.filter((c) => c.field !== null).map((c) => [c.header, c.field]));
    expect(mapped).toEqual(expected);
    expect(proposal.problems).toEqual([]);
  });

  it.each([
    ["身份证号码（18位）", "身份证号码"],
    ["＊姓名", "姓名"],
    ["姓 名：", "姓名"],
    ["出生日期(YYYYMMDD)", "出生日期"],
    ["SFZH", "sfzh"],
  ])("compare %s as %s", (header, normalised) => {
    expect(normaliseHeader(header)).toBe(normalised);
  });

  it("keeps unmapped columns unmapped", () => {
    const proposal = proposeMapping(["姓名", "身份证号", "出生日期", "性别", "备注"], "hukou");
    expect(proposal.columns[4]).toMatchObject({ header: "备注", field: null, how: "unmapped" });
  });
});

describe("proposeMapping with overrides", () => {
  const headers = ["XM", "证件", "CSRQ", "XB", "本人电话"];

  it("maps a header the dictionary does not know", () => {
    const proposal = proposeMapping(headers, "hukou", ["证件=id_number", "本人电话=phone"]);
    expect(mappingOf(proposal)).toEqual(["name", "id_number", "birth_date", "sex", "phone"]);
    expect(proposal.problems).toEqual([]);
  });

  it("ignores a column mapped to nothing", () => {
    const proposal = proposeMapping(["姓名", "身份证号", "出生日期", "性别"], "hukou", ["性别=-"]);
    expect(proposal.columns[3]).toMatchObject({ field: null, how: "ignored" });
    expect(proposal.problems.map((p) => [p.code, p.detail])).toEqual([["required_field_unmapped", "sex"]]);
  });

  it.each([
    [["XM=nom"], "mapping_unknown_field"],
    [["没有这列=name"], "mapping_unknown_header"],
    [["XM=name", "证件=name"], "mapping_field_twice"],
    [["noequals"], "mapping_unknown_header"],
  ])("reports %j as %s", (overrides, code) => {
    expect(proposeMapping(headers, "hukou", overrides).problems.map((p) => p.code)).toContain(code);
  });

  it("lets the dictionary's first-ranked header keep a field two columns claim", () => {
    const proposal = proposeMapping(["填报日期", "出院日期"], "delivery");
    expect(mappingOf(proposal)).toEqual([null, "event_date"]);
  });

  it("requires the full identity for hukou and some identity elsewhere", () => {
    expect(proposeMapping(["姓名"], "hukou").missingRequired).toEqual(["id_number", "birth_date", "sex"]);
    expect(proposeMapping(["分娩日期"], "delivery").problems.map((p) => p.code)).toEqual(["required_field_unmapped"]);
    expect(proposeMapping(["产妇姓名"], "delivery").problems).toEqual([]);
  });
});
