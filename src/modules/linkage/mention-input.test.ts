import { describe, expect, it } from "vitest";
import { computeFieldFeatures } from "./field-features.ts";
import { featuresOf } from "./prepare-link-input.ts";
import { fileMentionUnder, formatMentionKey, mentionFieldSpecs, parseMentionKey, prepareMentionInput, sharedDivision, type MentionRow } from "./mention-input.ts";

const mention = (overrides: Partial<MentionRow> = {}): MentionRow => ({
  regionCode: "370406",
  batchId: 7,
  rowNumber: 2,
  role: "subject",
  sourceType: "hukou",
  nameNorm: "张伟",
  sex: "male",
  birthDate: "1990-07-07",
  idNumber: "370406199007070319",
  divisionCode: "370406101",
  phone: null,
  partnerName: null,
  ...overrides,
});

describe("prepareMentionInput", () => {
  it("gives each mention its key as record id and the CLI's features for each chosen field", async () => {
    const result = await prepareMentionInput([mention(), mention({ rowNumber: 3, role: "mother", nameNorm: "李秀英", sex: "female" })], ["name", "sex", "birth_date", "id_number"]);
    if (!result.ok) throw new Error(result.en);
    expect(result.value.fields).toEqual(mentionFieldSpecs(["name", "sex", "birth_date", "id_number"]));
    expect(result.value.fields.map((f) => f.type)).toEqual(["zh_name", "sex", "date", "resident_id"]);
    expect(result.value.recordIds).toEqual(["370406:7:2:subject", "370406:7:3:mother"]);
    expect(featuresOf(result.value, 0, 0)).toEqual(computeFieldFeatures("zh_name", "张伟"));
    expect(featuresOf(result.value, 0, 2)).toEqual(computeFieldFeatures("date", "1990-07-07"));
    expect(result.value).toMatchObject({ leftCount: 2, rightCount: 0 });
  });

  it.each([
    ["male", "1"],
    ["female", "2"],
    ["unknown", null],
    ["unspecified", null],
  ] as const)("reads the stored sex %s as the comparison's code %s", async (sex, code) => {
    const result = await prepareMentionInput([mention({ sex }), mention({ rowNumber: 3, sex: "male" })], ["sex"]);
    if (!result.ok) throw new Error(result.en);
    expect(featuresOf(result.value, 0, 0).norm ?? null).toBe(code);
  });

  it("drops a feature no mention has, with the CLI's warning", async () => {
    const result = await prepareMentionInput([mention(), mention({ rowNumber: 3 })], ["name", "phone"]);
    if (!result.ok) throw new Error(result.en);
    expect(result.value.fields.map((f) => f.name)).toEqual(["name"]);
    expect(result.value.warnings).toEqual([expect.objectContaining({ code: "field_all_null" })]);
  });

  it("fails when every chosen feature is empty", async () => {
    const result = await prepareMentionInput([mention({ phone: null }), mention({ rowNumber: 3 })], ["phone"]);
    expect(result).toMatchObject({ ok: false, reason: "no_usable_field" });
  });
});

describe("mention keys", () => {
  it("round-trips a key", () => {
    const key = { regionCode: "000000", batchId: 12, rowNumber: 5000, role: "child" } as const;
    expect(parseMentionKey(formatMentionKey(key))).toEqual(key);
  });
});

describe("fileMentionUnder", () => {
  it.each([
    ["370406", "370406101", "370406101"],
    ["370406", "370406101001", "370406101001"],
    ["370406", "370406", "370406"],
    ["370406", "370481001", "370406"],
    ["370406", "3704061", "370406"],
    ["370406", null, "370406"],
    ["000000", "370406101", null],
  ] as const)("files a mention of county %s with division %s under %s", (regionCode, divisionCode, expected) => {
    expect(fileMentionUnder({ regionCode, divisionCode })).toBe(expected);
  });
});

describe("sharedDivision", () => {
  it.each([
    ["370406101", "370406101", "370406101"],
    ["370406101", "370406102", "370406"],
    ["370406101", "370406", "370406"],
    ["370406101", "370481001", "3704"],
    ["370406101", "370506001", "37"],
    ["370406101", "440106001", null],
    ["370406101", null, null],
  ] as const)("the division holding %s and %s is %s", (a, b, expected) => {
    expect(sharedDivision(a, b)).toBe(expected);
  });
});
