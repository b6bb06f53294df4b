/**
 * A distinct combination of comparison levels and how many pairs show it. EM and u estimation work on these
 * (a few thousand rows even for millions of pairs), which is what makes them exact and fast (DESIGN.md §6).
 * Level −1 is the null level (a value missing on either side).
 */
export interface ComparisonPattern {
  readonly levels: readonly number[];
  readonly count: number;
}

export const NULL_LEVEL = -1;

/** Per comparison, per level: how many pairs took that level (null levels not counted). */
export function countLevels(patterns: readonly ComparisonPattern[], levelCounts: readonly number[]): number[][] {
  const totals = levelCounts.map((n) => new Array<number>(n).fill(0));
  for (const pattern of patterns) {
    pattern.levels.forEach((level, comparison) => {
      if (level !== NULL_LEVEL) totals[comparison]![level]! += pattern.count;
    });
  }
  return totals;
}
