import { describe, expect, it } from "vitest";
import { createEwmaChart, runEwmaChart } from "./ewma.ts";

const P0 = 105 / 205;
const BINOMIAL_VARIANCE = P0 * (1 - P0);

describe("runEwmaChart", () => {
  it("smooths the monthly share and uses the exact variance for each month's births", () => {
    const [first, second] = runEwmaChart(
      [
        { boys: 60, girls: 40 },
        { boys: 200, girls: 200 },
      ],
      { lambda: 0.2, width: 3 },
    );
    const z1 = 0.2 * 0.6 + 0.8 * P0;
    const v1 = (0.04 * BINOMIAL_VARIANCE) / 100;
    const z2 = 0.2 * 0.5 + 0.8 * z1;
    const v2 = (0.04 * BINOMIAL_VARIANCE) / 400 + 0.64 * v1;
    expect(first!.statistic).toBeCloseTo(z1, 14);
    expect(first!.upperLimit).toBeCloseTo(P0 + 3 * Math.sqrt(v1), 14);
    expect(second!.statistic).toBeCloseTo(z2, 14);
    expect(second!.upperLimit).toBeCloseTo(P0 + 3 * Math.sqrt(v2), 14);
    expect(second!.lowerLimit).toBeCloseTo(P0 - 3 * Math.sqrt(v2), 14);
  });

  it("converges to the asymptotic limits λ/(2 − λ)·p₀(1 − p₀)/n with constant births", () => {
    const steps = runEwmaChart(Array.from({ length: 200 }, () => ({ boys: 154, girls: 146 })), { lambda: 0.1, width: 2.4 });
    const asymptotic = P0 + 2.4 * Math.sqrt(((0.1 / 1.9) * BINOMIAL_VARIANCE) / 300);
    expect(steps[199]!.upperLimit).toBeCloseTo(asymptotic, 12);
    expect(steps[0]!.upperLimit).toBeLessThan(steps[199]!.upperLimit);
  });

  it("skips a month without births", () => {
    const [first, empty] = runEwmaChart([{ boys: 60, girls: 40 }, { boys: 0, girls: 0 }]);
    expect(empty).toEqual({ ...first, signal: false });
  });

  it("signals only upwards by default and in both directions when asked", () => {
    const low = [{ boys: 100, girls: 200 }];
    expect(runEwmaChart(low)[0]!.signal).toBe(false);
    expect(runEwmaChart(low, { sides: "both" })[0]!.signal).toBe(true);
    expect(runEwmaChart([{ boys: 200, girls: 100 }])[0]!.signal).toBe(true);
  });

  it("restarts from p₀ after a signal unless told not to", () => {
    const months = [{ boys: 200, girls: 100 }, { boys: 154, girls: 146 }];
    const [, afterReset] = runEwmaChart(months);
    expect(afterReset!.statistic).toBeCloseTo(0.1 * (154 / 300) + 0.9 * P0, 14);
    const [, carried] = runEwmaChart(months, { resetAfterSignal: false });
    expect(carried!.statistic).toBeGreaterThan(afterReset!.statistic);
  });

  it("rejects λ outside (0, 1] and a non-positive width", () => {
    expect(() => createEwmaChart({ lambda: 0 })).toThrow();
    expect(() => createEwmaChart({ lambda: 1.5 })).toThrow();
    expect(() => createEwmaChart({ width: -1 })).toThrow();
  });
});
