import { describe, expect, it } from "vitest";
import { shrinkRegionalSrb } from "./beta-binomial-shrinkage.ts";
import { testSrbExcess } from "./binomial-test.ts";
import { compareRegionsOnFunnel } from "./funnel-limits.ts";
import { estimateSrb } from "./srb-estimate.ts";
import { computeSrbTable, type SrbCell } from "./srb-table.ts";

const cells: SrbCell[] = [
  { period: "2024", birthOrder: "1", boys: 520, girls: 480 },
  { period: "2024", birthOrder: "3+", boys: 130, girls: 90 },
  { period: "2024", birthOrder: "1", boys: 60, girls: 40 },
  { period: "2023", birthOrder: "1", boys: 500, girls: 500 },
  { period: "2024", birthOrder: "3+", boys: 40, girls: 30 },
  { period: "2024", birthOrder: "1", boys: 7, girls: 0 },
  { period: "2024", birthOrder: "1", boys: 0, girls: 0 },
  { period: "2024", birthOrder: "1", boys: 330, girls: 270 },
];
const options = { method: "wilson", level: 0.9, referenceSrb: 106.3 } as const;

describe("computeSrbTable", () => {
  const table = computeSrbTable(cells, options);

  it("gives each cell its own estimate and exact p-value, in input order", () => {
    expect(table).toHaveLength(cells.length);
    cells.forEach((cell, index) => {
      const estimate = estimateSrb(cell.boys, cell.girls, { method: "wilson", level: 0.9 });
      expect(table[index]).toMatchObject({
        srb: estimate?.srb,
        ciLow: estimate?.low,
        ciHigh: estimate?.high,
        pValue: testSrbExcess(cell.boys, cell.girls, { referenceSrb: 106.3 }),
      });
    });
  });

  it("shrinks and places on the funnel only among regions of the same period and birth order", () => {
    const group = [0, 2, 5, 6, 7];
    const regions = group.map((index) => cells[index]!);
    const { shrunkSrb } = shrinkRegionalSrb(regions, "moments");
    const { flags } = compareRegionsOnFunnel(regions, { referenceSrb: 106.3 });
    group.forEach((index, position) => {
      expect(table[index]!.shrunkSrb).toBe(shrunkSrb[position]);
      expect(table[index]!.funnelFlag).toBe(flags[position]);
    });
    // 2023 has one region: no pooling, the shrunk ratio is the raw one.
    expect(table[3]!.shrunkSrb).toBe(100);
  });

  it("marks NA where a statistic is undefined", () => {
    expect(table[5]).toMatchObject({ srb: undefined, ciLow: undefined, ciHigh: undefined });
    expect(table[5]!.shrunkSrb).toBeGreaterThan(0);
    expect(table[6]).toEqual({
      srb: undefined,
      ciLow: undefined,
      ciHigh: undefined,
      pValue: undefined,
      shrunkSrb: undefined,
      funnelFlag: undefined,
    });
  });
});
