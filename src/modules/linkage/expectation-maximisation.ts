import { NULL_LEVEL, type ComparisonPattern } from "./comparison-pattern.ts";

/**
 * Expectation–maximisation for the two-class Fellegi–Sunter mixture under conditional independence
 * (Winkler 1988, "Using the EM algorithm for weight computation in the Fellegi–Sunter model of record
 * linkage"; Jaro 1989). It runs over distinct comparison patterns with counts, so one iteration costs
 * O(patterns × comparisons) however many pairs there are.
 */
export interface EmStart {
  /** Share of the pairs that are matches. */
  readonly lambda: number;
  readonly m: readonly (readonly number[])[];
  readonly u: readonly (readonly number[])[];
}

export interface EmOptions {
  readonly maxIterations?: number;
  /** Stop when no parameter moves by more than this between two iterations. */
  readonly tolerance?: number;
  /** Keep u at its start values (e.g. when u came from random sampling and the pairs are random too). */
  readonly fixU?: boolean;
  /** Per comparison, per level: keep m (and u) as given. */
  readonly fixedLevels?: readonly (readonly boolean[])[];
  readonly fixLambda?: boolean;
  /**
   * Dirichlet pseudo-counts added to the expected match counts of each comparison, spread like the start m
   * (default 0): keeps a level never seen among matches in a small file from getting m ≈ 0 and a huge
   * negative weight.
   */
  readonly mPseudoCount?: number;
  /** Shape of the pseudo-counts per comparison (sums to 1); required with `mPseudoCount`. */
  readonly mPrior?: readonly (readonly number[])[];
}

export interface EmResult {
  readonly lambda: number;
  readonly m: number[][];
  readonly u: number[][];
  readonly iterations: number;
  readonly largestChange: number;
  /** True only if the last change was within tolerance; reaching the cap is never reported as convergence. */
  readonly converged: boolean;
  readonly logLikelihood: number;
}

/** Keeps every probability away from 0 so that log-weights stay finite. */
const PROBABILITY_FLOOR = 1e-6;

export function estimateByEm(patterns: readonly ComparisonPattern[], start: EmStart, options: EmOptions = {}): EmResult {
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  let lambda = start.lambda;
  let m = start.m.map((levels) => [...levels]);
  let u = start.u.map((levels) => [...levels]);
  let largestChange = Number.POSITIVE_INFINITY;
  let iterations = 0;
  let logLikelihood = Number.NaN;

  while (iterations < maxIterations) {
    iterations += 1;
    const expected = expectMatches(patterns, lambda, m, u);
    logLikelihood = expected.logLikelihood;
    const next = maximise(patterns, expected.matchProbabilities, m, u, options);
    const nextLambda = options.fixLambda ? lambda : clamp(expected.matchCount / expected.totalCount);
    largestChange = Math.max(
      Math.abs(nextLambda - lambda),
      largestDifference(next.m, m),
      largestDifference(next.u, u),
    );
    lambda = nextLambda;
    m = next.m;
    u = next.u;
    if (largestChange <= tolerance) break;
  }
  return { lambda, m, u, iterations, largestChange, converged: largestChange <= tolerance, logLikelihood };
}

interface Expectation {
  readonly matchProbabilities: number[];
  readonly matchCount: number;
  readonly totalCount: number;
  readonly logLikelihood: number;
}

function expectMatches(
  patterns: readonly ComparisonPattern[],
  lambda: number,
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
): Expectation {
  const matchProbabilities: number[] = [];
  let matchCount = 0;
  let totalCount = 0;
  let logLikelihood = 0;
  for (const pattern of patterns) {
    // Log space: with a dozen comparisons the products underflow for clear non-matches.
    let logMatch = Math.log(lambda);
    let logNonMatch = Math.log(1 - lambda);
    pattern.levels.forEach((level, comparison) => {
      if (level === NULL_LEVEL) return;
      logMatch += Math.log(m[comparison]![level]!);
      logNonMatch += Math.log(u[comparison]![level]!);
    });
    const top = Math.max(logMatch, logNonMatch);
    const logSum = top + Math.log(Math.exp(logMatch - top) + Math.exp(logNonMatch - top));
    const probability = Math.exp(logMatch - logSum);
    matchProbabilities.push(probability);
    matchCount += probability * pattern.count;
    totalCount += pattern.count;
    logLikelihood += pattern.count * logSum;
  }
  return { matchProbabilities, matchCount, totalCount, logLikelihood };
}

function maximise(
  patterns: readonly ComparisonPattern[],
  matchProbabilities: readonly number[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  options: EmOptions,
): { m: number[][]; u: number[][] } {
  const mSums = m.map((levels) => levels.map(() => 0));
  const uSums = u.map((levels) => levels.map(() => 0));
  patterns.forEach((pattern, index) => {
    const p = matchProbabilities[index]!;
    pattern.levels.forEach((level, comparison) => {
      if (level === NULL_LEVEL) return;
      mSums[comparison]![level]! += p * pattern.count;
      uSums[comparison]![level]! += (1 - p) * pattern.count;
    });
  });
  const fixed = options.fixedLevels;
  const pseudo = options.mPseudoCount ?? 0;
  if (pseudo > 0) mSums.forEach((sums, c) => sums.forEach((_, k) => (sums[k]! += pseudo * (options.mPrior?.[c]?.[k] ?? 0))));
  return {
    m: mSums.map((sums, c) => normaliseWithFixed(sums, m[c]!, fixed?.[c])),
    u: options.fixU ? u.map((levels) => [...levels]) : uSums.map((sums, c) => normaliseWithFixed(sums, u[c]!, fixed?.[c])),
  };
}

/**
 * New level probabilities proportional to the expected counts; levels fixed by hand keep their value and the
 * free levels share what is left. A comparison never observed keeps its previous values.
 */
function normaliseWithFixed(sums: readonly number[], previous: readonly number[], fixed?: readonly boolean[]): number[] {
  const fixedMass = previous.reduce((total, value, level) => total + (fixed?.[level] ? value : 0), 0);
  const freeSum = sums.reduce((total, value, level) => total + (fixed?.[level] ? 0 : value), 0);
  if (freeSum <= 0) return [...previous];
  return sums.map((value, level) =>
    fixed?.[level] ? previous[level]! : Math.max(PROBABILITY_FLOOR, ((1 - fixedMass) * value) / freeSum),
  );
}

function largestDifference(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number {
  let largest = 0;
  a.forEach((levels, c) => levels.forEach((value, k) => (largest = Math.max(largest, Math.abs(value - b[c]![k]!)))));
  return largest;
}

function clamp(probability: number): number {
  return Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, probability));
}
