/**
 * ln Γ(x) for x > 0 by Stirling's series with the argument shifted up to at least 15 by the recurrence
 * Γ(x) = Γ(x + 1)/x (Abramowitz & Stegun 6.1.40 and 6.1.15). At y ≥ 15 seven terms of the series leave an
 * error below 1e-17, so the relative accuracy is that of double arithmetic. Binomial tail probabilities for
 * N up to 10⁷ need the Stirling remainder on its own (Loader 2000), hence the second export.
 */
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const SERIES_START = 15;

/**
 * δ(y) = ln Γ(y) − [(y − ½) ln y − y + ½ ln 2π] = ln y! − [(y + ½) ln y − y + ½ ln 2π] for y ≥ 15, as the
 * asymptotic series Σ B₂ₖ / (2k(2k − 1) y²ᵏ⁻¹) with the Bernoulli numbers B₂ … B₁₄.
 */
function computeStirlingSeries(y: number): number {
  const y2 = 1 / (y * y);
  return (
    (1 / 12 -
      y2 * (1 / 360 - y2 * (1 / 1260 - y2 * (1 / 1680 - y2 * (1 / 1188 - y2 * (691 / 360360 - y2 / 156)))))) /
    y
  );
}

/** ln Γ(x) for x > 0; +Infinity at 0; NaN for negative or non-finite input (not needed by renkou). */
export function computeLogGamma(x: number): number {
  if (x === 0) return Number.POSITIVE_INFINITY;
  if (!(x > 0) || !Number.isFinite(x)) return Number.NaN;
  let y = x;
  let product = 1;
  while (y < SERIES_START) {
    product *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + HALF_LOG_TWO_PI + computeStirlingSeries(y) - Math.log(product);
}

/**
 * Loader's "stirlerr": ln Γ(x + 1) − [(x + ½) ln x − x + ½ ln 2π] for x > 0, the small remainder of Stirling's
 * formula for x!. Computed from the series directly for x ≥ 15 so that no large terms cancel.
 * C. Loader, "Fast and accurate computation of binomial probabilities" (2000).
 */
export function computeStirlingRemainder(x: number): number {
  if (x >= SERIES_START) return computeStirlingSeries(x);
  return computeLogGamma(x + 1) - (x + 0.5) * Math.log(x) + x - HALF_LOG_TWO_PI;
}

/**
 * ln Γ(x + m) − ln Γ(x) for x > 0, m ≥ 0 without subtracting two huge numbers: for x ≥ 15 the Stirling
 * forms are subtracted analytically, m·ln(x + m) + (x − ½)·ln(1 + m/x) − m + δ(x + m) − δ(x). Beta-binomial
 * likelihoods need it with x = k·p near 10⁸ and m a few hundred births.
 */
export function computeLogGammaDifference(x: number, m: number): number {
  if (m === 0) return 0;
  if (x < SERIES_START) return computeLogGamma(x + m) - computeLogGamma(x);
  return (
    m * Math.log(x + m) + (x - 0.5) * Math.log1p(m / x) - m + computeStirlingSeries(x + m) - computeStirlingSeries(x)
  );
}
