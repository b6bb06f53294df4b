import { describe, expect, it } from "vitest";
import { computeBinomialQuantile } from "./binomial-quantile.ts";
import { computeBinomialLowerTail } from "./binomial-tail.ts";

describe("computeBinomialQuantile", () => {
  it("returns the smallest r with P(X ≤ r) ≥ q", () => {
    for (const [q, n, p] of [[0.025, 10, 0.5], [0.975, 300, 105 / 205], [0.999, 5000, 0.51], [0.5, 1, 0.5]] as const) {
      const r = computeBinomialQuantile(q, n, p);
      expect(computeBinomialLowerTail(r, n, p)).toBeGreaterThanOrEqual(q);
      expect(computeBinomialLowerTail(r - 1, n, p)).toBeLessThan(q);
    }
  });

  it("matches hand-counted quantiles of Bin(10, ½)", () => {
    // P(X ≤ 1) = 11/1024 ≈ 0.0107, P(X ≤ 2) = 56/1024 ≈ 0.0547, P(X ≤ 7) = 968/1024 ≈ 0.945, P(X ≤ 8) ≈ 0.989.
    expect(computeBinomialQuantile(0.025, 10, 0.5)).toBe(2);
    expect(computeBinomialQuantile(0.975, 10, 0.5)).toBe(8);
    expect(computeBinomialQuantile(0, 10, 0.5)).toBe(0);
    expect(computeBinomialQuantile(1, 10, 0.5)).toBe(10);
  });
});
