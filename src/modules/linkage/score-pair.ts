import { COMPARISON_LIBRARY } from "./comparison-library.ts";
import { NULL_LEVEL } from "./comparison-pattern.ts";
import type { LinkParameters } from "./model.ts";

/**
 * Fellegi–Sunter scoring: match weight = log2(λ/(1−λ)) + Σ log2(m/u) over the pair's levels, plus
 * term-frequency adjustments; probability = 1 / (1 + 2^−weight). Every term is reported, so a case worker
 * sees which field pushed a pair up or down (a waterfall).
 */
export interface ComparisonContribution {
  readonly field: string;
  /** Level label, or "null" when a value was missing. */
  readonly level: string;
  /** Bayes-factor weight log2(m/u) of the level. */
  readonly weight: number;
  /** Term-frequency adjustment added on top (0 when none applies). */
  readonly tfAdjustment: number;
}

export interface PairScore {
  readonly matchWeight: number;
  readonly matchProbability: number;
  readonly priorWeight: number;
  readonly contributions: readonly ComparisonContribution[];
}

/** The data the SQL scorer needs per comparison; also used by `scorePair`, so both always agree. */
export interface ComparisonScoring {
  /** Index level+1 → weight; index 0 is the null level (weight 0). */
  readonly levelWeights: readonly number[];
  /** Index level+1 → multiplier of log2(uExact / tf): 1 for exact tf levels, tfFuzzyWeight for fuzzy, else 0. */
  readonly tfMultipliers: readonly number[];
  /** Index level+1 → the u the tf value replaces (the level's own u on exact levels, the exact level's on fuzzy). */
  readonly tfBaseU: readonly number[];
  readonly usesTermFrequency: boolean;
}

export function toLog2BayesFactor(m: number, u: number): number {
  return Math.log2(m / u);
}

export function priorWeightOf(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

export function probabilityOfWeight(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

export function buildComparisonScoring(parameters: LinkParameters): ComparisonScoring[] {
  return parameters.comparisons.map((comparison) => {
    const definitions = COMPARISON_LIBRARY[comparison.type].levels;
    const firstExact = definitions.findIndex((d) => d.tf === "exact");
    const exactU = firstExact >= 0 ? comparison.levels[firstExact]?.u ?? 1 : 1;
    const levelWeights = [0, ...comparison.levels.map((level) => toLog2BayesFactor(level.m, level.u))];
    const tfMultipliers = [0, ...definitions.map((d) => (d.tf === "exact" ? 1 : d.tf === "fuzzy" ? parameters.tfFuzzyWeight : 0))];
    const tfBaseU = [1, ...definitions.map((d, k) => (d.tf === "exact" ? comparison.levels[k]!.u : exactU))];
    return { levelWeights, tfMultipliers, tfBaseU, usesTermFrequency: firstExact >= 0 };
  });
}

/**
 * Term-frequency adjustment (Winkler 1989): on an agreeing name the generic u (chance that two random people
 * share *a* name) is replaced by the frequency of *this* name, the larger of the two records' values.
 * 张伟 (~290,000 holders) then counts for much less than a rare name.
 */
export function termFrequencyAdjustment(scoring: ComparisonScoring, level: number, termFrequency: number | null): number {
  const multiplier = scoring.tfMultipliers[level + 1] ?? 0;
  if (multiplier === 0 || termFrequency === null || termFrequency <= 0) return 0;
  return multiplier * Math.log2(scoring.tfBaseU[level + 1]! / termFrequency);
}

/** Scores one pair from its levels (−1 = null) and, per comparison, the larger term frequency of its two values. */
export function scorePair(
  parameters: LinkParameters,
  levels: readonly number[],
  termFrequencies: readonly (number | null)[] = [],
): PairScore {
  const scoring = buildComparisonScoring(parameters);
  const priorWeight = priorWeightOf(parameters.lambda);
  const contributions = parameters.comparisons.map((comparison, c) => {
    const level = levels[c] ?? NULL_LEVEL;
    return {
      field: comparison.field,
      level: level === NULL_LEVEL ? "null" : comparison.levels[level]?.label ?? "unknown",
      weight: scoring[c]!.levelWeights[level + 1] ?? 0,
      tfAdjustment: termFrequencyAdjustment(scoring[c]!, level, termFrequencies[c] ?? null),
    };
  });
  const matchWeight = contributions.reduce((total, c) => total + c.weight + c.tfAdjustment, priorWeight);
  return { matchWeight, matchProbability: probabilityOfWeight(matchWeight), priorWeight, contributions };
}
