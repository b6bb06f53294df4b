import { describe, expect, it } from "vitest";
import { createBinomialSampler } from "../../kernel/statistics/binomial-sampler.ts";
import { computeBinomialLowerTail, computeBinomialUpperTail } from "../../kernel/statistics/binomial-tail.ts";
import { createSeededRandom } from "../../kernel/statistics/seeded-random.ts";
import type { BirthCounts } from "./birth-counts.ts";
import {
  classifyFunnelPosition,
  compareRegionsOnFunnel,
  computeFunnelLimits,
  estimateOverdispersion,
  winsorise,
  type FunnelFlag,
} from "./funnel-limits.ts";

const P0 = 105 / 205;

function simulateRegions(seed: number, count: number, births: number, spread: number): BirthCounts[] {
  const random = createSeededRandom(seed);
  return Array.from({ length: count }, () => {
    const share = spread === 0 ? P0 : random() < 0.5 ? P0 - spread : P0 + spread;
    const boys = createBinomialSampler(births, share, random)();
    return { boys, girls: births - boys };
  });
}

describe("computeFunnelLimits (exact, Spiegelhalter's interpolation)", () => {
  it("matches a hand-worked Bin(10, ½) example and is symmetric around ½", () => {
    // Q = 0.975: r = 8, P(X ≤ 8) = 1013/1024, P(X ≤ 7) = 968/1024, α = (1013/1024 − 0.975)/(45/1024);
    // upper = (8 + 1 − α)/10. Q = 0.025: r = 2, α = (56/1024 − 0.025)/(45/1024), lower = (2 − α)/10.
    const limits = computeFunnelLimits(10, 0.5);
    const upperAlpha = (1013 / 1024 - 0.975) / (45 / 1024);
    const lowerAlpha = (56 / 1024 - 0.025) / (45 / 1024);
    expect(limits.upper95).toBeCloseTo((9 - upperAlpha) / 10, 12);
    expect(limits.lower95).toBeCloseTo((2 - lowerAlpha) / 10, 12);
    expect(limits.lower95 + limits.upper95).toBeCloseTo(1, 12);
    expect(limits.lower998 + limits.upper998).toBeCloseTo(1, 12);
  });

  it("flags a region outside a limit exactly when the one-sided exact test is significant at that tail", () => {
    const tails: readonly [FunnelFlag, number][] = [["above_998", 0.001], ["above_95", 0.025]];
    for (const births of [20, 57, 300, 1000]) {
      const limits = computeFunnelLimits(births, P0);
      for (let boys = 0; boys <= births; boys++) {
        const flag = classifyFunnelPosition({ boys, girls: births - boys }, limits);
        const upper = computeBinomialUpperTail(boys, births, P0);
        const lower = computeBinomialLowerTail(boys, births, P0);
        const expected: FunnelFlag =
          upper <= tails[0]![1] ? "above_998" : upper <= tails[1]![1] ? "above_95"
          : lower < 0.001 ? "below_998" : lower < 0.025 ? "below_95" : "within";
        expect(flag, `N=${births}, M=${boys}`).toBe(expected);
      }
    }
  });

  it("narrows towards p₀ as births grow, in the order lower 99.8 < lower 95 < p₀ < upper 95 < upper 99.8", () => {
    let previous = computeFunnelLimits(50, P0);
    for (const births of [51, 52, 100, 300, 1000, 10_000, 1_000_000]) {
      const limits = computeFunnelLimits(births, P0);
      expect(limits.lower998).toBeLessThan(limits.lower95);
      expect(limits.lower95).toBeLessThan(P0);
      expect(limits.upper95).toBeGreaterThan(P0);
      expect(limits.upper998).toBeGreaterThan(limits.upper95);
      expect(limits.upper95).toBeLessThan(previous.upper95);
      expect(limits.lower95).toBeGreaterThan(previous.lower95);
      previous = limits;
    }
  });

  it("approaches the normal approximation for large N", () => {
    const births = 1_000_000;
    const exact = computeFunnelLimits(births, P0);
    const sd = Math.sqrt((P0 * (1 - P0)) / births);
    expect(exact.upper95).toBeCloseTo(P0 + 1.959963984540054 * sd, 5);
    expect(exact.lower998).toBeCloseTo(P0 - 3.090232306167814 * sd, 5);
  });

  it("rejects regions without births and impossible targets as programming errors", () => {
    expect(() => computeFunnelLimits(0, P0)).toThrow();
    expect(() => computeFunnelLimits(10, 1)).toThrow();
  });
});

