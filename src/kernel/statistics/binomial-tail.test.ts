import { describe, expect, it } from "vitest";
import { computeBinomialProbability } from "./binomial-probability.ts";
import { computeBinomialLowerTail, computeBinomialUpperTail } from "./binomial-tail.ts";

const P0 = 105 / 205;

function sumProbabilities(from: number, to: number, n: number, p: number): number {
  let total = 0;
  for (let k = from; k <= to; k++) total += computeBinomialProbability(k, n, p);
  return total;
}

describe("computeBinomialUpperTail and computeBinomialLowerTail", () => {
  it("agree with direct summation of the probabilities for small n", () => {
    for (const n of [1, 5, 20, 137]) {
      for (const p of [0.05, 0.5, P0, 0.93]) {
        for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 9))) {
          expect(computeBinomialUpperTail(k, n, p)).toBeCloseTo(sumProbabilities(k, n, n, p), 13);
          expect(computeBinomialLowerTail(k, n, p)).toBeCloseTo(sumProbabilities(0, k, n, p), 13);
        }
      }
    }
  });

  it("keeps tiny tails to relative precision (no 1 − x cancellation)", () => {
    const expected = sumProbabilities(95, 100, 100, 0.5);
    expect(Math.abs(computeBinomialUpperTail(95, 100, 0.5) - expected) / expected).toBeLessThan(1e-12);
    expect(Math.abs(computeBinomialLowerTail(5, 100, 0.5) - expected) / expected).toBeLessThan(1e-12);
  });

  // Reference values: term-by-term summation in 40-digit mpmath arithmetic with p = 105/205 exactly. The
  // tolerance allows for p = 105/205 being rounded to a double, which moves a tail at N = 10⁷ by ~1e-12.
  it.each([
    ["upper", 5_130_000, 10_000_000, 1.7737806069231111e-7],
    ["upper", 5_122_000, 10_000_000, 0.48781748722344111],
    ["upper", 52_000, 100_000, 4.0025971797867041e-7],
    ["upper", 5250, 10_000, 0.0053507077788193038],
    ["upper", 160, 300, 0.25004272332827968],
    ["lower", 5_110_000, 10_000_000, 2.0090513849976531e-14],
    ["lower", 50_500, 100_000, 2.7033573907205252e-6],
  ] as const)("%s tail at k = %d of n = %d is %d", (side, k, n, expected) => {
    const actual = side === "upper" ? computeBinomialUpperTail(k, n, P0) : computeBinomialLowerTail(k, n, P0);
    expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-10);
  });

  it("makes the two tails add up to 1 at N = 10⁷", () => {
    const n = 10_000_000;
    for (const k of [5_119_000, 5_121_952, 5_125_000]) {
      expect(computeBinomialUpperTail(k, n, P0) + computeBinomialLowerTail(k - 1, n, P0)).toBeCloseTo(1, 12);
    }
  });

  it("handles the edges of k and p", () => {
    expect(computeBinomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(computeBinomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(computeBinomialUpperTail(3, 10, 0)).toBe(0);
    expect(computeBinomialUpperTail(3, 10, 1)).toBe(1);
    expect(computeBinomialLowerTail(-1, 10, 0.3)).toBe(0);
    expect(computeBinomialLowerTail(10, 10, 0.3)).toBe(1);
    expect(computeBinomialLowerTail(3, 10, 0)).toBe(1);
    expect(computeBinomialLowerTail(3, 10, 1)).toBe(0);
  });
});
