import { describe, expect, it } from "vitest";
import { computeBinomialProbability } from "./binomial-probability.ts";
import { estimateProportionInterval } from "./proportion-interval.ts";

describe("estimateProportionInterval", () => {
  // Newcombe, Stat Med 1998;17:857–72, Table II, methods 3 (Wilson score) and 5 (Clopper–Pearson exact).
  it.each([
    [81, 263, "wilson", 0.2553, 0.3662],
    [15, 148, "wilson", 0.0624, 0.1605],
    [0, 20, "wilson", 0, 0.1611],
    [1, 29, "wilson", 0.0061, 0.1718],
    [81, 263, "exact", 0.2527, 0.3676],
    [15, 148, "exact", 0.0578, 0.1617],
    [0, 20, "exact", 0, 0.1684],
    [1, 29, "exact", 0.0009, 0.1776],
  ] as const)("reproduces Newcombe's %d/%d %s interval %d–%d", (x, n, method, low, high) => {
    const [actualLow, actualHigh] = estimateProportionInterval(x, n, method);
    expect(actualLow).toBeCloseTo(low, 4);
    expect(actualHigh).toBeCloseTo(high, 4);
  });

  // Widely tabulated Clopper–Pearson limits for n = 10; R's binom.test(1, 10) gives 0.0025–0.4450, and so on.
  it.each([
    [0, 0, 0.3085],
    [1, 0.0025, 0.445],
    [5, 0.1871, 0.8129],
    [10, 0.6915, 1],
  ])("gives the 95%% exact interval for %d/10 as %d–%d", (x, low, high) => {
    const [actualLow, actualHigh] = estimateProportionInterval(x, 10, "exact");
    expect(actualLow).toBeCloseTo(low, 4);
    expect(actualHigh).toBeCloseTo(high, 4);
  });

  it("matches the closed forms of the exact interval at x = 0 and x = n", () => {
    for (const n of [1, 7, 50, 1000]) {
      for (const level of [0.9, 0.95, 0.998]) {
        const half = (1 - level) / 2;
        expect(estimateProportionInterval(0, n, "exact", level)[1]).toBeCloseTo(1 - half ** (1 / n), 12);
        expect(estimateProportionInterval(n, n, "exact", level)[0]).toBeCloseTo(half ** (1 / n), 12);
      }
    }
  });

  it("puts α/2 in each tail at its exact limits (checked by summing binomial probabilities)", () => {
    for (const [x, n] of [[1, 12], [6, 12], [11, 12], [3, 40]] as const) {
      const [low, high] = estimateProportionInterval(x, n, "exact");
      let upperTailAtLow = 0;
      let lowerTailAtHigh = 0;
      for (let k = 0; k <= n; k++) {
        if (k >= x) upperTailAtLow += computeBinomialProbability(k, n, low);
        if (k <= x) lowerTailAtHigh += computeBinomialProbability(k, n, high);
      }
      expect(upperTailAtLow).toBeCloseTo(0.025, 12);
      expect(lowerTailAtHigh).toBeCloseTo(0.025, 12);
    }
  });

  it("widens with the confidence level", () => {
    for (const method of ["wilson", "exact"] as const) {
      const [low90, high90] = estimateProportionInterval(40, 100, method, 0.9);
      const [low99, high99] = estimateProportionInterval(40, 100, method, 0.99);
      expect(low99).toBeLessThan(low90);
      expect(high99).toBeGreaterThan(high90);
    }
  });

  it("rejects impossible counts and levels as programming errors", () => {
    expect(() => estimateProportionInterval(5, 4, "wilson")).toThrow();
    expect(() => estimateProportionInterval(1, 0, "exact")).toThrow();
    expect(() => estimateProportionInterval(1.5, 4, "exact")).toThrow();
    expect(() => estimateProportionInterval(1, 4, "exact", 1)).toThrow();
  });
});
