import { computeBinomialLowerTail } from "../../kernel/statistics/binomial-tail.ts";
import { computeBinomialQuantile } from "../../kernel/statistics/binomial-quantile.ts";
import { computeNormalQuantile } from "../../kernel/statistics/normal-quantile.ts";
import { assertBirthCounts, type BirthCounts } from "./birth-counts.ts";
import { convertSrbToProportion, DEFAULT_REFERENCE_SRB } from "./srb-proportion.ts";

/**
 * Funnel plot of regions' proportion of boys y = M/N against births N, with control limits around the
 * target p₀ = ref/(100 + ref) (Spiegelhalter, "Funnel plots for comparing institutional performance",
 * Stat Med 2005;24:1185–1202). Limits at 95% (0.025/0.975) and 99.8% (0.001/0.999), like his figures.
 *
 * Without over-dispersion the limits are EXACT binomial with Spiegelhalter's interpolation (his appendix):
 * for a cumulative probability Q let r be the Q-quantile of Bin(N, p₀), the smallest r with P(X ≤ r) ≥ Q,
 * and α = (P(X ≤ r) − Q)/(P(X ≤ r) − P(X ≤ r − 1)) ∈ [0, 1). The lower limit (Q = 0.025 or 0.001) is
 * (r − α)/N; the upper limit (Q = 0.975 or 0.999) is (r + 1 − α)/N. The interpolation makes the limits
 * smooth in N; placing the upper one a step higher makes "above the limit" coincide with the exact test:
 * a region is above the 95% limit exactly when P(X ≥ M) ≤ 0.025 (testSrbExcess), and below it exactly
 * when P(X ≤ M) < 0.025. The symmetric form (r − α)/N on both sides would flag about half a birth too early.
 *
 * With over-dispersion (his §5, the multiplicative model) the limits use the normal approximation
 * p₀ ± z_q·√(φ·p₀(1 − p₀)/N), as in the paper. φ is estimated from the regions' z-scores
 * z_i = (y_i − p₀)/√(p₀(1 − p₀)/N_i) after 10% winsorisation (the lowest 10% of z-scores are set to the
 * 10th-percentile value and the highest 10% to the 90th, keeping their number): φ̂ = (1/I)·Σ z_i². φ̂ < 1 is
 * evidence of no over-dispersion, so the limits are never narrowed: φ = max(1, φ̂). With fewer than 10
 * regions nothing is winsorised (10% of fewer than 10 is no region).
 */
export type FunnelFlag = "above_998" | "above_95" | "within" | "below_95" | "below_998";

export interface FunnelLimits {
  readonly births: number;
  readonly lower998: number;
  readonly lower95: number;
  readonly upper95: number;
  readonly upper998: number;
}

export interface FunnelLimitOptions {
  /** Multiplicative over-dispersion φ ≥ 1; when given (and > 1) the limits are normal-approximation ones. */
  readonly dispersion?: number;
}

const TAILS = { lower998: 0.001, lower95: 0.025, upper95: 0.975, upper998: 0.999 } as const;
const WINSORISED_SHARE = 0.1;

function computeExactLimit(q: number, births: number, target: number): number {
  const r = computeBinomialQuantile(q, births, target);
  const atR = computeBinomialLowerTail(r, births, target);
  const belowR = computeBinomialLowerTail(r - 1, births, target);
  const alpha = atR === belowR ? 0 : (atR - q) / (atR - belowR);
  const step = q > 0.5 ? 1 : 0;
  return (r + step - alpha) / births;
}

function computeNormalLimit(q: number, births: number, target: number, dispersion: number): number {
  return target + computeNormalQuantile(q) * Math.sqrt((dispersion * target * (1 - target)) / births);
}

/** Control limits on the proportion scale for a region with `births` births around `target` = p₀. */
export function computeFunnelLimits(births: number, target: number, options: FunnelLimitOptions = {}): FunnelLimits {
  if (!(Number.isInteger(births) && births > 0 && target > 0 && target < 1)) {
    throw new Error(`funnel limits need births > 0 and 0 < target < 1 (births=${births}, target=${target})`);
  }
  const dispersion = options.dispersion ?? 1;
  const limit =
    dispersion > 1
      ? (q: number) => computeNormalLimit(q, births, target, dispersion)
      : (q: number) => computeExactLimit(q, births, target);
  return {
    births,
    lower998: limit(TAILS.lower998),
    lower95: limit(TAILS.lower95),
    upper95: limit(TAILS.upper95),
    upper998: limit(TAILS.upper998),
  };
}

/** Where y = boys/births falls; a share exactly on a limit counts as inside it. */
export function classifyFunnelPosition(counts: BirthCounts, limits: FunnelLimits): FunnelFlag {
  const share = counts.boys / (counts.boys + counts.girls);
  if (share > limits.upper998) return "above_998";
  if (share > limits.upper95) return "above_95";
  if (share < limits.lower998) return "below_998";
  if (share < limits.lower95) return "below_95";
  return "within";
}

/** Replaces the lowest and highest `share` of values by the nearest value kept (Spiegelhalter 2005). */
export function winsorise(values: readonly number[], share = WINSORISED_SHARE): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(share * sorted.length);
  if (cut === 0) return [...values];
  const low = sorted[cut]!;
  const high = sorted[sorted.length - 1 - cut]!;
  return values.map((value) => Math.min(high, Math.max(low, value)));
}

/** φ̂ from the regions with births; `undefined` when fewer than two regions have births. */
export function estimateOverdispersion(regions: readonly BirthCounts[], target: number): number | undefined {
  const zScores: number[] = [];
  for (const { boys, girls } of regions) {
    assertBirthCounts(boys, girls);
    const births = boys + girls;
    if (births === 0) continue;
    zScores.push((boys / births - target) / Math.sqrt((target * (1 - target)) / births));
  }
  if (zScores.length < 2) return undefined;
  const winsorised = winsorise(zScores);
  return winsorised.reduce((sum, z) => sum + z * z, 0) / winsorised.length;
}

export interface FunnelComparisonOptions {
  readonly referenceSrb?: number;
  /** Estimate φ from the regions and widen the limits when φ̂ > 1; default false. */
  readonly adjustForOverdispersion?: boolean;
}

export interface FunnelComparison {
  readonly target: number;
  /** φ̂ when over-dispersion was estimated, else `undefined`. */
  readonly dispersion: number | undefined;
  /** Per input region in input order; `undefined` (NA) for a region without births. */
  readonly flags: readonly (FunnelFlag | undefined)[];
}

/** Flags every region against the reference SRB on one funnel plot. */
export function compareRegionsOnFunnel(
  regions: readonly BirthCounts[],
  options: FunnelComparisonOptions = {},
): FunnelComparison {
  const target = convertSrbToProportion(options.referenceSrb ?? DEFAULT_REFERENCE_SRB);
  const dispersion = options.adjustForOverdispersion ? estimateOverdispersion(regions, target) : undefined;
  const limitOptions = { dispersion: Math.max(1, dispersion ?? 1) };
  const flags = regions.map((region) => {
    assertBirthCounts(region.boys, region.girls);
    const births = region.boys + region.girls;
    return births === 0 ? undefined : classifyFunnelPosition(region, computeFunnelLimits(births, target, limitOptions));
  });
  return { target, dispersion, flags };
}
