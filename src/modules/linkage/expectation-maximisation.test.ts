import { describe, expect, it } from "vitest";
import type { ComparisonPattern } from "./comparison-pattern.ts";
import { estimateByEm } from "./expectation-maximisation.ts";

/** Expected pattern counts of a two-class mixture with known λ, m, u (conditional independence). */
function simulatePatterns(pairs: number, lambda: number, m: number[][], u: number[][]): ComparisonPattern[] {
  let patterns: number[][] = [[]];
  for (const levels of m) patterns = patterns.flatMap((p) => levels.map((_, k) => [...p, k]));
  return patterns.map((levels) => {
    const match = levels.reduce((product, k, c) => product * m[c]![k]!, lambda);
    const nonMatch = levels.reduce((product, k, c) => product * u[c]![k]!, 1 - lambda);
    return { levels, count: pairs * (match + nonMatch) };
  });
}

const TRUE_M = [
  [0.9, 0.07, 0.03],
  [0.85, 0.1, 0.05],
  [0.95, 0.05],
  [0.8, 0.15, 0.05],
];
const TRUE_U = [
  [0.01, 0.04, 0.95],
  [0.02, 0.08, 0.9],
  [0.1, 0.9],
  [0.05, 0.15, 0.8],
];
const FLAT_START = {
  lambda: 0.3,
  m: TRUE_M.map((levels) => levels.map((_, k) => (k === 0 ? 0.6 : 0.4 / (levels.length - 1)))),
  u: TRUE_M.map((levels) => levels.map(() => 1 / levels.length)),
};

describe("estimateByEm", () => {
  it("recovers known m, u and λ from a simulated pattern table", () => {
    const result = estimateByEm(simulatePatterns(100_000, 0.2, TRUE_M, TRUE_U), FLAT_START, { maxIterations: 1000, tolerance: 1e-9 });
    expect(result.converged).toBe(true);
    expect(result.lambda).toBeCloseTo(0.2, 4);
    result.m.forEach((levels, c) => levels.forEach((value, k) => expect(value).toBeCloseTo(TRUE_M[c]![k]!, 3)));
    result.u.forEach((levels, c) => levels.forEach((value, k) => expect(value).toBeCloseTo(TRUE_U[c]![k]!, 3)));
  });

  it("reports non-convergence when it stops at the iteration cap", () => {
    const result = estimateByEm(simulatePatterns(100_000, 0.2, TRUE_M, TRUE_U), FLAT_START, { maxIterations: 2, tolerance: 1e-9 });
    expect(result.iterations).toBe(2);
    expect(result.converged).toBe(false);
    expect(result.largestChange).toBeGreaterThan(1e-9);
  });

  it("keeps u fixed when asked and still recovers m and λ", () => {
    const result = estimateByEm(simulatePatterns(100_000, 0.2, TRUE_M, TRUE_U), { ...FLAT_START, u: TRUE_U }, { fixU: true, maxIterations: 1000, tolerance: 1e-9 });
    expect(result.u).toEqual(TRUE_U);
    expect(result.lambda).toBeCloseTo(0.2, 4);
    expect(result.m[0]![0]).toBeCloseTo(0.9, 3);
  });

  it("keeps a level fixed by hand and renormalises the others around it", () => {
    const fixedLevels = TRUE_M.map((levels, c) => levels.map((_, k) => c === 2 && k === 0));
    const start = { ...FLAT_START, m: FLAT_START.m.map((levels, c) => (c === 2 ? [0.5, 0.5] : levels)) };
    const result = estimateByEm(simulatePatterns(100_000, 0.2, TRUE_M, TRUE_U), start, { fixedLevels, maxIterations: 50 });
    expect(result.m[2]).toEqual([0.5, 0.5]);
    expect(result.m[0]!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it("ignores null levels (−1) in the likelihood", () => {
    const patterns = simulatePatterns(10_000, 0.2, TRUE_M, TRUE_U).map((p) => ({ ...p, levels: [p.levels[0]!, -1, p.levels[2]!, p.levels[3]!] }));
    const result = estimateByEm(patterns, FLAT_START, { maxIterations: 1000, tolerance: 1e-9 });
    expect(result.m[1]).toEqual(FLAT_START.m[1]);
    expect(result.lambda).toBeCloseTo(0.2, 2);
  });
});
