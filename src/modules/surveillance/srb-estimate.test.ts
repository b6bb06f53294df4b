import { describe, expect, it } from "vitest";
import { estimateSrb } from "./srb-estimate.ts";

describe("estimateSrb", () => {
  // Urquia et al., CMAJ 2016;188(9):E181–90, Table 1: male:female ratio (M/F, not per 100) and 95% CI.
  it.each([
    ["Canada-born, 1st birth", 276_697, 263_855, "1.05", "1.04", "1.05"],
    ["China-born, 1st birth", 10_173, 9_521, "1.07", "1.04", "1.10"],
    ["China-born, 3rd birth after two boys", 128, 134, "0.96", "0.75", "1.22"],
    ["China-born, 3rd birth after two girls", 199, 197, "1.01", "0.83", "1.23"],
    ["India-born, 3rd birth after two girls", 836, 426, "1.96", "1.75", "2.21"],
    ["Total", 625_570, 595_363, "1.05", "1.05", "1.05"],
  ])("reproduces Urquia 2016 Table 1 for %s with the log-ratio interval", (_group, boys, girls, ratio, low, high) => {
    const estimate = estimateSrb(boys, girls)!;
    expect((estimate.srb / 100).toFixed(2)).toBe(ratio);
    expect((estimate.low / 100).toFixed(2)).toBe(low);
    expect((estimate.high / 100).toFixed(2)).toBe(high);
  });

  it("is 100 × boys / girls with the log-ratio interval at 95% by default", () => {
    const estimate = estimateSrb(1130, 1000)!;
    expect(estimate.srb).toBeCloseTo(113, 10);
    expect(estimate.method).toBe("logit");
    expect(estimate.level).toBe(0.95);
    const halfWidth = 1.959963984540054 * Math.sqrt(1 / 1130 + 1 / 1000);
    expect(estimate.low).toBeCloseTo(113 * Math.exp(-halfWidth), 10);
    expect(estimate.high).toBeCloseTo(113 * Math.exp(halfWidth), 10);
  });

  // Newcombe, Stat Med 1998;17:857–72: 81/263 → Wilson 0.2553–0.3662, exact 0.2527–0.3676 for p; as SRB,
  // 81 "boys" and 182 "girls", the same limits carried through g(p) = 100p/(1 − p).
  it.each([
    ["wilson", 0.2553, 0.3662],
    ["exact", 0.2527, 0.3676],
  ] as const)("converts the %s interval for p with g(p) = 100p/(1 − p)", (method, low, high) => {
    const estimate = estimateSrb(81, 182, { method })!;
    expect(estimate.low / (100 + estimate.low)).toBeCloseTo(low, 4);
    expect(estimate.high / (100 + estimate.high)).toBeCloseTo(high, 4);
    expect(estimate.srb).toBeCloseTo((100 * 81) / 182, 10);
  });

  it.each(["logit", "wilson", "exact"] as const)("is NA (undefined) with no boys or no girls (%s)", (method) => {
    expect(estimateSrb(0, 12, { method })).toBeUndefined();
    expect(estimateSrb(12, 0, { method })).toBeUndefined();
    expect(estimateSrb(0, 0, { method })).toBeUndefined();
  });

  it.each(["logit", "wilson", "exact"] as const)("contains the estimate and widens with the level (%s)", (method) => {
    const narrow = estimateSrb(60, 50, { method, level: 0.8 })!;
    const wide = estimateSrb(60, 50, { method, level: 0.99 })!;
    expect(narrow.low).toBeLessThan(120);
    expect(narrow.high).toBeGreaterThan(120);
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it("agrees across methods for a large cell", () => {
    const methods = (["logit", "wilson", "exact"] as const).map((method) => estimateSrb(51_500, 48_500, { method })!);
    for (const estimate of methods) {
      expect(estimate.low).toBeCloseTo(methods[0]!.low, 1);
      expect(estimate.high).toBeCloseTo(methods[0]!.high, 1);
    }
  });

  it("rejects non-integer or negative counts and impossible levels as programming errors", () => {
    expect(() => estimateSrb(1.5, 3)).toThrow();
    expect(() => estimateSrb(-1, 3)).toThrow();
    expect(() => estimateSrb(10, 10, { level: 0 })).toThrow();
    expect(() => estimateSrb(10, 10, { level: 1.2 })).toThrow();
  });
});
