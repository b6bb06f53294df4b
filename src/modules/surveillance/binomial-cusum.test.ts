import { describe, expect, it } from "vitest";
import { createBinomialCusum, runBinomialCusum } from "./binomial-cusum.ts";

const P0 = 105 / 205;
const P1 = 110 / 210;
const BOY_WEIGHT = Math.log(P1 / P0); // ≈ +0.02242
const GIRL_WEIGHT = Math.log((1 - P1) / (1 - P0)); // ≈ −0.02410

describe("runBinomialCusum", () => {
  it("accumulates M·ln(p₁/p₀) + F·ln((1 − p₁)/(1 − p₀)) month by month", () => {
    const steps = runBinomialCusum([
      { boys: 60, girls: 40 },
      { boys: 50, girls: 50 },
      { boys: 70, girls: 30 },
    ]);
    const first = 60 * BOY_WEIGHT + 40 * GIRL_WEIGHT;
    const second = first + 50 * BOY_WEIGHT + 50 * GIRL_WEIGHT;
    const third = second + 70 * BOY_WEIGHT + 30 * GIRL_WEIGHT;
    expect(steps.map((step) => step.statistic)).toEqual([first, second, third].map((value) => expect.closeTo(value, 12)));
    expect(first).toBeCloseTo(0.3814, 4);
    expect(steps.every((step) => !step.signal)).toBe(true);
  });

  it("never falls below zero", () => {
    const steps = runBinomialCusum([{ boys: 10, girls: 90 }, { boys: 52, girls: 48 }]);
    expect(steps[0]!.statistic).toBe(0);
    expect(steps[1]!.statistic).toBeCloseTo(52 * BOY_WEIGHT + 48 * GIRL_WEIGHT, 12);
  });

  it("signals at the threshold and restarts from zero", () => {
    const month = { boys: 70, girls: 30 };
    const increment = 70 * BOY_WEIGHT + 30 * GIRL_WEIGHT;
    const steps = runBinomialCusum([month, month, month], { threshold: 1.5 * increment });
    expect(steps.map((step) => step.signal)).toEqual([false, true, false]);
    expect(steps[2]!.statistic).toBeCloseTo(increment, 12);
  });

  it("keeps accumulating after a signal when reset is off", () => {
    const month = { boys: 70, girls: 30 };
    const increment = 70 * BOY_WEIGHT + 30 * GIRL_WEIGHT;
    const steps = runBinomialCusum([month, month, month], { threshold: 1.5 * increment, resetAfterSignal: false });
    expect(steps.map((step) => step.signal)).toEqual([false, true, true]);
    expect(steps[2]!.statistic).toBeCloseTo(3 * increment, 12);
  });

  it("leaves the statistic unchanged in a month without births", () => {
    const steps = runBinomialCusum([{ boys: 60, girls: 40 }, { boys: 0, girls: 0 }]);
    expect(steps[1]!.statistic).toBe(steps[0]!.statistic);
  });

  it("signals in the fifth month of a sustained SRB of 130 at 300 births a month (h = 3)", () => {
    // Each month adds 170·0.02242 − 130·0.02410 ≈ 0.68, so S first reaches 3 after ⌈3/0.68⌉ = 5 months.
    const increment = 170 * BOY_WEIGHT + 130 * GIRL_WEIGHT;
    const steps = runBinomialCusum(Array.from({ length: 12 }, () => ({ boys: 170, girls: 130 })));
    expect(steps.findIndex((step) => step.signal)).toBe(Math.ceil(3 / increment) - 1);
    expect(Math.ceil(3 / increment)).toBe(5);
  });

  it("uses the configured reference and alternative", () => {
    const [step] = runBinomialCusum([{ boys: 60, girls: 40 }], { referenceSrb: 106.3, alternativeSrb: 120 });
    const p0 = 106.3 / 206.3;
    const p1 = 120 / 220;
    expect(step!.statistic).toBeCloseTo(60 * Math.log(p1 / p0) + 40 * Math.log((1 - p1) / (1 - p0)), 12);
  });

  it("rejects an alternative not above the reference and a non-positive threshold", () => {
    expect(() => createBinomialCusum({ alternativeSrb: 100 })).toThrow();
    expect(() => createBinomialCusum({ threshold: 0 })).toThrow();
  });
});
