import { describe, expect, it } from "vitest";
import { isSuppressed, SUPPRESSED, suppressSmallCells } from "./small-cell-suppression.ts";

const rows = [
  { region: "370406101", boys: 5, girls: 4, srb: 125 as number | undefined },
  { region: "370406102", boys: 6, girls: 4, srb: 150 as number | undefined },
  { region: "370406103", boys: 0, girls: 0, srb: undefined as number | undefined },
];
const births = (row: (typeof rows)[number]) => row.boys + row.girls;

describe("suppressSmallCells", () => {
  it("replaces the listed fields of cells with fewer than 10 births by the marker", () => {
    const result = suppressSmallCells(rows, { births, fields: ["boys", "girls", "srb"] });
    expect(result[0]).toEqual({ region: "370406101", boys: SUPPRESSED, girls: SUPPRESSED, srb: SUPPRESSED });
    expect(result[1]).toEqual(rows[1]);
    expect(result[2]).toEqual({ region: "370406103", boys: SUPPRESSED, girls: SUPPRESSED, srb: SUPPRESSED });
  });

  it("uses a configurable threshold, where 0 suppresses nothing", () => {
    expect(suppressSmallCells(rows, { births, fields: ["srb"], threshold: 11 }).map((row) => row.srb)).toEqual([
      SUPPRESSED,
      SUPPRESSED,
      SUPPRESSED,
    ]);
    expect(suppressSmallCells(rows, { births, fields: ["srb"], threshold: 0 })).toEqual(rows);
  });

  it("leaves the input rows untouched", () => {
    const before = structuredClone(rows);
    suppressSmallCells(rows, { births, fields: ["srb"] });
    expect(rows).toEqual(before);
  });

  it("keeps suppressed distinct from NA", () => {
    const [small] = suppressSmallCells([{ births: 3, srb: undefined }], { births: (row) => row.births, fields: ["srb"] });
    expect(isSuppressed(small!.srb)).toBe(true);
    expect(isSuppressed(undefined)).toBe(false);
  });

  it("rejects a negative or fractional threshold", () => {
    expect(() => suppressSmallCells(rows, { births, fields: ["srb"], threshold: -1 })).toThrow();
    expect(() => suppressSmallCells(rows, { births, fields: ["srb"], threshold: 2.5 })).toThrow();
  });
});
