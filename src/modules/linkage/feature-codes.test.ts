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
const byRecord = (input: PreparedInput, codes: Int32Array) => [...input.valueIndexes[0]!].map((j) => codes[j]!);

/** Codes renumbered in order of first appearance (the numbers themselves are arbitrary), missing kept. */
const classes = (codes: number[]) => {
  const seen = new Map<number, number>();
  return codes.map((code) => (code === MISSING ? MISSING : (seen.get(code) ?? seen.set(code, seen.size).get(code)!)));
};

describe("codeFeature", () => {
  it("numbers equal feature values alike, even when the values as written differ", () => {
    const input = prepare(["張偉", "张伟", " 张伟", "李娜", "", "張 偉"]);
    const { codes, distinct } = codeFeature(input, 0, "norm");
    expect(classes(byRecord(input, codes))).toEqual([0, 0, 0, 1, MISSING, 0]);
    expect(byRecord(input, codes).every((code) => code < distinct)).toBe(true);
  });

  it("numbers a feature that is the value as written by its value index, missing for a blank", () => {
    const input = prepare(["张伟", "張偉", "张伟 ", "", "李娜"]);
    const { codes } = codeFeature(input, 0, "raw");
    expect(byRecord(input, codes)).toEqual([0, 1, 0, MISSING, 3]);
  });

  it("gives a feature value written nowhere its own number, shared by the values that have it", () => {
    // Neither 張偉 nor 張 偉 is written as its normalised form 张伟.
    const input = prepare(["張偉", "張 偉", "李娜"]);
    const { codes, distinct } = codeFeature(input, 0, "norm");
    expect(classes(byRecord(input, codes))).toEqual([0, 0, 1]);
    expect(distinct).toBe(4);
  });

  it("cuts to a prefix and remembers each feature's numbers for the run", () => {
    const input = prepare(["张伟", "张玮", "李娜"]);
    expect(classes(byRecord(input, codeFeature(input, 0, "surname").codes))).toEqual([0, 0, 1]);
    expect(byRecord(input, codeFeature(input, 0, "pinyin", 4).codes)).toEqual([0, 0, 1]);
    expect(codeFeature(input, 0, "pinyin", 4)).toBe(codeFeature(input, 0, "pinyin", 4));
  });
});
