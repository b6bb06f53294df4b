import { computeBinomialProbability } from "./binomial-probability.ts";
import type { RandomSource } from "./seeded-random.ts";

/**
 * Draws from Bin(n, p) by inversion of a precomputed cumulative table: one uniform number and a binary
 * search per draw, so a stream of seeded uniforms gives a reproducible stream of counts. The table covers
 * the mean ± 12 standard deviations (the mass outside is below 10⁻³⁰, far under one draw in 2³²), which
 * keeps it small for the monthly birth counts (10²–10⁵) that surveillance simulations need.
 */
export type BinomialSampler = () => number;

export function createBinomialSampler(n: number, p: number, random: RandomSource): BinomialSampler {
  if (!(Number.isInteger(n) && n >= 0 && p >= 0 && p <= 1)) {
    throw new Error(`createBinomialSampler needs a non-negative integer n and 0 ≤ p ≤ 1 (n=${n}, p=${p})`);
  }
  const spread = 12 * Math.sqrt(n * p * (1 - p)) + 12;
  const first = Math.max(0, Math.floor(n * p - spread));
  const last = Math.min(n, Math.ceil(n * p + spread));
  const cumulative = new Float64Array(last - first + 1);
  let total = 0;
  for (let k = first; k <= last; k++) {
    total += computeBinomialProbability(k, n, p);
    cumulative[k - first] = total;
  }
  return () => {
    // Scaling by the table's own total makes the draw exact for the truncated distribution.
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle]! > target) high = middle;
      else low = middle + 1;
    }
    return first + low;
  };
}
