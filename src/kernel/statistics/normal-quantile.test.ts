import { describe, expect, it } from "vitest";
import { computeNormalQuantile } from "./normal-quantile.ts";

// Reference values: Abramowitz & Stegun Table 26.5 where listed, the rest from 40-digit root finding of Φ
// (mpmath ncdf); AS 241 claims about 16 significant digits.
describe("computeNormalQuantile", () => {
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.8, 0.8416212335729143],
    [0.999, 3.090232306167814],
    [0.05, -1.6448536269514722],
    [0.025, -1.959963984540054],
    [0.001, -3.090232306167814],
    [1e-20, -9.262340089798408],
    [1e-300, -37.047096299361199],
  ])("Φ⁻¹(%d) = %d", (p, expected) => {
    expect(Math.abs(computeNormalQuantile(p) - expected) / Math.abs(expected)).toBeLessThan(1e-14);
  });

  it("is 0 at ½ and antisymmetric around it", () => {
    expect(computeNormalQuantile(0.5)).toBe(0);
    // Dyadic p so that 1 − p is exact in floating point.
    for (const p of [0.125, 0.375, 0.4375, 2 ** -7, 2 ** -30]) {
      expect(computeNormalQuantile(p)).toBeCloseTo(-computeNormalQuantile(1 - p), 12);
    }
  });

  it("is ±Infinity at 0 and 1 and NaN outside [0, 1]", () => {
    expect(computeNormalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(computeNormalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(computeNormalQuantile(-0.1)).toBeNaN();
    expect(computeNormalQuantile(1.5)).toBeNaN();
    expect(computeNormalQuantile(Number.NaN)).toBeNaN();
  });

  it("increases across the boundaries between its three approximations", () => {
    const ps = [0.07, 0.074, 0.075, 0.0751, 0.076, 1.4e-11, 1.3887943864964e-11, 1.38e-11];
    const sorted = [...ps].sort((a, b) => a - b);
    const values = sorted.map(computeNormalQuantile);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
  });
});
