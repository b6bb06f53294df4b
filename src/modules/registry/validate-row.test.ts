import { describe, expect, it } from "vitest";
import type { IsoDate } from "../../kernel/dates.ts";
import { mappingOf, proposeMapping } from "./header-dictionary.ts";
import { severityOf } from "./import-codes.ts";
import type { SourceType } from "./model.ts";
import { createRowValidator, maskCell, normalisePhone, planRows, UNKNOWN_REGION } from "./validate-row.ts";

const AS_OF = "2024-06-30" as IsoDate;
const KNOWN = new Set(["370406101", "370406", "3704"]);

/** Validates one row given as header → cell. */
function check(sourceType: SourceType, row: Record<string, string>, padShortRows = false) {
  const headers = Object.keys(row);
  const mapping = mappingOf(proposeMapping(headers, sourceType));
  const validate = createRowValidator(planRows(headers, mapping, sourceType, padShortRows), { asOf: AS_OF, isKnownDivision: (code) => KNOWN.has(code) });
  return validate(Object.values(row));
}
const codes = (outcome: ReturnType<typeof check>) => outcome.issues.map((issue) => issue.code).sort();

const HUKOU = { 姓名: "张伟", 公民身份号码: "370402198506150028", 出生日期: "1985-06-15", 性别: "女", 行政区划代码: "370406101" };

describe("hukou rows (the reference registry)", () => {
  it("accepts a complete, consistent row and derives the mention's features", () => {
    const outcome = check("hukou", HUKOU);
    expect(outcome.issues).toEqual([]);
    expect(outcome.rejected).toBe(false);
    expect(outcome.record).toMatchObject({ regionCode: "370406", divisionCode: "370406101" });
    expect(outcome.persons).toEqual([
      {
        role: "subject",
        nameNorm: "张伟",
        namePinyin: "zhang wei",
        initials: "zw",
        surname: "张",
        birthDate: "1985-06-15",
        sex: "female",
        idNumber: "370402198506150028",
        idValid: true,
        phone: null,
      },
    ]);
  });

  it.each([
    ["a missing name", { 姓名: "" }, ["name_missing"]],
    ["a missing ID number", { 公民身份号码: "" }, ["id_missing"]],
    ["an ID number with a wrong check character", { 公民身份号码: "370402198506150027" }, ["id_invalid"]],
    ["a missing birth date", { 出生日期: "" }, ["birth_date_missing"]],
    ["a missing sex", { 性别: "" }, ["sex_missing"]],
    ["a birth date that disagrees with the ID", { 出生日期: "1985-06-16" }, ["id_birth_date_mismatch"]],
    ["a sex that disagrees with the ID", { 性别: "男" }, ["id_sex_mismatch"]],
    ["an unreadable birth date", { 出生日期: "六月十五" }, ["date_unparseable"]],
    ["an impossible birth date", { 出生日期: "1985-02-30" }, ["date_impossible"]],
    ["a birth date in the future", { 出生日期: "2030-01-01", 公民身份号码: "" }, ["date_in_future", "id_missing"]],
    ["an unrecognised sex", { 性别: "X" }, ["sex_unrecognised"]],
    ["neither name nor ID", { 姓名: "", 公民身份号码: "" }, ["id_missing", "name_missing", "no_identity"]],
  ])("rejects %s", (_case, change, expected) => {
    const outcome = check("hukou", { ...HUKOU, ...change });
    expect(codes(outcome)).toEqual(expected);
    expect(outcome.rejected).toBe(true);
  });

  it.each([
    ["an unknown division code", { 行政区划代码: "370499101" }, ["division_unknown"]],
    ["a malformed division code", { 行政区划代码: "37A" }, ["division_code_invalid"]],
  ])("stores a row with %s, flagged", (_case, change, expected) => {
    const outcome = check("hukou", { ...HUKOU, ...change });
    expect(codes(outcome)).toEqual(expected);
    expect(outcome.rejected).toBe(false);
  });

  it("accepts a legacy 15-digit ID, full-width digits and a compact date, normalised", () => {
    const outcome = check("hukou", { ...HUKOU, 公民身份号码: "３７０４０２８５０６１５００２", 出生日期: "19850615" });
    expect(outcome.issues).toEqual([]);
    expect(outcome.persons[0]).toMatchObject({ idNumber: "370402198506150028", birthDate: "1985-06-15" });
  });

  it("files a row without a known county under the fallback region, or under the ID's county", () => {
    expect(check("hukou", { ...HUKOU, 行政区划代码: "" }).record.regionCode).toBe("370402");
    expect(check("persons", { 姓名: "张伟" }).record.regionCode).toBe(UNKNOWN_REGION);
  });
});

