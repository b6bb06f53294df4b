import { describe, expect, it } from "vitest";
import type { FieldSpec, LinkMode } from "./model.ts";
import { prepareLinkInput, type PreparedInput } from "./prepare-link-input.ts";
import { countEqualValuePairs, countValueHolders, termFrequencies } from "./value-counts.ts";

const FIELDS: FieldSpec[] = [{ name: "v", leftColumn: "v", rightColumn: "v", type: "zh_name" }];

function prepare(values: Array<[0 | 1, string]>): PreparedInput {
  const rows = (side: 0 | 1) => values.filter(([s]) => s === side).map(([, value], i) => [`${side}-${i}`, value]);
  const source = (label: string, side: 0 | 1) => ({ label, idColumn: "id", header: ["id", "v"], rows: rows(side) });
  const right = rows(1).length > 0 ? source("right", 1) : undefined;
  const prepared = prepareLinkInput(source("left", 0), right, FIELDS);
  if (!prepared.ok) throw new Error(prepared.en);
  return prepared.value;
}

function countEqual(mode: LinkMode, values: Array<[0 | 1, string]>) {
  const input = prepare(values);
  return countEqualValuePairs(input, countValueHolders(input, 0), mode, 0, "norm", "norm");
}

describe("countEqualValuePairs", () => {
  it("counts agreeing pairs within one file, leaving out missing values", () => {
    expect(countEqual("dedupe", [[0, "张伟"], [0, "张伟"], [0, " 张伟"], [0, "李娜"], [0, ""]])).toEqual({ agreeing: 3, comparable: 6 });
  });

  it("counts agreeing pairs across two files", () => {
    expect(countEqual("link", [[0, "张伟"], [0, "张伟"], [0, "李娜"], [1, "张伟"], [1, "王芳"]])).toEqual({ agreeing: 2, comparable: 6 });
  });

  it("counts on the feature asked for: raw values that differ do not agree exactly", () => {
    const input = prepare([[0, "张伟"], [0, "張偉"], [0, "张伟"]]);
    expect(countEqualValuePairs(input, countValueHolders(input, 0), "dedupe", 0, "raw", "norm")).toEqual({ agreeing: 1, comparable: 3 });
  });
});

describe("termFrequencies", () => {
  it("gives each value its normalised name's share of the records that have one", () => {
    const input = prepare([[0, "张伟"], [0, "張偉"], [0, "李娜"], [0, ""], [1, "张伟"]]);
    const frequencies = termFrequencies(input, 0, countValueHolders(input, 0));
    const byRecord = [...input.valueIndexes[0]!].map((j) => frequencies[j]);
    expect(byRecord).toEqual([0.75, 0.75, 0.25, Number.NaN, 0.75]);
  });
});
