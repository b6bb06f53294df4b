import { describe, expect, it } from "vitest";
import { computeBinomialProbability } from "./binomial-probability.ts";

// Reference values: C(n, k) pᵏ qⁿ⁻ᵏ in 40-digit mpmath arithmetic.
describe("computeBinomialProbability", () => {
  it.each([
    [3, 10, 0.5, 0.1171875],
    [1, 7, 0.3, 0.2470629],
    [0, 20, 0.1, 0.12157665459056929],
    [0, 1000, 0.5, 9.3326361850321888e-302],
    [512, 1000, 0.5122, 0.025230261585043448],
    [51219, 100_000, 105 / 205, 0.002523863146751183],
  ])("P(X = %d | n = %d, p = %d) = %d", (k, n, p, expected) => {
    expect(Math.abs(computeBinomialProbability(k, n, p) - expected) / expected).toBeLessThan(1e-12);
  });

  it("sums to 1 over 0..n", () => {
    for (const [n, p] of [[1, 0.3], [17, 0.5122], [400, 0.05]] as const) {
      let total = 0;
      for (let k = 0; k <= n; k++) total += computeBinomialProbability(k, n, p);
      expect(total).toBeCloseTo(1, 13);
    }
  });

  it("is 0 outside 0..n and degenerate at p = 0 and p = 1", () => {
    expect(computeBinomialProbability(-1, 10, 0.5)).toBe(0);
    expect(computeBinomialProbability(11, 10, 0.5)).toBe(0);
    expect(computeBinomialProbability(0, 10, 0)).toBe(1);
    expect(computeBinomialProbability(3, 10, 0)).toBe(0);
    expect(computeBinomialProbability(10, 10, 1)).toBe(1);
    expect(computeBinomialProbability(0, 0, 0.4)).toBe(1);
  });
});
