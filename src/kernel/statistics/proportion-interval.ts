import { computeBetaQuantile } from "./beta-quantile.ts";
import { computeNormalQuantile } from "./normal-quantile.ts";

/**
 * Two-sided confidence interval for a binomial proportion x/n, numbered as in Newcombe, "Two-sided
 * confidence intervals for the single proportion: comparison of seven methods", Stat Med 1998;17:857–72:
 * - "wilson" (method 3): the score interval of Wilson (JASA 1927), centre (p̂ + z²/2n)/(1 + z²/n),
 *   half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²), z = Φ⁻¹(1 − α/2).
 * - "exact" (method 5): Clopper & Pearson (Biometrika 1934), the tail-inversion interval
 *   [Beta⁻¹(α/2; x, n − x + 1), Beta⁻¹(1 − α/2; x + 1, n − x)], with 0 and 1 at x = 0 and x = n.
 * Both stay inside [0, 1] and are defined for x = 0 and x = n.
 */
export type ProportionIntervalMethod = "wilson" | "exact";

export function estimateProportionInterval(
  successes: number,
  trials: number,
  method: ProportionIntervalMethod,
  level = 0.95,
): readonly [low: number, high: number] {
  const validCounts = Number.isInteger(trials) && Number.isInteger(successes) && successes >= 0 && successes <= trials;
  if (!(validCounts && trials > 0)) {
    throw new Error(`a proportion interval needs integers 0 ≤ x ≤ n, n > 0 (x=${successes}, n=${trials})`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`confidence level must lie strictly between 0 and 1 (got ${level})`);
  const alpha = 1 - level;
  if (method === "exact") {
    const low = successes === 0 ? 0 : computeBetaQuantile(alpha / 2, successes, trials - successes + 1);
    const high = successes === trials ? 1 : computeBetaQuantile(1 - alpha / 2, successes + 1, trials - successes);
    return [low, high];
  }
  const z = computeNormalQuantile(1 - alpha / 2);
  const share = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (share + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((share * (1 - share)) / trials + z2n / (4 * trials));
  // At x = 0 and x = n the score interval touches 0 or 1 exactly; clamp away rounding below 0 or above 1.
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}
