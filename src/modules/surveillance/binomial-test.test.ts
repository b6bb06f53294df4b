import { describe, expect, it } from "vitest";
import { testSrbExcess } from "./binomial-test.ts";

/** P(X ≥ boys) by summing C(n, k) p^k q^(n−k) term by term: an independent check for small n. */
function sumUpperTail(boys: number, births: number, p: number): number {
  let total = 0;
  for (let k = boys; k <= births; k++) {
    let coefficient = 1;
    for (let j = 1; j <= k; j++) coefficient = (coefficient * (births - k + j)) / j;
    total += coefficient * p ** k * (1 - p) ** (births - k);
  }
  return total;
}

describe("testSrbExcess", () => {
  it("equals the directly summed binomial tail P(X ≥ M) for small cells", () => {
    for (const births of [1, 2, 9, 25, 60]) {
      for (let boys = 0; boys <= births; boys++) {
        for (const referenceSrb of [105, 106.3]) {
          const expected = sumUpperTail(boys, births, referenceSrb / (100 + referenceSrb));
          expect(testSrbExcess(boys, births - boys, { referenceSrb })).toBeCloseTo(expected, 13);
        }
      }
    }
  });

  // Reference values: term-by-term sums in 40-digit mpmath arithmetic.
  it.each([
    [10_173, 9_521, 105, 0.11190314000329617],
    [276_697, 263_855, 105, 0.6797280187454107],
    [128, 134, 105, 0.79604384350581901],
    [836, 426, 105, 2.6939955772226223e-27],
    [199, 197, 106.3, 0.71157086337471529],
  ])("gives P(X ≥ %d) for %d girls against %d as %d", (boys, girls, referenceSrb, expected) => {
    expect(Math.abs(testSrbExcess(boys, girls, { referenceSrb })! - expected) / expected).toBeLessThan(1e-10);
  });

  it("uses 105 as the default reference", () => {
    expect(testSrbExcess(600, 500)).toBe(testSrbExcess(600, 500, { referenceSrb: 105 }));
  });

  it("gives a larger p-value against a higher reference", () => {
    expect(testSrbExcess(600, 500, { referenceSrb: 106.3 })!).toBeGreaterThan(testSrbExcess(600, 500)!);
  });

  it("is 1 without boys, p₀ᴺ without girls, and NA without births", () => {
    expect(testSrbExcess(0, 7)).toBe(1);
    expect(testSrbExcess(7, 0)).toBeCloseTo((105 / 205) ** 7, 14);
    expect(testSrbExcess(0, 0)).toBeUndefined();
  });

  it("rejects invalid counts and references as programming errors", () => {
    expect(() => testSrbExcess(-1, 5)).toThrow();
    expect(() => testSrbExcess(2, 5, { referenceSrb: 0 })).toThrow();
  });
});
