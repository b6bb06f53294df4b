import { describe, expect, it } from "vitest";
import { isStandardField, STANDARD_FIELDS, splitPersonField, type StandardField } from "../../../src/modules/registry/model.ts";
import { proposeMapping } from "../../../src/modules/registry/header-dictionary.ts";
import { chooseField, fieldLabelParts, parseMapStrings, toMapStrings, type DictionaryMapping } from "./column-mapping.ts";

const headers = ["姓名", "公民身份号码", "出生日期", "性别", "备注", "a=b"];
const dictionary: DictionaryMapping = { 姓名: "name", 公民身份号码: "id_number", 出生日期: "birth_date", 性别: "sex", 备注: null, "a=b": null };

describe("toMapStrings", () => {
  it("writes HEADER=field for a chosen field and HEADER=- for an ignored column, in the file's column order", () => {
    expect(toMapStrings({ 备注: "address", 性别: null }, headers)).toEqual(["性别=-", "备注=address"]);
  });

  it("writes nothing when no column was chosen by hand", () => {
    expect(toMapStrings({}, headers)).toEqual([]);
  });
});

describe("parseMapStrings", () => {
  it("round-trips the choices, including a header that contains an equals sign", () => {
    const choices = { "a=b": "phone", 备注: null } as const;
    expect(parseMapStrings(toMapStrings(choices, headers), isStandardField)).toEqual(choices);
  });

  it("reads HEADER= as ignore and skips strings without a header or with an unknown field", () => {
    expect(parseMapStrings(["备注=", "=name", "姓名=nickname"], isStandardField)).toEqual({ 备注: null });
  });
});

describe("chooseField", () => {
  it("records a choice that differs from the dictionary", () => {
    expect(chooseField({}, dictionary, "备注", "address")).toEqual({ 备注: "address" });
  });

  it("drops the override when the user picks what the dictionary gives anyway", () => {
    expect(chooseField({ 姓名: null }, dictionary, "姓名", "name")).toEqual({});
  });

  it("records ignoring a column the dictionary maps", () => {
    expect(chooseField({}, dictionary, "性别", null)).toEqual({ 性别: null });
  });

  it("moves a field from the override that held it, so no two overrides name one field", () => {
    expect(chooseField({ 备注: "phone", 性别: null }, dictionary, "a=b", "phone")).toEqual({ 性别: null, "a=b": "phone" });
  });

  it("gives overrides the server accepts: the chosen column wins a field the dictionary gave another column", () => {
    const choices = chooseField({}, dictionary, "备注", "name");
    const proposal = proposeMapping(headers, "hukou", toMapStrings(choices, headers));
    expect(proposal.problems).toEqual([]);
    expect(proposal.columns.find((column) => column.header === "备注")).toMatchObject({ field: "name", how: "override" });
    expect(proposal.columns.find((column) => column.header === "姓名")?.field).toBeNull();
  });
});

describe("fieldLabelParts", () => {
  it.each(STANDARD_FIELDS.map((field) => [field]))("splits %s as the server does", (field: StandardField) => {
    const server = splitPersonField(field);
    const parts = fieldLabelParts(field);
    if (server === undefined || server.role === "subject") expect(parts).toEqual({ role: undefined, base: field });
    else expect(parts).toEqual({ role: server.role, base: server.field });
  });
});
