import { describe, expect, it } from "vitest";
import { computeLogGamma, computeLogGammaDifference, computeStirlingRemainder } from "./log-gamma.ts";

// Reference values from 40-digit mpmath loggamma; ln Γ(½) = ½ ln π.
describe("computeLogGamma", () => {
  it.each([
    [1e-5, 11.512919692895826],
    [0.5, 0.5 * Math.log(Math.PI)],
    [3, Math.LN2],
    [7.5, 7.534364236758733],
    [20, 39.339884187199494],
    [1000, 5905.2204232091812],
    [1e7, 151180949.36947391],
  ])("ln Γ(%d) = %d", (x, expected) => {
    expect(Math.abs(computeLogGamma(x) - expected) / expected).toBeLessThan(1e-14);
  });

  it("is within 1e-14 of 0 at 1 and 2", () => {
    expect(Math.abs(computeLogGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(computeLogGamma(2))).toBeLessThan(1e-14);
  });

  it("matches ln n! for integers", () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      logFactorial += Math.log(n);
      expect(computeLogGamma(n + 1)).toBeCloseTo(logFactorial, 12);
    }
  });

  it("satisfies Γ(x + 1) = x Γ(x) across the series threshold", () => {
    for (const x of [0.3, 4.2, 14.5, 14.9999, 15, 15.5, 80.25]) {
      expect(computeLogGamma(x + 1) - computeLogGamma(x)).toBeCloseTo(Math.log(x), 12);
    }
  });

  it("is +Infinity at 0 and NaN for negative input", () => {
    expect(computeLogGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(computeLogGamma(-1.5)).toBeNaN();
  });
});

describe("computeStirlingRemainder", () => {
  it.each([
    [1, 0.081061466795327258],
    [3, 0.027677925684998339],
    [14.5, 0.0057462165130101157],
    [100, 0.00083333055563491468],
    [1e7, 8.3333333333333418e-9],
  ])("δ(%d) = %d", (x, expected) => {
    expect(Math.abs(computeStirlingRemainder(x) - expected) / expected).toBeLessThan(1e-12);
  });
});

describe("computeLogGammaDifference", () => {
  // Reference values: 40-digit mpmath loggamma(x + m) − loggamma(x).
  it.each([
    [1e8, 300, 5526.2046716852619],
    [5e7, 1, 17.72753356339242],
    [20.5, 1000, 6006.1964611128861],
    [3.2, 7, 12.368861917080643],
    [1e12, 5000, 138155.10559214024],
  ])("ln Γ(%d + %d) − ln Γ(%d) = %d", (x, m, expected) => {
    expect(Math.abs(computeLogGammaDifference(x, m) - expected) / expected).toBeLessThan(1e-13);
  });

  it("is 0 for m = 0 and ln x for m = 1", () => {
    expect(computeLogGammaDifference(123.4, 0)).toBe(0);
    for (const x of [0.5, 14, 16, 1e9]) expect(computeLogGammaDifference(x, 1)).toBeCloseTo(Math.log(x), 12);
  });
});
