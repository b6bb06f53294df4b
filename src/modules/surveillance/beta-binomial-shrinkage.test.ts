import { describe, expect, it } from "vitest";
import { createBinomialSampler } from "../../kernel/statistics/binomial-sampler.ts";
import { computeLogGamma } from "../../kernel/statistics/log-gamma.ts";
import { createSeededRandom } from "../../kernel/statistics/seeded-random.ts";
import {
  computePosteriorSrb,
  estimateBetaBinomialPrior,
  shrinkRegionalSrb,
  type BetaBinomialPrior,
} from "./beta-binomial-shrinkage.ts";
import type { BirthCounts } from "./birth-counts.ts";

/** Regions whose true shares are μ ± d with equal chance: Var(p) = d², so ρ = d²/(μ(1 − μ)). */
function simulateRegions(seed: number, count: number, mean: number, spread: number): BirthCounts[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const births = 150 + 40 * (index % 8);
    const share = random() < 0.5 ? mean - spread : mean + spread;
    const boys = createBinomialSampler(births, share, random)();
    return { boys, girls: births - boys };
  });
}

/** Beta-binomial log-likelihood written out with ln Γ, independent of the module's stable form. */
function computeLogLikelihood(regions: readonly BirthCounts[], prior: { mean: number; concentration: number }): number {
  const a = prior.concentration * prior.mean;
  const b = prior.concentration * (1 - prior.mean);
  return regions.reduce(
    (sum, { boys, girls }) =>
      sum +
      computeLogGamma(boys + a) + computeLogGamma(girls + b) - computeLogGamma(boys + girls + a + b) -
      (computeLogGamma(a) + computeLogGamma(b) - computeLogGamma(a + b)),
    0,
  );
}

describe("estimateBetaBinomialPrior by moments", () => {
  it("reproduces a hand-computed example", () => {
    // μ̂ = 60/120 = ½; S = 40·¼² + 40·¼² + 0 = 5; S/(μ̂(1 − μ̂)) = 20; N − ΣN²/N − (I − 1) = 120 − 40 − 2 = 78;
    // ρ̂ = (20 − 2)/78 = 3/13; k̂ = 13/3 − 1 = 10/3.
    const prior = estimateBetaBinomialPrior([
      { boys: 30, girls: 10 },
      { boys: 10, girls: 30 },
      { boys: 20, girls: 20 },
    ])!;
    expect(prior.mean).toBe(0.5);
    expect(prior.concentration).toBeCloseTo(10 / 3, 12);
    expect(prior.regions).toBe(3);
    expect(prior.method).toBe("moments");
  });

  it("recovers the intra-region correlation on average over simulated regions", () => {
    const mean = 0.52;
    const spread = 0.025;
    const trueCorrelation = (spread * spread) / (mean * (1 - mean));
    let total = 0;
    const replications = 60;
    for (let seed = 1; seed <= replications; seed++) {
      const prior = estimateBetaBinomialPrior(simulateRegions(seed, 30, mean, spread))!;
      total += 1 / (prior.concentration + 1);
    }
    // ρ = 0.0025; over these 60 replications the mean of ρ̂ is 0.00258 with a standard error of 0.00018.
    expect(Math.abs(total / replications - trueCorrelation)).toBeLessThan(0.0004);
  });

  it("returns k = ∞ (no between-region variance) when the regions vary less than binomial noise", () => {
    const prior = estimateBetaBinomialPrior([
      { boys: 512, girls: 488 },
      { boys: 513, girls: 487 },
      { boys: 511, girls: 489 },
    ])!;
    expect(prior.concentration).toBe(Number.POSITIVE_INFINITY);
    expect(prior.mean).toBeCloseTo(1536 / 3000, 12);
  });

  it("does not pool a single region or regions with only boys", () => {
    expect(estimateBetaBinomialPrior([{ boys: 30, girls: 20 }])!.concentration).toBe(0);
    expect(estimateBetaBinomialPrior([{ boys: 3, girls: 0 }, { boys: 5, girls: 0 }])!.concentration).toBe(0);
  });

  it("ignores regions without births and is undefined when no region has any", () => {
    const withEmpty = estimateBetaBinomialPrior([{ boys: 30, girls: 10 }, { boys: 0, girls: 0 }, { boys: 10, girls: 30 }])!;
    expect(withEmpty.regions).toBe(2);
    expect(estimateBetaBinomialPrior([{ boys: 0, girls: 0 }])).toBeUndefined();
    expect(estimateBetaBinomialPrior([])).toBeUndefined();
  });
});

