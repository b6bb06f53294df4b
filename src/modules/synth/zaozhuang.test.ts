import { describe, expect, it } from "vitest";
import { CITY, COUNTIES, TOWNSHIPS, townshipWeights } from "./zaozhuang.ts";

describe("the demo city", () => {
  it("has 枣庄市's 6 county-level divisions and 66 township-level units (DOMAIN.md §2)", () => {
    expect(CITY.code).toBe("370400");
    expect(COUNTIES.map((c) => c.code)).toEqual(["370402", "370403", "370404", "370405", "370406", "370481"]);
    expect(TOWNSHIPS).toHaveLength(66);
    expect(new Set(TOWNSHIPS.map((t) => t.code)).size).toBe(66);
  });

  it.each([
    ["370406101", "店子镇"],
    ["370481105", "级索镇"],
    ["370481101", "洪绪镇"],
    ["370403102", "周营镇"],
  ])("includes %s %s", (code, name) => {
    expect(TOWNSHIPS.find((t) => t.code === code)?.name).toBe(name);
  });

  it("puts every township inside a county of the city", () => {
    for (const t of TOWNSHIPS) expect(COUNTIES.some((c) => c.code === t.countyCode && t.code.startsWith(c.code))).toBe(true);
  });

  it("weights townships so that county shares sum to the whole city", () => {
    const weights = townshipWeights();
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const tengzhou = TOWNSHIPS.reduce((sum, t, i) => sum + (t.countyCode === "370481" ? weights[i]! : 0), 0);
    expect(tengzhou).toBeCloseTo(COUNTIES.find((c) => c.code === "370481")!.populationShare, 9);
  });
});
