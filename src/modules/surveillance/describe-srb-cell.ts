import type { BirthCounts } from "./birth-counts.ts";
import type { SrbCell } from "./model.ts";
import { suppressSmallCells } from "./small-cell-suppression.ts";
import { estimateSrb } from "./srb-estimate.ts";

export const SRB_CELL_FIELDS = ["births", "boys", "girls", "srb", "ciLow", "ciHigh"] as const;

/**
 * A cell as the dashboard shows it: births, boys, girls, SRB and its 95% logit interval (NA as null), all
 * withheld when the cell has 1 to `threshold` − 1 births (boys + girls; births of unknown sex are not part
 * of the ratio and are reported separately).
 */
export function describeSrbCell(counts: BirthCounts, threshold: number): SrbCell {
  const estimate = estimateSrb(counts.boys, counts.girls);
  const cell = {
    births: counts.boys + counts.girls,
    boys: counts.boys,
    girls: counts.girls,
    srb: estimate?.srb ?? null,
    ciLow: estimate?.low ?? null,
    ciHigh: estimate?.high ?? null,
  };
  // An empty cell identifies no one: it shows 0 births and NA ratios rather than the marker.
  const births = (row: typeof cell) => (row.births === 0 ? threshold : row.births);
  return suppressSmallCells([cell], { births, fields: SRB_CELL_FIELDS, threshold })[0]!;
}

/** Sums cells' boys and girls. */
export function addBirthCounts(cells: Iterable<BirthCounts>): BirthCounts {
  let boys = 0;
  let girls = 0;
  for (const cell of cells) {
    boys += cell.boys;
    girls += cell.girls;
  }
  return { boys, girls };
}
