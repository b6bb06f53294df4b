import { describe, expect, it } from "vitest";
import { addBirthCounts, describeSrbCell } from "./describe-srb-cell.ts";

describe("a dashboard cell", () => {
  it("shows births, the SRB and its 95% interval", () => {
    const cell = describeSrbCell({ boys: 10_173, girls: 9_521 }, 10);
    expect(cell).toMatchObject({ births: 19_694, boys: 10_173, girls: 9_521 });
    // Urquia et al. 2016, Table 1, China-born first births: 1.07 (1.04–1.10).
    expect([cell.srb, cell.ciLow, cell.ciHigh].map((value) => Number((Number(value) / 100).toFixed(2)))).toEqual([1.07, 1.04, 1.1]);
  });

  it("withholds every number of a cell under the threshold, and only then", () => {
    expect(describeSrbCell({ boys: 5, girls: 4 }, 10)).toEqual({
      births: "suppressed",
      boys: "suppressed",
      girls: "suppressed",
      srb: "suppressed",
      ciLow: "suppressed",
      ciHigh: "suppressed",
    });
    expect(describeSrbCell({ boys: 5, girls: 5 }, 10).births).toBe(10);
  });

  it("shows an empty cell as 0 births with NA ratios: it identifies no one", () => {
    expect(describeSrbCell({ boys: 0, girls: 0 }, 10)).toEqual({ births: 0, boys: 0, girls: 0, srb: null, ciLow: null, ciHigh: null });
  });

  it("gives NA (null) for the ratio of a cell without girls", () => {
    expect(describeSrbCell({ boys: 12, girls: 0 }, 10)).toMatchObject({ births: 12, srb: null, ciLow: null, ciHigh: null });
  });

  it("adds counts", () => {
    expect(addBirthCounts([{ boys: 1, girls: 2 }, { boys: 3, girls: 4 }])).toEqual({ boys: 4, girls: 6 });
  });
});
