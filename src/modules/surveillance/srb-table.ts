import { shrinkRegionalSrb } from "./beta-binomial-shrinkage.ts";
import type { BirthCounts } from "./birth-counts.ts";
import { testSrbExcess } from "./binomial-test.ts";
import { compareRegionsOnFunnel, type FunnelFlag } from "./funnel-limits.ts";
import { estimateSrb, type SrbIntervalMethod } from "./srb-estimate.ts";

/**
 * The per-cell statistics of `renkou srb`: for every (region, period, birth order) cell its SRB with a
 * confidence interval, the exact one-sided p-value against the reference, and — across the sibling regions
 * that share its period and birth order — its empirical-Bayes shrunk SRB (method of moments) and its funnel
 * position (exact limits around the reference, no over-dispersion adjustment). Each input row is one region
 * of its group; two rows with the same region, period and birth order count as two regions.
 */
export interface SrbCell extends BirthCounts {
  readonly period: string;
  readonly birthOrder: string;
}

export interface SrbTableOptions {
  readonly method: SrbIntervalMethod;
  readonly level: number;
  readonly referenceSrb: number;
}

/** `undefined` is NA. */
export interface SrbTableRow {
  readonly srb: number | undefined;
  readonly ciLow: number | undefined;
  readonly ciHigh: number | undefined;
  readonly pValue: number | undefined;
  readonly shrunkSrb: number | undefined;
  readonly funnelFlag: FunnelFlag | undefined;
}

function groupIndexes(cells: readonly SrbCell[]): number[][] {
  const groups = new Map<string, number[]>();
  cells.forEach((cell, index) => {
    const key = JSON.stringify([cell.period, cell.birthOrder]);
    const members = groups.get(key);
    if (members === undefined) groups.set(key, [index]);
    else members.push(index);
  });
  return [...groups.values()];
}

/** One output row per input cell, in input order. */
export function computeSrbTable(cells: readonly SrbCell[], options: SrbTableOptions): SrbTableRow[] {
  const shrunk = new Array<number | undefined>(cells.length);
  const flags = new Array<FunnelFlag | undefined>(cells.length);
  for (const members of groupIndexes(cells)) {
    const regions = members.map((index) => cells[index]!);
    const { shrunkSrb } = shrinkRegionalSrb(regions, "moments");
    const { flags: groupFlags } = compareRegionsOnFunnel(regions, { referenceSrb: options.referenceSrb });
    members.forEach((index, position) => {
      shrunk[index] = shrunkSrb[position];
      flags[index] = groupFlags[position];
    });
  }
  return cells.map((cell, index) => {
    const estimate = estimateSrb(cell.boys, cell.girls, { method: options.method, level: options.level });
    return {
      srb: estimate?.srb,
      ciLow: estimate?.low,
      ciHigh: estimate?.high,
      pValue: testSrbExcess(cell.boys, cell.girls, { referenceSrb: options.referenceSrb }),
      shrunkSrb: shrunk[index],
      funnelFlag: flags[index],
    };
  });
}
