import { assertBirthCounts, type BirthCounts } from "./birth-counts.ts";
import { convertSrbToProportion, DEFAULT_REFERENCE_SRB } from "./srb-proportion.ts";

/**
 * EWMA chart of the monthly proportion of boys with exact, time-varying control limits for varying monthly
 * births n_t (Roberts, Technometrics 1959; Lucas & Saccucci, Technometrics 1990 for the exact variance):
 *   Z₀ = p₀,  Z_t = λ·p̂_t + (1 − λ)·Z_{t−1},  p̂_t = M_t/n_t,
 *   Var(Z_t) = V_t = λ²·p₀(1 − p₀)/n_t + (1 − λ)²·V_{t−1},  V₀ = 0,
 *   limits p₀ ± L·√V_t.
 * "Exact" means V_t is the exact variance of Z_t under p₀ given every month's own n, not the asymptotic
 * λ/(2 − λ)·p₀(1 − p₀)/n, which is too wide in the first months and wrong whenever n changes.
 * A month without births is skipped (Z and V unchanged, no signal). After a signal the chart restarts from
 * Z = p₀, V = 0 (configurable). The default is one-sided (upper), because the concern is a rise of the SRB;
 * "both" also signals below (a deficit of boys, usually under-registration).
 *
 * Defaults: reference 105, λ = 0.1, L = 2.4, upper side. Run lengths (estimateRunLength, 4,000 seeded runs,
 * seed 1, standard error about 1.6%; see README.md):
 *   ARL₀ ≈ 354 months at 100, 300 and 1,000 births a month alike (the limits scale with √V_t);
 *   ARL₁ at 300 births a month: SRB 110 ≈ 27 months, SRB 115 ≈ 9 months.
 * L = 2.3 / 2.5 / 2.7 give ARL₀ ≈ 283 / 445 / 733 months (λ = 0.1).
 */
export type EwmaSides = "upper" | "both";

export interface EwmaOptions {
  readonly referenceSrb?: number;
  /** Smoothing weight 0 < λ ≤ 1; default 0.1. */
  readonly lambda?: number;
  /** Width of the limits in standard deviations; default 2.4. */
  readonly width?: number;
  readonly sides?: EwmaSides;
  readonly resetAfterSignal?: boolean;
}

export interface EwmaStep {
  /** Z_t on the proportion-of-boys scale. */
  readonly statistic: number;
  readonly lowerLimit: number;
  readonly upperLimit: number;
  readonly signal: boolean;
}

export const DEFAULT_EWMA_LAMBDA = 0.1;
export const DEFAULT_EWMA_WIDTH = 2.4;

/** A stateful monitor: feed one month at a time, in order. */
export function createEwmaChart(options: EwmaOptions = {}): (month: BirthCounts) => EwmaStep {
  const target = convertSrbToProportion(options.referenceSrb ?? DEFAULT_REFERENCE_SRB);
  const lambda = options.lambda ?? DEFAULT_EWMA_LAMBDA;
  const width = options.width ?? DEFAULT_EWMA_WIDTH;
  const sides = options.sides ?? "upper";
  const reset = options.resetAfterSignal ?? true;
  if (!(lambda > 0 && lambda <= 1)) throw new Error(`EWMA λ must lie in (0, 1] (got ${lambda})`);
  if (!(width > 0)) throw new Error(`EWMA width L must be positive (got ${width})`);
  const binomialVariance = target * (1 - target);
  let statistic = target;
  let variance = 0;
  return ({ boys, girls }) => {
    assertBirthCounts(boys, girls);
    const births = boys + girls;
    if (births > 0) {
      statistic = lambda * (boys / births) + (1 - lambda) * statistic;
      variance = (lambda * lambda * binomialVariance) / births + (1 - lambda) ** 2 * variance;
    }
    const halfWidth = width * Math.sqrt(variance);
    const upperLimit = target + halfWidth;
    const lowerLimit = target - halfWidth;
    const signal = births > 0 && (statistic > upperLimit || (sides === "both" && statistic < lowerLimit));
    const step = { statistic, lowerLimit, upperLimit, signal };
    if (signal && reset) {
      statistic = target;
      variance = 0;
    }
    return step;
  };
}

/** Runs the EWMA chart over a monthly series. */
export function runEwmaChart(months: readonly BirthCounts[], options: EwmaOptions = {}): EwmaStep[] {
  const step = createEwmaChart(options);
  return months.map(step);
}
