import { computeBinomialProbability } from "./binomial-probability.ts";

/**
 * Regularised incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), by its continued fraction
 * (Abramowitz & Stegun 26.5.8) evaluated with the modified Lentz method, as in Press et al., Numerical
 * Recipes (3rd ed., §6.4). The fraction converges quickly for x < (a + 1)/(a + b + 2); above that point
 * the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) is used. It needs O(√max(a, b)) terms, a few thousand for
 * binomial tails with N = 10⁷.
 *
 * The prefactor x^a (1 − x)^b / (a·B(a, b)) is the product of huge and tiny numbers when a and b are
 * large; it equals b/(a + b) · P(X = a) for X ~ Bin(a + b, x) (Gamma-function form of the binomial
 * coefficient), which Loader's saddle-point formula gives without cancellation.
 */
const RELATIVE_TOLERANCE = 1e-15;
const TINY = 1e-300;
const MAX_TERMS = 1_000_000;

function evaluateContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let value = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    // Even step of A&S 26.5.8: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
    let coefficient = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    value *= d * c;
    // Odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    coefficient = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + coefficient * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + coefficient / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    value *= step;
    if (Math.abs(step - 1) < RELATIVE_TOLERANCE) return value;
  }
  throw new Error(`incomplete beta continued fraction did not converge (x=${x}, a=${a}, b=${b})`);
}

/** I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1; NaN for invalid arguments. */
export function computeRegularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  // P(X = a) for X ~ Bin(a + b, x), then x^a (1 − x)^b / (a·B(a, b)) = b/(a + b) · P and the mirror image.
  const density = computeBinomialProbability(a, a + b, x);
  if (x < (a + 1) / (a + b + 2)) {
    return ((b / (a + b)) * density * evaluateContinuedFraction(x, a, b));
  }
  return 1 - (a / (a + b)) * density * evaluateContinuedFraction(1 - x, b, a);
}
