import { describe, expect, it } from "vitest";
import { computeBetaQuantile } from "./beta-quantile.ts";
import { computeRegularizedIncompleteBeta } from "./incomplete-beta.ts";

describe("computeBetaQuantile", () => {
  it("inverts I_x(a, b)", () => {
    for (const [q, a, b] of [[0.025, 81, 183], [0.975, 82, 182], [0.5, 0.5, 0.5], [0.001, 3, 4000], [0.9, 5e6, 5e6]] as const) {
      const x = computeBetaQuantile(q, a, b);
      expect(computeRegularizedIncompleteBeta(x, a, b)).toBeCloseTo(q, 12);
    }
  });

  it("matches the closed form 1 − (1 − q)^(1/b) of Beta(1, b), down to quantiles near 1e-9", () => {
    for (const [q, b] of [[0.025, 10], [0.975, 29], [0.025, 1e7]] as const) {
      const expected = -Math.expm1(Math.log1p(-q) / b);
      expect(Math.abs(computeBetaQuantile(q, 1, b) - expected) / expected).toBeLessThan(1e-12);
    }
  });

  it("returns the ends of [0, 1] for q = 0 and q = 1 and NaN for invalid input", () => {
    expect(computeBetaQuantile(0, 2, 3)).toBe(0);
    expect(computeBetaQuantile(1, 2, 3)).toBe(1);
    expect(computeBetaQuantile(0.5, -1, 3)).toBeNaN();
  });
});
