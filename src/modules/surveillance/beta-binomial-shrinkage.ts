import { computeLogGammaDifference } from "../../kernel/statistics/log-gamma.ts";
import { assertBirthCounts, type BirthCounts } from "./birth-counts.ts";
import { convertProportionToSrb } from "./srb-proportion.ts";

/**
 * Empirical-Bayes shrinkage of sibling regions' SRBs (DOMAIN.md §5: a township's SRB is mostly noise).
 * Model: region i has M_i boys among N_i births, M_i | p_i ~ Bin(N_i, p_i), p_i ~ Beta(k·μ, k·(1 − μ)), so μ is
 * the prior mean proportion of boys and k the prior "sample size"; the intra-region correlation is
 * ρ = 1/(k + 1) = Var(p_i)/(μ(1 − μ)).
 * Posterior mean: E[p_i | M_i] = (M_i + k·μ)/(N_i + k), a weighted average of the raw share (weight N_i) and μ
 * (weight k); shrunk SRB = g(E[p_i]) = 100·(M_i + kμ)/(F_i + k(1 − μ)). Small regions move most.
 *
 * Estimating μ and k across the I regions with births (N = ΣN_i):
 * - "moments" (default): μ̂ = ΣM_i/N, the pooled share. With S = Σ N_i(p̂_i − μ̂)²,
 *   E[S] = μ(1 − μ)·[(I − 1) + ρ·(N − ΣN_i²/N − (I − 1))] exactly (Kleinman, JASA 1973;68:46–54), so
 *   ρ̂ = (S/(μ̂(1 − μ̂)) − (I − 1)) / (N − ΣN_i²/N − (I − 1)) and k̂ = 1/ρ̂ − 1.
 * - "marginal_likelihood": μ and k maximise Σ ln[B(M_i + kμ, F_i + k(1 − μ)) / B(kμ, k(1 − μ))], the
 *   beta-binomial likelihood (Williams, Biometrics 1975;31:949–52), by nested golden-section searches over
 *   ln k ∈ [ln 10⁻², ln 10¹⁰] and logit μ (the profile is unimodal in practice).
 * Edge cases, never errors:
 * - ρ̂ ≤ 0 (the regions vary no more than binomial noise), or a likelihood still rising at k = 10¹⁰: k = ∞,
 *   every region's estimate is the pooled μ̂. That is the honest answer, not a failure.
 * - fewer than two regions with births, μ̂ ∈ {0, 1}, ρ̂ ≥ 1, or all N_i = 1 (no information on the
 *   between-region variance): k = 0, no pooling, shrunk = raw (NA where the raw SRB is NA).
 * A region without births gets NA, not the prior mean: it has no estimate of its own to shrink.
 */
export type PriorEstimationMethod = "moments" | "marginal_likelihood";

export interface BetaBinomialPrior {
  /** μ: prior mean of the proportion of boys. */
  readonly mean: number;
  /** k = α + β. Infinity: no between-region variance (full pooling); 0: no pooling. */
  readonly concentration: number;
  readonly method: PriorEstimationMethod;
  /** Regions with at least one birth, which informed the estimate. */
  readonly regions: number;
}

export interface RegionalShrinkage {
  readonly prior: BetaBinomialPrior | undefined;
  /** Posterior-mean SRB per input region, in input order; `undefined` is NA. */
  readonly shrunkSrb: readonly (number | undefined)[];
}

