import { describe, expect, it } from "vitest";
import { parseBlockingRule, type BlockingRule } from "./blocking-rule.ts";
import type { ComparisonPattern } from "./comparison-pattern.ts";
import type { FieldSpec, FieldType } from "./model.ts";
import { findExcludedComparisons, trainBySessions } from "./train-by-sessions.ts";

const field = (name: string, type: FieldType): FieldSpec => ({ name, leftColumn: name, rightColumn: name, type });
const rule = (text: string, fields: FieldSpec[]): BlockingRule => {
  const parsed = parseBlockingRule(text, fields);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

describe("findExcludedComparisons", () => {
  const fields = [field("name", "zh_name"), field("dob", "date"), field("id", "resident_id"), field("sex", "sex"), field("village", "division_code")];

  it.each([
    ["pinyin(name)", [true, false, false, false, false]],
    ["dob", [false, true, true, false, false]],
    ["id", [false, true, true, true, true]],
    ["name & village", [true, false, true, false, true]],
  ])("a session blocked on %s leaves out the fields it decides and their correlates", (text, excluded) => {
    expect(findExcludedComparisons(rule(text, fields), fields)).toEqual(excluded);
  });
});

describe("trainBySessions", () => {
  const fields = [field("a", "code"), field("b", "code"), field("c", "code")];
  const M = [
    [0.9, 0.07, 0.03],
    [0.8, 0.15, 0.05],
    [0.95, 0.04, 0.01],
  ];
  const U = [
    [0.01, 0.09, 0.9],
    [0.02, 0.08, 0.9],
    [0.005, 0.05, 0.945],
  ];
  const MATCHES = 20_000;
  const NON_MATCHES = 2e8;
  const allLevels: number[][] = [];
  for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) for (let c = 0; c < 3; c++) allLevels.push([a, b, c]);
  const expected = (levels: number[]) => ({
    matches: MATCHES * levels.reduce((p, k, i) => p * M[i]![k]!, 1),
    nonMatches: NON_MATCHES * levels.reduce((p, k, i) => p * U[i]![k]!, 1),
  });
  const patternsWhere = (keep: (levels: number[]) => boolean): ComparisonPattern[] =>
    allLevels.filter(keep).map((levels) => {
      const e = expected(levels);
      return { levels, count: e.matches + e.nonMatches };
    });

  // Blocking on a (exact) or b (exact): every pair in a session agrees on its key, so EM must not use it.
  const rulePatterns = [
    { rule: rule("a", fields), patterns: patternsWhere((l) => l[0] === 0) },
    { rule: rule("b", fields), patterns: patternsWhere((l) => l[1] === 0) },
  ];
  const allPatterns = patternsWhere((l) => l[0] === 0 || l[1] === 0);
  const flat = U.map(() => [0.6, 0.3, 0.1]);
  const result = trainBySessions({ fields, rulePatterns, allPatterns, u: U, allPairs: MATCHES + NON_MATCHES, mStart: flat, mPrior: flat, maxIterations: 20_000, tolerance: 1e-9 });

  // Within 0.005: the one pseudo-pair per comparison moves the estimate a little along a flat likelihood.
  it("recovers every comparison's m from the sessions that do not block on it", () => {
    result.m.forEach((levels, c) => levels.forEach((value, k) => expect(value).toBeCloseTo(M[c]![k]!, 2)));
  });

  it("estimates λ over all pairs as the blocked matches' share of all pairs (true λ × blocking recall)", () => {
    const blockedMatches = allLevels.filter((l) => l[0] === 0 || l[1] === 0).reduce((t, l) => t + expected(l).matches, 0);
    expect(result.lambda / (blockedMatches / (MATCHES + NON_MATCHES))).toBeCloseTo(1, 2);
  });

  it("reports each session and that all converged", () => {
    expect(result.diagnostics.sessions.map((s) => [s.pairsFrom, s.excluded])).toEqual([
      ["a", ["a"]],
      ["b", ["b"]],
      ["all blocked pairs (λ)", []],
    ]);
    expect(result.diagnostics.converged).toBe(true);
  });
});
