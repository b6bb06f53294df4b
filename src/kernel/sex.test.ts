import { describe, expect, it } from "vitest";
import { parseResidentId, type ResidentId } from "./resident-id.ts";
import { SEXES, checkSexAgainstResidentId, parseSex, toGbCode, type Sex } from "./sex.ts";

describe("parseSex", () => {
  it.each([
    ["0", "unknown"],
    ["1", "male"],
    ["2", "female"],
    ["9", "unspecified"],
    ["１", "male"],
    ["２", "female"],
    ["男", "male"],
    ["女", "female"],
    ["男性", "male"],
    ["女性", "female"],
    ["未知", "unknown"],
    ["未知的性别", "unknown"],
    ["未说明", "unspecified"],
    ["未说明的性别", "unspecified"],
    ["未說明的性別", "unspecified"],
    ["M", "male"],
    ["m", "male"],
    ["F", "female"],
    ["f", "female"],
    ["male", "male"],
    ["MALE", "male"],
    ["Female", "female"],
    ["Ｍ", "male"],
    ["ｆｅｍａｌｅ", "female"],
    [" 男 ", "male"],
    ["\u3000女\u3000", "female"],
  ])("reads %j as %s", (raw, expected) => {
    expect(parseSex(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["", "  ", "\u3000"])("rejects %j as empty", (raw) => {
    expect(parseSex(raw)).toMatchObject({ ok: false, reason: "empty" });
  });

  it.each(["3", "10", "01", "x", "u", "man", "woman", "男女", "男的", "?", "-", "1.5"])(
    "rejects %j as unrecognised_sex",
    (raw) => {
      expect(parseSex(raw)).toMatchObject({ ok: false, reason: "unrecognised_sex" });
    },
  );
});

describe("toGbCode", () => {
  it.each([
    ["unknown", "0"],
    ["male", "1"],
    ["female", "2"],
    ["unspecified", "9"],
  ] as const)("codes %s as %s", (sex, code) => {
    expect(toGbCode(sex)).toBe(code);
  });

  it.each([...SEXES])("round-trips %s through its code", (sex: Sex) => {
    expect(parseSex(toGbCode(sex))).toEqual({ ok: true, value: sex });
  });
});

describe("checkSexAgainstResidentId", () => {
  const parse = (raw: string): ResidentId => {
    const result = parseResidentId(raw);
    if (!result.ok) throw new Error(`fixture ${raw} is invalid: ${result.reason}`);
    return result.value;
  };
  const idOf = { woman: parse("11010519491231002X"), man: parse("440524188001010014") };

  it.each([
    ["female", "woman", "agree"],
    ["male", "man", "agree"],
    ["male", "woman", "disagree"],
    ["female", "man", "disagree"],
    ["unknown", "woman", "not_comparable"],
    ["unspecified", "man", "not_comparable"],
  ] as const)("finds recorded sex %s against the ID of a %s: %s", (sex, holder, expected) => {
    expect(checkSexAgainstResidentId(sex, idOf[holder])).toBe(expected);
  });
});
