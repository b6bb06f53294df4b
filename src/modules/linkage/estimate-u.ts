import { countLevels, type ComparisonPattern } from "./comparison-pattern.ts";

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

/** Pairs agreeing exactly on the first level's feature, out of all pairs where both values are present. */
export interface ExactLevelCount {
  readonly agreeing: number;
  readonly comparable: number;
}

/**
 * The same count as `store.countEqualValuePairs`, from the records in memory (one pass and a map; on a million
 * records several times faster than grouping them in the database). `feature` must be one computed in
 * TypeScript (not `sqlDerived`). Missing `feature` values with `nullFeature` present count as one value, as
 * SQL's GROUP BY counts them.
 */
export function countEqualValuePairsInMemory(
  records: ReadonlyArray<{ readonly side: 0 | 1; readonly features: ReadonlyArray<Readonly<Record<string, string | null>>> }>,
  mode: "dedupe" | "link",
  fieldIndex: number,
  feature: string,
  nullFeature: string,
): ExactLevelCount {
  const counts = new Map<string | null, [number, number]>();
  let left = 0;
  let right = 0;
  for (const record of records) {
    const values = record.features[fieldIndex];
    if (values === undefined || (values[nullFeature] ?? null) === null) continue;
    const value = values[feature] ?? null;
    let count = counts.get(value);
    if (count === undefined) {
      count = [0, 0];
      counts.set(value, count);
    }
    count[record.side]++;
    if (record.side === 0) left++;
    else right++;
  }
  let agreeing = 0;
  for (const [l, r] of counts.values()) agreeing += mode === "dedupe" ? (l * (l - 1)) / 2 : l * r;
  return { agreeing, comparable: mode === "dedupe" ? (left * (left - 1)) / 2 : left * right };
}
