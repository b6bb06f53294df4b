import { describe, expect, it } from "vitest";
import { convertProportionToSrb, convertSrbToProportion } from "./srb-proportion.ts";

describe("convertSrbToProportion and convertProportionToSrb", () => {
  it("maps the reference 105 to p₀ = 105/205 and back", () => {
    expect(convertSrbToProportion(105)).toBeCloseTo(0.512195122, 9);
    expect(convertProportionToSrb(105 / 205)).toBeCloseTo(105, 10);
  });

  it("maps equal numbers of boys and girls to 100 and p = ½", () => {
    expect(convertProportionToSrb(0.5)).toBe(100);
    expect(convertSrbToProportion(100)).toBe(0.5);
  });

  it("round-trips across the range of observed ratios", () => {
    for (const srb of [0.5, 80, 106.3, 132.9, 400]) expect(convertProportionToSrb(convertSrbToProportion(srb))).toBeCloseTo(srb, 9);
  });
});