describe("estimateBetaBinomialPrior by marginal likelihood", () => {
  it("finds a maximum of the beta-binomial likelihood", () => {
    const regions = simulateRegions(3, 30, 0.52, 0.03);
    const prior = estimateBetaBinomialPrior(regions, "marginal_likelihood")!;
    expect(prior.method).toBe("marginal_likelihood");
    expect(Number.isFinite(prior.concentration)).toBe(true);
    const best = computeLogLikelihood(regions, prior);
    for (const [meanStep, concentrationFactor] of [[0.002, 1], [-0.002, 1], [0, 1.2], [0, 1 / 1.2]] as const) {
      const neighbour = { mean: prior.mean + meanStep, concentration: prior.concentration * concentrationFactor };
      expect(computeLogLikelihood(regions, neighbour)).toBeLessThan(best);
    }
  });

  it("agrees roughly with the moment estimate", () => {
    const regions = simulateRegions(5, 40, 0.52, 0.03);
    const moments = estimateBetaBinomialPrior(regions, "moments")!;
    const likelihood = estimateBetaBinomialPrior(regions, "marginal_likelihood")!;
    expect(likelihood.mean).toBeCloseTo(moments.mean, 2);
    expect(Math.abs(Math.log(likelihood.concentration / moments.concentration))).toBeLessThan(0.5);
  });

  it("returns k = ∞ for homogeneous regions", () => {
    const prior = estimateBetaBinomialPrior(
      [
        { boys: 512, girls: 488 },
        { boys: 513, girls: 487 },
        { boys: 511, girls: 489 },
      ],
      "marginal_likelihood",
    )!;
    expect(prior.concentration).toBe(Number.POSITIVE_INFINITY);
    expect(prior.mean).toBeCloseTo(1536 / 3000, 12);
  });
});

describe("computePosteriorSrb", () => {
  const prior: BetaBinomialPrior = { mean: 0.5, concentration: 10 / 3, method: "moments", regions: 3 };

  it("is 100·(M + kμ)/(F + k(1 − μ))", () => {
    expect(computePosteriorSrb({ boys: 30, girls: 10 }, prior)).toBeCloseTo((100 * (30 + 5 / 3)) / (10 + 5 / 3), 10);
  });

  it("is defined for a region without boys once k > 0, and NA for a region without births", () => {
    expect(computePosteriorSrb({ boys: 0, girls: 4 }, prior)).toBeCloseTo((100 * (5 / 3)) / (4 + 5 / 3), 10);
    expect(computePosteriorSrb({ boys: 0, girls: 0 }, prior)).toBeUndefined();
  });

  it("is the pooled SRB when k = ∞ and the raw SRB when k = 0", () => {
    expect(computePosteriorSrb({ boys: 30, girls: 10 }, { ...prior, concentration: Number.POSITIVE_INFINITY })).toBe(100);
    expect(computePosteriorSrb({ boys: 30, girls: 10 }, { ...prior, concentration: 0 })).toBe(300);
    expect(computePosteriorSrb({ boys: 30, girls: 0 }, { ...prior, concentration: 0 })).toBeUndefined();
  });
});

describe("shrinkRegionalSrb", () => {
  it("moves small regions further towards the pooled ratio than large ones", () => {
    const regions = [
      { boys: 30, girls: 20 },
      { boys: 600, girls: 400 },
      { boys: 480, girls: 520 },
      { boys: 520, girls: 480 },
      { boys: 505, girls: 495 },
    ];
    const { prior, shrunkSrb } = shrinkRegionalSrb(regions);
    const pooled = (100 * prior!.mean) / (1 - prior!.mean);
    const pull = (index: number) => {
      const { boys, girls } = regions[index]!;
      const raw = (100 * boys) / girls;
      return (raw - shrunkSrb[index]!) / (raw - pooled);
    };
    // Same raw ratio (150), 50 births against 1,000.
    expect(pull(0)).toBeGreaterThan(pull(1));
    expect(pull(1)).toBeGreaterThan(0);
    expect(pull(0)).toBeLessThan(1);
  });

  it("keeps input order and gives NA to regions without births", () => {
    const { shrunkSrb } = shrinkRegionalSrb([{ boys: 0, girls: 0 }, { boys: 30, girls: 10 }, { boys: 10, girls: 30 }]);
    expect(shrunkSrb).toHaveLength(3);
    expect(shrunkSrb[0]).toBeUndefined();
    expect(shrunkSrb[1]!).toBeGreaterThan(100);
    expect(shrunkSrb[2]!).toBeLessThan(100);
  });
});
