import { describe, expect, it } from "vitest";
import { DEMO_PROFILE } from "./demo-profile.ts";
import { resolveProfile, srbFor } from "./profile.ts";
import { TOWNSHIPS } from "./zaozhuang.ts";

const DIANZI = TOWNSHIPS.findIndex((t) => t.code === "370406101");
const JISUO = TOWNSHIPS.findIndex((t) => t.code === "370481105");

describe("resolveProfile", () => {
  it("accepts an empty profile and fills in the defaults", () => {
    const resolved = resolveProfile({});
    if (!resolved.ok) throw new Error(resolved.detail);
    expect(resolved.value.firstYear).toBe(2015);
    expect(resolved.value.lastYear).toBe(2024);
    expect(resolved.value.profile.completeness.hospitalDeliveries.coverage).toBe(0.985);
    expect(srbFor(resolved.value, DIANZI, 2020, 1)).toBe(105);
  });

  it("applies SRB rules by area, years and birth order, later rules winning", () => {
    const resolved = resolveProfile({
      srb: {
        rules: [
          { area: "370406", birthOrder: 3, srb: 130 },
          { area: "370406101", fromYear: 2020, toYear: 2021, birthOrder: 3, srb: 150 },
        ],
      },
    });
    if (!resolved.ok) throw new Error(resolved.detail);
    expect(srbFor(resolved.value, DIANZI, 2019, 3)).toBe(130);
    expect(srbFor(resolved.value, DIANZI, 2020, 3)).toBe(150);
    expect(srbFor(resolved.value, DIANZI, 2022, 3)).toBe(130);
    expect(srbFor(resolved.value, DIANZI, 2020, 2)).toBe(105);
    expect(srbFor(resolved.value, JISUO, 2020, 3)).toBe(105);
  });

  it("lets a source's own rates override the global rate and scale", () => {
    const resolved = resolveProfile({
      errors: { rates: { nameHomophone: 0.1 }, sources: { hospitalDeliveries: { scale: 2, rates: { idMissing: 0.3 } } } },
    });
    if (!resolved.ok) throw new Error(resolved.detail);
    expect(resolved.value.errorRates.hospitalDeliveries.nameHomophone).toBeCloseTo(0.2);
    expect(resolved.value.errorRates.hospitalDeliveries.idMissing).toBe(0.3);
    expect(resolved.value.errorRates.householdRegistry.idSubstitution).toBe(0);
  });

  it("accepts the demo profile, whose 山亭区 third births run at 160", () => {
    const resolved = resolveProfile(DEMO_PROFILE);
    if (!resolved.ok) throw new Error(resolved.detail);
    expect(srbFor(resolved.value, DIANZI, 2016, 3)).toBe(160);
  });

  it.each<[string, unknown]>([
    ["an unknown field", { colour: "red" }],
    ["a rate above 1", { completeness: { hospitalDeliveries: { coverage: 1.5 } } }],
    ["an area outside the city", { srb: { rules: [{ area: "370101", srb: 120 }] } }],
    ["years in the wrong order", { years: { from: 2020, to: 2010 } }],
    ["name error rates adding up to more than 1", { errors: { rates: { nameHomophone: 0.6, nameSpace: 0.6 } } }],
  ])("rejects %s with invalid_profile", (_case, input) => {
    const resolved = resolveProfile(input);
    expect(resolved.ok).toBe(false);
    if (!resolved.ok) expect(resolved.reason).toBe("invalid_profile");
  });
});
