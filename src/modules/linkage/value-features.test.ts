import { describe, expect, it } from "vitest";
import { computeFieldFeatures } from "./field-features.ts";
import { computeValueFeatures, computeValueFeaturesInParallel, startFeatureWorker, worthAWorker, type ValueColumn } from "./value-features.ts";

const SURNAMES = ["张", "王", "李", "曾", "单", "欧阳", "赵"];
const GIVEN = ["伟", "芳", "娜", "秀英", "强", "一", "长春", "乐"];

const COLUMNS: ValueColumn[] = [
  { type: "zh_name", cells: SURNAMES.flatMap((s) => GIVEN.map((g) => `${s}${g}`)) },
  { type: "date", cells: ["19900101", "1990-1-2", ""] },
  { type: "zh_name", cells: ["李娜", ""] },
];

describe("computeValueFeaturesInParallel", () => {
  it("gives the same features, in the same order, when half of each large name column is computed on a worker", async () => {
    const worker = startFeatureWorker();
    const parallel = await computeValueFeaturesInParallel(COLUMNS, worker, new Map(), 10).finally(() => worker.close());
    expect(parallel).toEqual(computeValueFeatures(COLUMNS));
    expect(parallel[0]![5]).toEqual(computeFieldFeatures("zh_name", COLUMNS[0]!.cells[5]!));
    expect(parallel.map((features) => features.length)).toEqual(COLUMNS.map((c) => c.cells.length));
  });

  it("takes a column handed over whole from the worker, and answers requests in order", async () => {
    const worker = startFeatureWorker();
    try {
      const handedOver = new Map([[2, worker.compute([COLUMNS[2]!]).then((results) => results[0]!)]]);
      const parallel = await computeValueFeaturesInParallel(COLUMNS, worker, handedOver, 10);
      expect(parallel).toEqual(computeValueFeatures(COLUMNS));
    } finally {
      worker.close();
    }
  });

  it("stays on this thread for small inputs", async () => {
    expect(await computeValueFeaturesInParallel(COLUMNS, undefined)).toEqual(computeValueFeatures(COLUMNS));
    expect(worthAWorker(["zh_name", "date"], 10_000)).toBe(false);
    expect(worthAWorker(["date", "sex"], 1_000_000)).toBe(false);
    expect(worthAWorker(["date", "resident_id"], 1_000_000)).toBe(true);
  });
});
