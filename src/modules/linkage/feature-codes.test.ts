import { describe, expect, it } from "vitest";
import { codeFeature, MISSING } from "./feature-codes.ts";
import type { FieldSpec } from "./model.ts";
import { prepareLinkInput, type PreparedInput } from "./prepare-link-input.ts";

const FIELDS: FieldSpec[] = [{ name: "姓名", leftColumn: "姓名", rightColumn: "姓名", type: "zh_name" }];

function prepare(names: string[]): PreparedInput {
  const prepared = prepareLinkInput({ label: "x", idColumn: "id", header: ["id", "姓名"], rows: names.map((n, i) => [String(i), n]) }, undefined, FIELDS);
  if (!prepared.ok) throw new Error(prepared.en);
  return prepared.value;
}

/** Each record's code, so tests read in records rather than in distinct values. */
const byRecord = (input: PreparedInput, codes: Int32Array) => [...input.valueIndexes[0]!].map((j) => codes[j]);

describe("codeFeature", () => {
  it("numbers equal feature values alike, even when the values as written differ", () => {
    const input = prepare(["张伟", "張偉", " 张伟", "李娜", ""]);
    const { codes, distinct } = codeFeature(input, 0, "norm");
    expect(byRecord(input, codes)).toEqual([0, 0, 0, 1, MISSING]);
    expect(distinct).toBe(2);
  });

  it("numbers a feature that is the value as written by its value index, missing for a blank", () => {
    const input = prepare(["张伟", "張偉", "张伟 ", "", "李娜"]);
    const { codes } = codeFeature(input, 0, "raw");
    expect(byRecord(input, codes)).toEqual([0, 1, 0, MISSING, 3]);
  });

  it("cuts to a prefix and remembers each feature's numbers for the run", () => {
    const input = prepare(["张伟", "张玮", "李娜"]);
    expect(byRecord(input, codeFeature(input, 0, "surname").codes)).toEqual([0, 0, 1]);
    expect(byRecord(input, codeFeature(input, 0, "pinyin", 4).codes)).toEqual([0, 0, 1]);
    expect(codeFeature(input, 0, "pinyin", 4)).toBe(codeFeature(input, 0, "pinyin", 4));
  });
});
