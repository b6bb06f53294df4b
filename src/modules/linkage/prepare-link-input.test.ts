import { describe, expect, it } from "vitest";
import type { FieldSpec } from "./model.ts";
import { featuresOf, findNearestHeader, prepareLinkInput, prepareLinkInputInParallel, type LinkSource } from "./prepare-link-input.ts";

const FIELDS: FieldSpec[] = [
  { name: "name", leftColumn: "name", rightColumn: "name", type: "name" },
  { name: "dob", leftColumn: "dob", rightColumn: "birth", type: "date" },
];

function source(header: string[], rows: string[][], label = "left.csv"): LinkSource {
  return { label, idColumn: "id", header, rows };
}

describe("prepareLinkInput", () => {
  it("names a missing column and the header it was probably meant to be", () => {
    const result = prepareLinkInput(source(["id", "name", "dobb"], [["1", "ann", "19800101"]]), undefined, FIELDS);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe("column_not_found");
      expect(result.en).toContain('column "dob" not found in left.csv (did you mean "dobb"?)');
      expect(result.zh).toContain("dob");
    }
  });

  it("looks for the right-hand column in the right file", () => {
    const left = source(["id", "name", "dob"], [["1", "ann", "19800101"]]);
    const right = source(["id", "name", "dob"], [["1", "ann", "19800101"]], "right.csv");
    const result = prepareLinkInput(left, right, FIELDS);
    expect(!result.ok && result.en).toContain('column "birth" not found in right.csv');
  });

  it("names the first duplicate id", () => {
    const rows = [["1", "a", ""], ["2", "b", ""], ["2", "c", ""], ["1", "d", ""]];
    const result = prepareLinkInput(source(["id", "name", "dob"], rows), undefined, FIELDS);
    expect(!result.ok && result.reason).toBe("duplicate_id");
    expect(!result.ok && result.en).toContain('first duplicate "2" (line 4)');
  });

  it("rejects a file without data rows", () => {
    const result = prepareLinkInput(source(["id", "name", "dob"], []), undefined, FIELDS);
    expect(!result.ok && result.reason).toBe("no_records");
  });

  it("drops a field that is empty in every record, with a warning", () => {
    const result = prepareLinkInput(source(["id", "name", "dob"], [["1", "ann", ""], ["2", "bob", " "]]), undefined, FIELDS);
    expect(result.ok && result.value.fields.map((f) => f.name)).toEqual(["name"]);
    expect(result.ok && result.value.warnings.map((w) => w.code)).toEqual(["field_all_null"]);
    expect(result.ok && featuresOf(result.value, 0, 0)).toEqual({ raw: "ann", norm: "ann" });
  });

  it("computes each distinct value's features once and points every record holding it there", () => {
    const rows = [["1", "ann", "19800101"], ["2", "bob", "19800101"], ["3", "ann", "1980-01-01"], ["4", "ann", "19800101"]];
    const result = prepareLinkInput(source(["id", "name", "dob"], rows), undefined, FIELDS);
    if (!result.ok) throw new Error(result.en);
    expect(result.value.values.map((values) => values.length)).toEqual([2, 2]);
    expect([...result.value.valueIndexes[0]!]).toEqual([0, 1, 0, 0]);
    expect([...result.value.valueIndexes[1]!]).toEqual([0, 0, 1, 0]);
    expect(featuresOf(result.value, 2, 1)).toEqual({ norm: "19800101", iso: "1980-01-01" });
    expect(result.value).toMatchObject({ recordIds: ["1", "2", "3", "4"], leftCount: 4, rightCount: 0 });
  });

  it("keeps the fields in their order whatever order they are encoded in, and still checks the ids", async () => {
    const fields: FieldSpec[] = [
      { name: "dob", leftColumn: "dob", rightColumn: "dob", type: "date" },
      { name: "姓名", leftColumn: "姓名", rightColumn: "姓名", type: "zh_name" },
    ];
    const rows = [["1", "19900101", "张伟"], ["2", "19900101", "李娜"]];
    for (const prepared of [prepareLinkInput(source(["id", "dob", "姓名"], rows), undefined, fields), await prepareLinkInputInParallel(source(["id", "dob", "姓名"], rows), undefined, fields)]) {
      if (!prepared.ok) throw new Error(prepared.en);
      expect(prepared.value.cells).toEqual([["19900101"], ["张伟", "李娜"]]);
      expect(featuresOf(prepared.value, 1, 1).pinyin).toBe("lina");
    }
    const duplicate = await prepareLinkInputInParallel(source(["id", "dob", "姓名"], [...rows, ["2", "", "王芳"]]), undefined, fields);
    expect(!duplicate.ok && duplicate.reason).toBe("duplicate_id");
  });

  it("puts the right file's records after the left's, on side 1", () => {
    const left = source(["id", "name", "dob"], [["a", "ann", ""]]);
    const right = source(["id", "name", "birth"], [["a", "ann", "19800101"], ["b", "bo", ""]], "right.csv");
    const result = prepareLinkInput(left, right, FIELDS);
    if (!result.ok) throw new Error(result.en);
    expect(result.value.recordIds).toEqual(["a", "a", "b"]);
    expect([...result.value.sides]).toEqual([0, 1, 1]);
    expect(featuresOf(result.value, 1, 1)).toEqual({ norm: "19800101", iso: "1980-01-01" });
  });

  it("fails when every field is empty", () => {
    const result = prepareLinkInput(source(["id", "name", "dob"], [["1", "", ""]]), undefined, FIELDS);
    expect(!result.ok && result.reason).toBe("no_usable_field");
  });
});

describe("findNearestHeader", () => {
  it.each([
    ["surnmae", ["given_name", "surname"], "surname"],
    ["身份证", ["姓名", "身份证号"], "身份证号"],
    ["postcode", ["given_name", "surname"], undefined],
  ])("suggests for %s", (column, header, expected) => {
    expect(findNearestHeader(column, header)).toBe(expected);
  });
});
