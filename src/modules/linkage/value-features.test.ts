import { describe, expect, it } from "vitest";
import { computeFieldFeatures } from "./field-features.ts";
import { computeValueFeatures, computeValueFeaturesInParallel, type ValueColumn } from "./value-features.ts";

const SURNAMES = ["张", "王", "李", "曾", "单", "欧阳", "赵"];
const GIVEN = ["伟", "芳", "娜", "秀英", "强", "一", "长春", "乐"];

const COLUMNS: ValueColumn[] = [
  { type: "zh_name", cells: SURNAMES.flatMap((s) => GIVEN.map((g) => `${s}${g}`)) },
  { type: "date", cells: ["19900101", "1990-1-2", ""] },
  { type: "zh_name", cells: ["李娜", ""] },
];

describe("computeValueFeaturesInParallel", () => {
  it("gives the same features, in the same order, when half of each large name column is computed on a worker", async () => {
    const parallel = await computeValueFeaturesInParallel(COLUMNS, 10);
    expect(parallel).toEqual(computeValueFeatures(COLUMNS));
    expect(parallel[0]![5]).toEqual(computeFieldFeatures("zh_name", COLUMNS[0]!.cells[5]!));
    expect(parallel.map((features) => features.length)).toEqual(COLUMNS.map((c) => c.cells.length));
  });

  it("stays on this thread for small inputs", async () => {
    expect(await computeValueFeaturesInParallel(COLUMNS)).toEqual(computeValueFeatures(COLUMNS));
  });
});
