import { countLevels, type ComparisonPattern } from "./comparison-pattern.ts";
import type { ExactLevelCount } from "./value-counts.ts";

/**
 * u-probabilities, P(level | non-match), from a random sample of pairs: almost every random pair is a
 * non-match, so level frequencies among them estimate u directly (Splink's "u from random sampling").
 * Half a pair is added to every level (Jeffreys-style smoothing), so a level never seen in the sample gets a
 * small positive u instead of an infinite weight.
 *
 * When the first level is plain equality on one feature, its u is not sampled but counted exactly from value
 * frequencies (rare agreements — an ID, a date — are the ones a sample estimates worst), and the sample only
 * divides the remaining probability among the other levels.
 */
export function estimateU(
  samplePatterns: readonly ComparisonPattern[],
  levelCounts: readonly number[],
  exactFirstLevel: readonly (ExactLevelCount | undefined)[] = [],
): number[][] {
  return countLevels(samplePatterns, levelCounts).map((counts, c) => {
    const exact = exactFirstLevel[c];
    if (exact === undefined || exact.comparable <= 0) {
      const total = counts.reduce((a, b) => a + b, 0) + 0.5 * counts.length;
      return counts.map((n) => (n + 0.5) / total);
    }
    // Stratified: the first level's share counted over all pairs, the others' shares sampled among the rest.
    const first = Math.max(exact.agreeing, 0.5) / exact.comparable;
    const rest = counts.slice(1);
    const restTotal = rest.reduce((a, b) => a + b, 0) + 0.5 * rest.length;
    return [first, ...rest.map((n) => ((1 - first) * (n + 0.5)) / restTotal)];
  });
}