describe("computeFunnelLimits with over-dispersion", () => {
  it("uses p₀ ± z·√(φ p₀(1 − p₀)/N)", () => {
    const limits = computeFunnelLimits(400, P0, { dispersion: 2.5 });
    const sd = Math.sqrt((2.5 * P0 * (1 - P0)) / 400);
    expect(limits.upper95).toBeCloseTo(P0 + 1.959963984540054 * sd, 12);
    expect(limits.lower95).toBeCloseTo(P0 - 1.959963984540054 * sd, 12);
    expect(limits.upper998).toBeCloseTo(P0 + 3.090232306167814 * sd, 12);
    expect(limits.lower998).toBeCloseTo(P0 - 3.090232306167814 * sd, 12);
  });
});

describe("winsorise", () => {
  it("sets the lowest and highest 10% to the nearest kept value and keeps the count", () => {
    const values = Array.from({ length: 20 }, (_, index) => index + 1).reverse();
    const result = winsorise(values);
    expect(result).toHaveLength(20);
    expect([...result].sort((a, b) => a - b)).toEqual([3, 3, 3, ...Array.from({ length: 14 }, (_, i) => i + 4), 18, 18, 18]);
    expect(result[0]).toBe(18);
    expect(result[19]).toBe(3);
  });

  it("changes nothing with fewer than 10 values", () => {
    expect(winsorise([5, -40, 2])).toEqual([5, -40, 2]);
  });
});

describe("estimateOverdispersion", () => {
  it("is near 0.68, the second moment of a 10%-winsorised normal, when regions are pure binomial noise", () => {
    // E[z²] with z clipped at ±1.2816: 0.8 − 2·1.2816·φ(1.2816) + 0.2·1.2816² ≈ 0.679.
    let total = 0;
    for (let seed = 1; seed <= 10; seed++) total += estimateOverdispersion(simulateRegions(seed, 100, 1000, 0), P0)!;
    expect(total / 10).toBeGreaterThan(0.6);
    expect(total / 10).toBeLessThan(0.76);
  });

  it("exceeds 1 when the regions' true ratios differ", () => {
    expect(estimateOverdispersion(simulateRegions(4, 100, 1000, 0.02), P0)!).toBeGreaterThan(1.5);
  });

  it("is 0 when every region sits on the target and undefined with fewer than two regions", () => {
    expect(estimateOverdispersion([{ boys: 105, girls: 100 }, { boys: 210, girls: 200 }], P0)).toBe(0);
    expect(estimateOverdispersion([{ boys: 105, girls: 100 }, { boys: 0, girls: 0 }], P0)).toBeUndefined();
  });
});

describe("compareRegionsOnFunnel", () => {
  const regions = [
    { boys: 0, girls: 0 },
    { boys: 547, girls: 453 },
    { boys: 640, girls: 360 },
    { boys: 280, girls: 320 },
    { boys: 440, girls: 560 },
    { boys: 515, girls: 485 },
  ];

  it("flags every region in input order against the reference, NA without births", () => {
    const { flags, dispersion, target } = compareRegionsOnFunnel(regions);
    expect(target).toBeCloseTo(P0, 15);
    expect(dispersion).toBeUndefined();
    expect(flags).toEqual([undefined, "above_95", "above_998", "below_95", "below_998", "within"]);
  });

  it("uses the configured reference SRB", () => {
    expect(compareRegionsOnFunnel([{ boys: 547, girls: 453 }], { referenceSrb: 110 }).flags).toEqual(["within"]);
  });

  it("widens the limits when asked to adjust for over-dispersion", () => {
    const { flags, dispersion } = compareRegionsOnFunnel(regions, { adjustForOverdispersion: true });
    expect(dispersion!).toBeGreaterThan(1);
    expect(flags[1]).toBe("within");
  });
});
