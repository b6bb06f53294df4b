import type { BlockingRule } from "./blocking-rule.ts";
import { NULL_LEVEL, type ComparisonPattern } from "./comparison-pattern.ts";
import { estimateByEm, type EmResult } from "./expectation-maximisation.ts";
import type { EmDiagnostics, EmSession, FieldSpec, FieldType } from "./model.ts";

/**
 * m by EM in training sessions, one per blocking rule (the scheme Splink uses): a session runs on the pairs a
 * rule produces and leaves out the comparisons the rule's keys decide, because among pairs blocked on, say,
 * the name, non-matches agree on the name far more often than the random-pair u says — EM would take that
 * agreement for evidence of a match and pull every blocked pair into the match class. u stays at its
 * random-pair values; each comparison's m is the average of its sessions, weighted by their expected matches.
 *
 * λ, the match probability of a random pair, is then the fixed point of λ = Σ P(match | pattern; λ) / all
 * pairs over the blocked pairs, with m and u held: the posterior of a pair uses the prior of all pairs and u
 * of random pairs, so it does not depend on the pair having been blocked, and the blocked pairs are where
 * (nearly) all matches are. This undercounts by blocking's recall, which cannot be known without labels.
 */

/**
 * Fields whose values are partly the same data, so blocking on one biases the other: an ID number embeds
 * the birth date, the sex (sequence parity) and the county (GB 11643-1999, DOMAIN.md §1).
 */
const CORRELATED_TYPES: Readonly<Partial<Record<FieldType, readonly FieldType[]>>> = {
  resident_id: ["date", "sex", "division_code"],
  date: ["resident_id"],
  sex: ["resident_id"],
  division_code: ["resident_id"],
};

/** Comparisons a session on `rule` must leave out: the fields its keys use and fields correlated with them. */
export function findExcludedComparisons(rule: BlockingRule, fields: readonly FieldSpec[]): boolean[] {
  const usedTypes = new Set<FieldType>();
  const usedFields = new Set<number>();
  for (const key of rule.keys) {
    usedFields.add(key.fieldIndex);
    const type = fields[key.fieldIndex]!.type;
    for (const correlated of CORRELATED_TYPES[type] ?? []) usedTypes.add(correlated);
  }
  return fields.map((field, i) => usedFields.has(i) || usedTypes.has(field.type));
}

export interface TrainingInput {
  readonly fields: readonly FieldSpec[];
  /** Per rule, the patterns of every blocked pair that satisfies it (not only those it added first). */
  readonly rulePatterns: ReadonlyArray<{ readonly rule: BlockingRule; readonly patterns: readonly ComparisonPattern[] }>;
  /** Patterns of all blocked pairs. */
  readonly allPatterns: readonly ComparisonPattern[];
  readonly u: readonly (readonly number[])[];
  /** Pairs there are in all (N(N−1)/2 or N_left × N_right). */
  readonly allPairs: number;
  /** Where EM starts, and the shape of its pseudo-counts. */
  readonly mStart: readonly (readonly number[])[];
  readonly mPrior: readonly (readonly number[])[];
  readonly fixedLevels?: readonly (readonly boolean[])[];
  readonly maxIterations: number;
  readonly tolerance: number;
}

export interface TrainingResult {
  readonly m: number[][];
  /** Probability that two records drawn at random match. */
  readonly lambda: number;
  readonly diagnostics: EmDiagnostics;
}

const MIN_SESSION_PAIRS = 10;

/** Log-odds log(m(γ)/u(γ)) of one pattern, null levels left out. */
function logLikelihoodRatio(levels: readonly number[], m: readonly (readonly number[])[], u: readonly (readonly number[])[]): number {
  let ratio = 0;
  levels.forEach((level, c) => {
    if (level !== NULL_LEVEL) ratio += Math.log(m[c]![level]!) - Math.log(u[c]![level]!);
  });
  return ratio;
}

export function estimateLambdaOverAllPairs(
  patterns: readonly ComparisonPattern[],
  m: readonly (readonly number[])[],
  u: readonly (readonly number[])[],
  allPairs: number,
  maxIterations: number,
  tolerance: number,
): { lambda: number; iterations: number; largestChange: number; converged: boolean } {
  const ratios = patterns.map((p) => logLikelihoodRatio(p.levels, m, u));
  const blocked = patterns.reduce((total, p) => total + p.count, 0);
  let lambda = Math.min(0.5, (0.1 * blocked) / Math.max(1, allPairs));
  let largestChange = Number.POSITIVE_INFINITY;
  let iterations = 0;
  while (iterations < maxIterations && largestChange > tolerance) {
    iterations += 1;
    const priorLogOdds = Math.log(lambda / (1 - lambda));
    const matches = patterns.reduce((total, p, i) => total + p.count / (1 + Math.exp(-(priorLogOdds + ratios[i]!))), 0);
    const next = Math.min(0.5, Math.max(1e-15, matches / Math.max(1, allPairs)));
    // Relative change: λ is often 1e-8 or smaller, where an absolute tolerance would stop at once.
    largestChange = Math.abs(next - lambda) / lambda;
    lambda = next;
  }
  return { lambda, iterations, largestChange, converged: largestChange <= tolerance };
}

