import { describe, expect, it } from "vitest";
import { computeRegularizedIncompleteBeta } from "./incomplete-beta.ts";

describe("computeRegularizedIncompleteBeta", () => {
  // Reference values: 40-digit mpmath betainc(regularized=True).
  it.each([
    [0.5, 2, 3, 0.6875],
    [0.1, 0.5, 0.5, 0.20483276469913346],
    [0.3, 10, 20, 0.36400408107194423],
    [0.2, 0.1, 5, 0.97660049393060111],
    [0.999, 50, 3, 0.99997869678283413],
    [0.4, 1000, 1500, 0.5010858488742157],
    [0.01, 2, 200, 0.59806097542611416],
  ])("I_%d(%d, %d) = %d", (x, a, b, expected) => {
    expect(Math.abs(computeRegularizedIncompleteBeta(x, a, b) - expected) / expected).toBeLessThan(1e-13);
  });

  it("equals the closed forms I_x(a, 1) = xᵃ and I_x(1, b) = 1 − (1 − x)ᵇ", () => {
    for (const x of [0.01, 0.3, 0.77]) {
      for (const s of [0.5, 1, 4, 250]) {
        expect(computeRegularizedIncompleteBeta(x, s, 1)).toBeCloseTo(x ** s, 13);
        expect(computeRegularizedIncompleteBeta(x, 1, s)).toBeCloseTo(1 - (1 - x) ** s, 13);
      }
    }
  });

  it("satisfies I_x(a, b) + I_{1−x}(b, a) = 1 on both sides of the switch point", () => {
    for (const [x, a, b] of [[0.2, 3, 9], [0.26, 3, 9], [0.5, 40, 40], [0.9, 7, 2]] as const) {
      const sum = computeRegularizedIncompleteBeta(x, a, b) + computeRegularizedIncompleteBeta(1 - x, b, a);
      expect(sum).toBeCloseTo(1, 14);
    }
  });

  it("is 0 at x = 0, 1 at x = 1 and NaN for invalid parameters", () => {
    expect(computeRegularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(computeRegularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(computeRegularizedIncompleteBeta(0.5, 0, 3)).toBeNaN();
    expect(computeRegularizedIncompleteBeta(1.1, 2, 3)).toBeNaN();
  });
});