const DELIVERY = {
  产妇姓名: "李娜",
  产妇身份证号: "370402198506150028",
  分娩日期: "2023/5/3",
  新生儿性别: "1",
  上报日期: "2023-05-10",
};

describe("event rows", () => {
  it("stores a delivery with a mother and a child mention", () => {
    const outcome = check("delivery", DELIVERY);
    expect(outcome.issues).toEqual([]);
    expect(outcome.persons.map((person) => [person.role, person.birthDate, person.sex])).toEqual([
      ["mother", "1985-06-15", "female"],
      ["child", "2023-05-03", "male"],
    ]);
    expect(outcome.record.eventDate).toBe("2023-05-10");
  });

  it.each([
    ["a mistyped ID", { 产妇身份证号: "370402198506150027" }, ["id_invalid"]],
    ["a missing ID", { 产妇身份证号: "" }, ["id_missing"]],
    ["a missing record date", { 上报日期: "" }, ["event_date_missing"]],
    ["a mother aged 62 at the birth", { 产妇身份证号: "370402196101010028" }, ["parent_age_implausible"]],
  ])("stores a delivery with %s, flagged as a warning", (_case, change, expected) => {
    const outcome = check("delivery", { ...DELIVERY, ...change });
    expect(codes(outcome)).toEqual(expected);
    expect(outcome.rejected).toBe(false);
  });

  it.each([
    ["a child born after the record date", "delivery", { ...DELIVERY, 分娩日期: "2023-05-11" }, ["birth_after_event"]],
    ["an impossible record date", "delivery", { ...DELIVERY, 上报日期: "2023-13-01" }, ["date_impossible"]],
    ["a record date in the future", "delivery", { ...DELIVERY, 上报日期: "2031-01-01" }, ["date_in_future"]],
    ["an unrecognised child sex", "delivery", { ...DELIVERY, 新生儿性别: "?" }, ["sex_unrecognised"]],
    ["a death before birth", "death", { 死者姓名: "王强", 出生日期: "1950-01-01", 死亡日期: "1949年12月31日" }, ["death_before_birth"]],
    ["a death registered before it happened", "death", { 死者姓名: "王强", 死亡日期: "2020-01-05", 填报日期: "2020-01-04" }, ["registered_before_event"]],
    ["no identity at all", "birth_cert", { 新生儿姓名: "", 性别: "女", 签发日期: "2020-01-01" }, ["no_identity"]],
  ])("rejects %s", (_case, sourceType, row, expected) => {
    const outcome = check(sourceType as SourceType, row);
    expect(codes(outcome)).toEqual(expected);
    expect(outcome.rejected).toBe(true);
  });

  it("warns about a party below the legal marriage age", () => {
    const outcome = check("marriage", { 登记日期: "2005-01-01", 男方姓名: "赵一", 男方证件号码: "37040219850615001X", 女方姓名: "钱二" });
    expect(codes(outcome)).toEqual(["marriage_under_legal_age"]);
    expect(outcome.rejected).toBe(false);
  });
});

describe("row shape", () => {
  it("rejects a row whose cell count differs from the header", () => {
    const headers = ["姓名", "身份证号", "出生日期", "性别"];
    const validate = createRowValidator(planRows(headers, mappingOf(proposeMapping(headers, "hukou")), "hukou", false), {
      asOf: AS_OF,
      isKnownDivision: () => true,
    });
    expect(validate(["张伟", "370402198506150028"]).issues.map((issue) => issue.code)).toEqual(["column_count"]);
    expect(validate(["张伟", "370402198506150028", "1985-06-15", "女", ""]).issues).toEqual([]);
  });
});

describe("severity", () => {
  it("makes ID problems errors in hukou and warnings in event sources", () => {
    expect(severityOf("id_invalid", "hukou")).toBe("error");
    expect(severityOf("id_invalid", "death")).toBe("warning");
  });
});

describe("normalisePhone and maskCell", () => {
  it.each([
    ["138-1234-5678", "13812345678"],
    ["+86 138 1234 5678", "13812345678"],
    ["0632-1234567", "06321234567"],
    ["12345", undefined],
  ])("normalises %s", (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  it.each([
    ["name", "欧阳娜娜", "欧***"],
    ["mother_id_number", "370402198506150028", "3704**********0028"],
    ["phone", "13812345678", "138****5678"],
    [null, "370402198506150028", "3704**********0028"],
    [null, "汉族", "汉族"],
  ] as const)("masks a %s cell", (field, value, expected) => {
    expect(maskCell(field, value)).toBe(expected);
  });
});
