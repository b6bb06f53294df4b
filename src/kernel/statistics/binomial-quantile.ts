import { computeBinomialLowerTail } from "./binomial-tail.ts";

/**
 * The q-quantile of Bin(n, p): the smallest integer r with P(X ≤ r) ≥ q, by bisection on r over [0, n]
 * (about log₂ n evaluations of the exact lower tail).
 */
export function computeBinomialQuantile(q: number, n: number, p: number): number {
  if (!(q >= 0 && q <= 1 && p >= 0 && p <= 1 && Number.isInteger(n) && n >= 0)) return Number.NaN;
  let low = 0;
  let high = n;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (computeBinomialLowerTail(middle, n, p) >= q) high = middle;
    else low = middle + 1;
  }
  return low;
}
