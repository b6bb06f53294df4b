import { computeRegularizedIncompleteBeta } from "./incomplete-beta.ts";

/**
 * Exact binomial tail probabilities through the incomplete beta function (Abramowitz & Stegun 26.5.24):
 *   P(X ≥ k) = I_p(k, n − k + 1),   P(X ≤ k) = I_{1−p}(n − k, k + 1),   X ~ Bin(n, p).
 * Both tails are computed directly, never as 1 − (other tail), so tiny p-values keep their digits; the
 * cost grows like √n, not n, which keeps n = 10⁷ fast.
 */

/** P(X ≥ k) for X ~ Bin(n, p); n a non-negative integer, k an integer, 0 ≤ p ≤ 1. */
export function computeBinomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return computeRegularizedIncompleteBeta(p, k, n - k + 1);
}

/** P(X ≤ k) for X ~ Bin(n, p); n a non-negative integer, k an integer, 0 ≤ p ≤ 1. */
export function computeBinomialLowerTail(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  return computeRegularizedIncompleteBeta(1 - p, n - k, k + 1);
}