function maskPatterns(patterns: readonly ComparisonPattern[], excluded: readonly boolean[]): ComparisonPattern[] {
  return patterns.map((p) => ({ levels: p.levels.map((level, c) => (excluded[c] ? NULL_LEVEL : level)), count: p.count }));
}

function describeSession(pairsFrom: string, patterns: readonly ComparisonPattern[], excluded: string[], result: EmResult): EmSession {
  return {
    pairsFrom,
    pairs: patterns.reduce((total, p) => total + p.count, 0),
    distinctPatterns: patterns.length,
    excluded,
    iterations: result.iterations,
    largestChange: result.largestChange,
    converged: result.converged,
    matchShare: result.lambda,
    logLikelihood: result.logLikelihood,
  };
}

export function trainBySessions(input: TrainingInput): TrainingResult {
  const { fields, u, maxIterations, tolerance } = input;
  const emOptions = { maxIterations, tolerance, fixU: true, mPseudoCount: 1, mPrior: input.mPrior };
  const sums = input.mStart.map((levels) => levels.map(() => 0));
  const weights = fields.map(() => 0);
  const sessions: EmSession[] = [];

  for (const { rule, patterns } of input.rulePatterns) {
    const excluded = findExcludedComparisons(rule, fields);
    const pairs = patterns.reduce((total, p) => total + p.count, 0);
    if (pairs < MIN_SESSION_PAIRS || excluded.every(Boolean)) continue;
    const result = estimateByEm(maskPatterns(patterns, excluded), { lambda: 0.1, m: input.mStart, u }, { ...emOptions, fixedLevels: input.fixedLevels });
    sessions.push(describeSession(rule.text, patterns, fields.filter((_, c) => excluded[c]).map((f) => f.name), result));
    const expectedMatches = Math.max(result.lambda * pairs, 1e-9);
    result.m.forEach((levels, c) => {
      if (excluded[c]) return;
      levels.forEach((value, k) => (sums[c]![k]! += value * expectedMatches));
      weights[c]! += expectedMatches;
    });
  }

  let m = sums.map((levels, c) => (weights[c]! > 0 ? levels.map((v) => v / weights[c]!) : [...input.mStart[c]!]));
  const unestimated = fields.map((_, c) => weights[c] === 0);
  if (unestimated.some(Boolean)) {
    // Every rule uses these comparisons: estimate them on all blocked pairs, holding the others.
    const fixedLevels = m.map((levels, c) => levels.map((_, k) => !unestimated[c] || (input.fixedLevels?.[c]?.[k] ?? false)));
    const result = estimateByEm(input.allPatterns, { lambda: 0.1, m, u }, { ...emOptions, fixedLevels });
    sessions.push(describeSession("all blocked pairs (m of comparisons every rule uses)", input.allPatterns, [], result));
    m = result.m;
  }

  const lambdaStep = estimateLambdaOverAllPairs(input.allPatterns, m, u, input.allPairs, maxIterations, tolerance);
  const blockedPairs = input.allPatterns.reduce((total, p) => total + p.count, 0);
  sessions.push({
    pairsFrom: "all blocked pairs (λ)",
    pairs: blockedPairs,
    distinctPatterns: input.allPatterns.length,
    excluded: [],
    iterations: lambdaStep.iterations,
    largestChange: lambdaStep.largestChange,
    converged: lambdaStep.converged,
    matchShare: (lambdaStep.lambda * input.allPairs) / Math.max(1, blockedPairs),
    logLikelihood: null,
  });

  return {
    m,
    lambda: lambdaStep.lambda,
    diagnostics: {
      iterations: Math.max(...sessions.map((s) => s.iterations)),
      maxIterations,
      largestChange: Math.max(...sessions.map((s) => s.largestChange)),
      tolerance,
      converged: sessions.every((s) => s.converged),
      blockedMatchShare: (lambdaStep.lambda * input.allPairs) / Math.max(1, blockedPairs),
      distinctPatterns: input.allPatterns.length,
      sessions,
      estimatedOnAllPairs: fields.filter((_, c) => unestimated[c]).map((f) => f.name),
    },
  };
}
