import { describe, expect, it } from "vitest";
import {
  ancestorsOf,
  countyOf,
  DIVISION_CODE_MESSAGES,
  isWithinJurisdiction,
  levelOf,
  parseDivisionCode,
  townshipKind,
  type DivisionCode,
  type TownshipCode,
} from "./divisions.ts";

function parsedCode(raw: string): DivisionCode {
  const parsed = parseDivisionCode(raw);
  if (!parsed.ok) throw new Error(`test fixture ${raw} does not parse: ${parsed.reason}`);
  return parsed.value.code;
}

describe("parseDivisionCode", () => {
  it.each([
    ["37", "province", "37", undefined],
    ["3704", "city", "3704", "37"],
    ["370406", "county", "370406", "3704"],
    ["370406101", "township", "370406101", "370406"],
    ["370406101001", "village", "370406101001", "370406101"],
  ] as const)("reads %s as a %s", (raw, level, code, parentCode) => {
    expect(parseDivisionCode(raw)).toEqual({ ok: true, value: { level, code, parentCode } });
  });

  it.each([
    ["370406000000", "county", "370406"],
    ["370406101000", "township", "370406101"],
    ["370400000000", "city", "3704"],
    ["370000000000", "province", "37"],
    ["370400", "city", "3704"],
    ["370000", "province", "37"],
    ["370406000", "county", "370406"],
    ["3700", "province", "37"],
  ] as const)("reads the zero-padded code %s as the %s %s", (raw, level, code) => {
    const parsed = parseDivisionCode(raw);
    expect(parsed.ok && parsed.value.level).toBe(level);
    expect(parsed.ok && parsed.value.code).toBe(code);
  });

  it("keeps an inner zero county segment, as in 东莞市's townships (441900003)", () => {
    const parsed = parseDivisionCode("441900003000");
    expect(parsed.ok && parsed.value).toEqual({ level: "township", code: "441900003", parentCode: "441900" });
  });

  it("ignores surrounding whitespace", () => {
    expect(parseDivisionCode(" 370406\t").ok && parsedCode("370406")).toBe("370406");
  });

  it.each([
    ["", "division_code_empty"],
    ["   ", "division_code_empty"],
    ["3704O6", "division_code_not_digits"],
    ["３７０４", "division_code_not_digits"],
    ["-3704", "division_code_not_digits"],
    ["3", "division_code_bad_length"],
    ["37040", "division_code_bad_length"],
    ["3704061", "division_code_bad_length"],
    ["3704061010", "division_code_bad_length"],
    ["3704061010011", "division_code_bad_length"],
    ["00", "division_code_zero_province"],
    ["000000000000", "division_code_zero_province"],
  ] as const)("rejects %j with %s", (raw, reason) => {
    const parsed = parseDivisionCode(raw);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toBe(reason);
  });

  it("has a Chinese and an English message for every reason", () => {
    for (const message of Object.values(DIVISION_CODE_MESSAGES)) {
      expect(message.zh).not.toBe("");
      expect(message.en).not.toBe("");
    }
  });
});

describe("levelOf", () => {
  it.each([
    ["37", "province"],
    ["3704", "city"],
    ["370406", "county"],
    ["370406101", "township"],
    ["370406101001", "village"],
  ] as const)("gives %s the level %s", (raw, level) => {
    expect(levelOf(parsedCode(raw))).toBe(level);
  });
});

describe("townshipKind", () => {
  it.each([
    ["370402001", "subdistrict"],
    ["370402099", "subdistrict"],
    ["370406101", "town"],
    ["370481199", "town"],
    ["150102200", "township"],
    ["411303399", "township"],
    ["110115400", "development_zone"],
    ["120113599", "development_zone"],
    ["370406000", "other"],
    ["370406600", "other"],
    ["370406999", "other"],
  ] as const)("classifies %s as %s", (code, kind) => {
    expect(townshipKind(code as TownshipCode)).toBe(kind);
  });

  it("reads the township segment of a village code", () => {
    expect(townshipKind(parsedCode("370406101001") as TownshipCode)).toBe("town");
  });
});

describe("ancestorsOf", () => {
  it.each([
    ["37", []],
    ["3704", ["37"]],
    ["370406", ["3704", "37"]],
    ["370406101", ["370406", "3704", "37"]],
    ["370406101001", ["370406101", "370406", "3704", "37"]],
  ] as const)("lists the ancestors of %s nearest first", (raw, ancestors) => {
    expect(ancestorsOf(parsedCode(raw))).toEqual(ancestors);
  });
});

describe("isWithinJurisdiction", () => {
  it.each([
    ["370406101", "3704", true],
    ["370406101001", "370406", true],
    ["370406101", "37", true],
    ["370406", "370406", true],
    ["370406101", "370406101", true],
    ["370406101", "370400", true],
    ["370406101", "370400000000", true],
    ["370406000000", "370406", true],
    ["370481105", "370406", false],
    ["370406", "370406101", false],
    ["3704", "370406", false],
    ["440406101", "37", false],
    ["3704061", "3704", false],
    ["370406101", "37040", false],
    ["370406101", "3", false],
    ["370406101", "", false],
    ["370406101", "00", false],
  ] as const)("%s within %j is %s", (code, jurisdiction, expected) => {
    expect(isWithinJurisdiction(code, jurisdiction)).toBe(expected);
  });
});

describe("countyOf", () => {
  it.each([
    ["370406", "370406"],
    ["370406101", "370406"],
    ["370406101001", "370406"],
    ["3704", undefined],
    ["37", undefined],
  ] as const)("gives %s the county %s", (raw, county) => {
    expect(countyOf(parsedCode(raw))).toBe(county);
  });
});
