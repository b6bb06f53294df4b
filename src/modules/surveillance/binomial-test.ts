import { computeBinomialUpperTail } from "../../kernel/statistics/binomial-tail.ts";
import { assertBirthCounts } from "./birth-counts.ts";
import { convertSrbToProportion, DEFAULT_REFERENCE_SRB } from "./srb-proportion.ts";

/**
 * Exact one-sided binomial test of a raised SRB (DOMAIN.md §5): under the null hypothesis the number of
 * boys is M ~ Bin(N, p₀) with N = M + F and p₀ = ref/(100 + ref); the p-value is P(X ≥ M), computed
 * exactly through the incomplete beta function, so it is valid for a township's 40 births and a nation's
 * 10⁷ alike. The reference defaults to 105; Chao et al. (PNAS 2019;116(19):9303–11) estimate 106.3 for
 * Eastern Asia — pass that where it is the agreed reference. A lowered SRB is not tested here: in
 * surveillance it points to under-registration of boys or to coding errors, which the funnel plot shows.
 */
export interface BinomialTestOptions {
  /** Boys per 100 girls expected naturally; default 105. */
  readonly referenceSrb?: number;
}

/** One-sided p-value P(X ≥ M); `undefined` (NA) when there are no births. */
export function testSrbExcess(boys: number, girls: number, options: BinomialTestOptions = {}): number | undefined {
  assertBirthCounts(boys, girls);
  const referenceSrb = options.referenceSrb ?? DEFAULT_REFERENCE_SRB;
  if (!(referenceSrb > 0 && Number.isFinite(referenceSrb))) {
    throw new Error(`reference SRB must be a positive number (got ${referenceSrb})`);
  }
  const births = boys + girls;
  if (births === 0) return undefined;
  return computeBinomialUpperTail(boys, births, convertSrbToProportion(referenceSrb));
}
