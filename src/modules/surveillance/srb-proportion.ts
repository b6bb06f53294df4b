/**
 * The sex ratio at birth (boys per 100 girls) and the proportion of boys among births are two scales of
 * one quantity: p = SRB/(100 + SRB) and SRB = g(p) = 100·p/(1 − p) (DOMAIN.md §5). Binomial methods work on
 * p; results are reported as SRB. The natural reference 105 is p₀ = 105/205 ≈ 0.5122.
 */
export const DEFAULT_REFERENCE_SRB = 105;

export function convertSrbToProportion(srb: number): number {
  return srb / (100 + srb);
}

/** g(p) = 100·p/(1 − p); +Infinity at p = 1. */
export function convertProportionToSrb(proportion: number): number {
  return (100 * proportion) / (1 - proportion);
}