const LARGEST_FINITE_CONCENTRATION = 1e10;
const SMALLEST_CONCENTRATION = 1e-2;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The x in [low, high] maximising a unimodal f, to within `tolerance`. */
function maximiseOnInterval(f: (x: number) => number, low: number, high: number, tolerance: number): number {
  let a = low;
  let b = high;
  let c = b - GOLDEN * (b - a);
  let d = a + GOLDEN * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tolerance) {
    if (fc >= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - GOLDEN * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + GOLDEN * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function expit(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Beta-binomial log-likelihood without the binomial coefficients, which do not depend on μ or k. */
function computeLogLikelihood(regions: readonly BirthCounts[], mean: number, concentration: number): number {
  const alpha = concentration * mean;
  const beta = concentration * (1 - mean);
  let total = 0;
  for (const { boys, girls } of regions) {
    total +=
      computeLogGammaDifference(alpha, boys) +
      computeLogGammaDifference(beta, girls) -
      computeLogGammaDifference(concentration, boys + girls);
  }
  return total;
}

function estimateConcentrationByMoments(regions: readonly BirthCounts[], mean: number): number {
  const count = regions.length;
  let births = 0;
  let squaredBirths = 0;
  let weightedSquares = 0;
  for (const { boys, girls } of regions) {
    const n = boys + girls;
    births += n;
    squaredBirths += n * n;
    weightedSquares += n * (boys / n - mean) ** 2;
  }
  const denominator = births - squaredBirths / births - (count - 1);
  if (!(denominator > 0)) return 0;
  const correlation = (weightedSquares / (mean * (1 - mean)) - (count - 1)) / denominator;
  if (correlation <= 0) return Number.POSITIVE_INFINITY;
  if (correlation >= 1) return 0;
  return 1 / correlation - 1;
}

function estimatePriorByMarginalLikelihood(regions: readonly BirthCounts[], pooledMean: number): BetaBinomialPrior {
  const shares = regions.map(({ boys, girls }) => Math.min(1 - 1e-6, Math.max(1e-6, boys / (boys + girls))));
  const lowLogit = logit(Math.min(...shares)) - 0.1;
  const highLogit = logit(Math.max(...shares)) + 0.1;
  const bestMeanFor = (concentration: number): number =>
    expit(maximiseOnInterval((t) => computeLogLikelihood(regions, expit(t), concentration), lowLogit, highLogit, 1e-7));
  const logConcentration = maximiseOnInterval(
    (s) => computeLogLikelihood(regions, bestMeanFor(Math.exp(s)), Math.exp(s)),
    Math.log(SMALLEST_CONCENTRATION),
    Math.log(LARGEST_FINITE_CONCENTRATION),
    1e-4,
  );
  // A maximum at the upper end of the search range means the likelihood keeps rising towards the binomial
  // limit k = ∞, whose maximiser is the pooled share.
  if (logConcentration > Math.log(LARGEST_FINITE_CONCENTRATION) - 0.01) {
    const concentration = Number.POSITIVE_INFINITY;
    return { mean: pooledMean, concentration, method: "marginal_likelihood", regions: regions.length };
  }
  const concentration = Math.exp(logConcentration);
  return { mean: bestMeanFor(concentration), concentration, method: "marginal_likelihood", regions: regions.length };
}

/** μ and k from the regions with births; `undefined` when no region has a birth. */
export function estimateBetaBinomialPrior(
  regions: readonly BirthCounts[],
  method: PriorEstimationMethod = "moments",
): BetaBinomialPrior | undefined {
  for (const { boys, girls } of regions) assertBirthCounts(boys, girls);
  const informative = regions.filter(({ boys, girls }) => boys + girls > 0);
  if (informative.length === 0) return undefined;
  let boys = 0;
  let births = 0;
  for (const region of informative) {
    boys += region.boys;
    births += region.boys + region.girls;
  }
  const pooledMean = boys / births;
  if (informative.length < 2 || pooledMean === 0 || pooledMean === 1) {
    return { mean: pooledMean, concentration: 0, method, regions: informative.length };
  }
  if (method === "marginal_likelihood") return estimatePriorByMarginalLikelihood(informative, pooledMean);
  return {
    mean: pooledMean,
    concentration: estimateConcentrationByMoments(informative, pooledMean),
    method,
    regions: informative.length,
  };
}

/** The posterior-mean SRB of one region under a prior; `undefined` (NA) without births or when infinite. */
export function computePosteriorSrb(counts: BirthCounts, prior: BetaBinomialPrior): number | undefined {
  const { boys, girls } = counts;
  assertBirthCounts(boys, girls);
  if (boys + girls === 0) return undefined;
  const k = prior.concentration;
  let srb: number;
  if (k === Number.POSITIVE_INFINITY) srb = convertProportionToSrb(prior.mean);
  else if (k === 0) srb = (100 * boys) / girls;
  else srb = (100 * (boys + k * prior.mean)) / (girls + k * (1 - prior.mean));
  return Number.isFinite(srb) && srb > 0 ? srb : undefined;
}

/** Estimates the prior across sibling regions and returns every region's shrunk SRB. */
export function shrinkRegionalSrb(
  regions: readonly BirthCounts[],
  method: PriorEstimationMethod = "moments",
): RegionalShrinkage {
  const prior = estimateBetaBinomialPrior(regions, method);
  return {
    prior,
    shrunkSrb: regions.map((region) => (prior === undefined ? undefined : computePosteriorSrb(region, prior))),
  };
}
