import { assertBirthCounts, type BirthCounts } from "./birth-counts.ts";
import { convertSrbToProportion, DEFAULT_REFERENCE_SRB } from "./srb-proportion.ts";

/**
 * Upper binomial CUSUM for a rise in the SRB, one step per month (DOMAIN.md §5): the log-likelihood-ratio
 * CUSUM of Page (Biometrika 1954) for Bernoulli data in monthly batches of varying size (Reynolds & Stoumbos,
 * J Qual Technol 1999;31:87–108):
 *   S_t = max(0, S_{t−1} + M_t·ln(p₁/p₀) + F_t·ln((1 − p₁)/(1 − p₀))),  S₀ = 0,
 * with p₀ = ref/(100 + ref) in control and p₁ = alt/(100 + alt) the rise to detect. A signal is S_t ≥ h;
 * after a signal the chart restarts from 0 (configurable), so a persisting rise signals again.
 * h is in log-likelihood units: a signal means the data since the last reset are e^h times more likely under
 * p₁ than under p₀. Months without births leave S unchanged.
 *
 * Defaults: reference 105, alternative 110, h = 3.0. Run lengths (estimateRunLength, 4,000 seeded runs,
 * seed 1, standard error about 1.5%; see README.md):
 *   ARL₀ at 100 / 300 / 1,000 births a month: ≈ 800 / 339 / 159 months;
 *   ARL₁ at 300 births a month: SRB 110 ≈ 31 months, SRB 115 ≈ 13 months.
 * ARL₀ in months falls as monthly births grow (it is roughly constant in births, ≈ 10⁵), so choose h for the
 * level monitored: h = 2.5 / 3.5 / 4.0 give ≈ 193 / 574 / 975 months at 300 births a month.
 */
export interface BinomialCusumOptions {
  /** In-control SRB; default 105. */
  readonly referenceSrb?: number;
  /** SRB the chart is tuned to detect; must exceed the reference; default 110. */
  readonly alternativeSrb?: number;
  /** Decision threshold h > 0 in log-likelihood units; default 3.0. */
  readonly threshold?: number;
  /** Restart from 0 after a signal; default true. */
  readonly resetAfterSignal?: boolean;
}

export interface CusumStep {
  /** S_t after this month (before any reset). */
  readonly statistic: number;
  readonly signal: boolean;
}

export const DEFAULT_CUSUM_ALTERNATIVE_SRB = 110;
export const DEFAULT_CUSUM_THRESHOLD = 3.0;

/** A stateful monitor: feed one month at a time, in order. */
export function createBinomialCusum(options: BinomialCusumOptions = {}): (month: BirthCounts) => CusumStep {
  const p0 = convertSrbToProportion(options.referenceSrb ?? DEFAULT_REFERENCE_SRB);
  const p1 = convertSrbToProportion(options.alternativeSrb ?? DEFAULT_CUSUM_ALTERNATIVE_SRB);
  const threshold = options.threshold ?? DEFAULT_CUSUM_THRESHOLD;
  const reset = options.resetAfterSignal ?? true;
  if (!(p1 > p0)) throw new Error("the CUSUM's alternative SRB must exceed its reference SRB");
  if (!(threshold > 0)) throw new Error(`the CUSUM threshold must be positive (got ${threshold})`);
  const boyWeight = Math.log(p1 / p0);
  const girlWeight = Math.log((1 - p1) / (1 - p0));
  let statistic = 0;
  return ({ boys, girls }) => {
    assertBirthCounts(boys, girls);
    statistic = Math.max(0, statistic + boys * boyWeight + girls * girlWeight);
    const step = { statistic, signal: statistic >= threshold };
    if (step.signal && reset) statistic = 0;
    return step;
  };
}

/** Runs the CUSUM over a monthly series. */
export function runBinomialCusum(months: readonly BirthCounts[], options: BinomialCusumOptions = {}): CusumStep[] {
  const step = createBinomialCusum(options);
  return months.map(step);
}
