import { describe, expect, it } from "vitest";
import { estimateU } from "./estimate-u.ts";

const SAMPLE = [
  { levels: [0], count: 10 },
  { levels: [2], count: 90 },
  { levels: [-1], count: 400 },
];

describe("estimateU", () => {
  it("takes level frequencies among sampled pairs with values, half a pair added per level", () => {
    expect(estimateU(SAMPLE, [3])).toEqual([[10.5 / 101.5, 0.5 / 101.5, 90.5 / 101.5]]);
  });

  it("uses an exact count for the first level and shares the rest by the sample", () => {
    const [u] = estimateU(SAMPLE, [3], [{ agreeing: 3, comparable: 1000 }]);
    expect(u![0]).toBe(0.003);
    expect(u![1]! / u![2]!).toBeCloseTo(0.5 / 90.5, 12);
    expect(u!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("keeps u positive when no two records share a value", () => {
    const [u] = estimateU(SAMPLE, [3], [{ agreeing: 0, comparable: 1000 }]);
    expect(u![0]).toBe(0.5 / 1000);
  });
});
