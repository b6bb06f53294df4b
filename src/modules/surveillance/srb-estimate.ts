import { computeNormalQuantile } from "../../kernel/statistics/normal-quantile.ts";
import { estimateProportionInterval } from "../../kernel/statistics/proportion-interval.ts";
import { assertBirthCounts } from "./birth-counts.ts";
import { convertProportionToSrb } from "./srb-proportion.ts";

/**
 * Sex ratio at birth with a confidence interval (DOMAIN.md §5). SRB = 100·M/F for M boys and F girls.
 * Intervals, all two-sided at the given level (default 0.95), z = Φ⁻¹(1 − α/2):
 * - "logit" (default): 100·exp(log(M/F) ± z·√(1/M + 1/F)). log(M/F) is the logit of p = M/(M + F); this
 *   delta-method (Woolf-type) interval is the one Urquia et al., CMAJ 2016;188(9):E181–90, Table 1, publish.
 * - "wilson" and "exact" (Clopper–Pearson): intervals for p = M/(M + F) (see proportion-interval.ts,
 *   Newcombe 1998 methods 3 and 5), carried to the SRB scale by the increasing map g(p) = 100·p/(1 − p).
 * If M or F is 0 the ratio is 0 or infinite and the log interval does not exist, so the whole estimate is
 * NA, represented as `undefined` throughout renkou's surveillance code.
 */
export type SrbIntervalMethod = "logit" | "wilson" | "exact";
export const SRB_INTERVAL_METHODS: readonly SrbIntervalMethod[] = ["logit", "wilson", "exact"];

export interface SrbEstimateOptions {
  readonly method?: SrbIntervalMethod;
  /** Confidence level, 0 < level < 1; default 0.95. */
  readonly level?: number;
}

export interface SrbEstimate {
  /** Boys per 100 girls. */
  readonly srb: number;
  readonly low: number;
  readonly high: number;
  readonly method: SrbIntervalMethod;
  readonly level: number;
}

/** SRB and its interval, or `undefined` (NA) when there are no boys or no girls. */
export function estimateSrb(boys: number, girls: number, options: SrbEstimateOptions = {}): SrbEstimate | undefined {
  assertBirthCounts(boys, girls);
  const method = options.method ?? "logit";
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must lie strictly between 0 and 1 (got ${level})`);
  if (boys === 0 || girls === 0) return undefined;
  const srb = (100 * boys) / girls;
  if (method === "logit") {
    const halfWidth = computeNormalQuantile(1 - (1 - level) / 2) * Math.sqrt(1 / boys + 1 / girls);
    return { srb, low: srb * Math.exp(-halfWidth), high: srb * Math.exp(halfWidth), method, level };
  }
  const [low, high] = estimateProportionInterval(boys, boys + girls, method, level);
  return { srb, low: convertProportionToSrb(low), high: convertProportionToSrb(high), method, level };
}
