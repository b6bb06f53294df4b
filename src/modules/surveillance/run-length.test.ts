import { describe, expect, it } from "vitest";
import { computeBinomialUpperTail } from "../../kernel/statistics/binomial-tail.ts";
import { createBinomialCusum } from "./binomial-cusum.ts";
import { createEwmaChart } from "./ewma.ts";
import { estimateInControlRunLength, estimateRunLength } from "./run-length.ts";

const P0 = 105 / 205;

describe("estimateRunLength", () => {
  it("matches the exact geometric ARL of a Shewhart chart (EWMA with λ = 1)", () => {
    // With λ = 1 each month is judged alone: signal when M/300 > p₀ + 2.5·√(p₀(1 − p₀)/300), i.e. M ≥ 176,
    // so the run length is geometric with mean 1/P(X ≥ 176).
    const threshold = Math.floor(300 * (P0 + 2.5 * Math.sqrt((P0 * (1 - P0)) / 300))) + 1;
    const exact = 1 / computeBinomialUpperTail(threshold, 300, P0);
    const estimate = estimateInControlRunLength({
      createMonitor: () => createEwmaChart({ lambda: 1, width: 2.5 }),
      monthlyBirths: 300,
      runs: 600,
      seed: 11,
    });
    expect(Math.abs(estimate.averageRunLength - exact)).toBeLessThan(3 * estimate.standardError);
    expect(estimate.standardError).toBeLessThan(0.06 * exact);
  });

  it("counts months exactly: a CUSUM with a near-zero threshold signals in the first month with a positive step", () => {
    // Step = M·a + (300 − M)·b > 0 ⇔ M > −300·b/(a − b); run length geometric with mean 1/P(X ≥ that M).
    const a = Math.log(110 / 210 / P0);
    const b = Math.log(100 / 210 / (1 - P0));
    const smallest = Math.floor((-300 * b) / (a - b)) + 1;
    const exact = 1 / computeBinomialUpperTail(smallest, 300, P0);
    const estimate = estimateInControlRunLength({
      createMonitor: () => createBinomialCusum({ threshold: 1e-9 }),
      monthlyBirths: 300,
      runs: 4000,
      seed: 5,
    });
    expect(estimate.standardError).toBeLessThan(0.04);
    expect(Math.abs(estimate.averageRunLength - exact)).toBeLessThan(3 * estimate.standardError);
  });

  // Documented defaults (binomial-cusum.ts, ewma.ts, README.md): ARL₀ ≈ 339 (CUSUM, h = 3, 300 births a month)
  // and ≈ 354 (EWMA, λ = 0.1, L = 2.4) from 4,000 runs. 300 runs give a standard error near 6%.
  it.each([
    ["binomial CUSUM", () => createBinomialCusum(), 339],
    ["EWMA", () => createEwmaChart(), 354],
  ] as const)("reproduces the documented in-control ARL of the default %s", (_name, createMonitor, documented) => {
    const estimate = estimateInControlRunLength({ createMonitor, monthlyBirths: 300, runs: 300, seed: 2 });
    expect(estimate.censored).toBe(0);
    expect(Math.abs(estimate.averageRunLength - documented)).toBeLessThan(3 * estimate.standardError);
  });

  it("detects a raised SRB far sooner than it raises false alarms", () => {
    const createMonitor = () => createBinomialCusum();
    const outOfControl = estimateRunLength({ createMonitor, monthlyBirths: 300, simulatedSrb: 115, runs: 200, seed: 3 });
    expect(outOfControl.averageRunLength).toBeGreaterThan(8);
    expect(outOfControl.averageRunLength).toBeLessThan(20);
  });

  it("repeats exactly for a seed", () => {
    const options = { createMonitor: () => createBinomialCusum(), monthlyBirths: [250, 320, 0], runs: 30, seed: 9 };
    expect(estimateInControlRunLength(options)).toEqual(estimateInControlRunLength(options));
    expect(estimateInControlRunLength({ ...options, seed: 10 })).not.toEqual(estimateInControlRunLength(options));
  });

  it("counts runs that reach maxMonths without a signal as censored", () => {
    const estimate = estimateInControlRunLength({
      createMonitor: () => createBinomialCusum({ threshold: 50 }),
      monthlyBirths: 100,
      runs: 5,
      seed: 1,
      maxMonths: 24,
    });
    expect(estimate).toMatchObject({ averageRunLength: 24, censored: 5, runs: 5 });
  });

  it("rejects non-integer monthly births and zero runs", () => {
    const createMonitor = () => createBinomialCusum();
    expect(() => estimateRunLength({ createMonitor, monthlyBirths: 2.5, runs: 1, seed: 1 })).toThrow();
    expect(() => estimateRunLength({ createMonitor, monthlyBirths: 300, runs: 0, seed: 1 })).toThrow();
  });
});
