import { describe, expect, it } from "vitest";
import { Places } from "./places.ts";
import { TOWNSHIPS } from "./zaozhuang.ts";

const places = new Places();

describe("Places", () => {
  it("gives every township its number of villages, with unique 12-digit codes inside the township", () => {
    for (const [t, township] of TOWNSHIPS.entries()) {
      expect(places.villageCount(t)).toBe(township.villages);
      const codes = Array.from({ length: township.villages }, (_, v) => places.villageCode(t, v));
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(new RegExp(`^${township.code}\\d{3}$`));
      const names = Array.from({ length: township.villages }, (_, v) => places.villageName(t, v));
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it("codes subdistrict communities 001–199 and town villages from 201", () => {
    const subdistrict = TOWNSHIPS.findIndex((t) => t.kind === "subdistrict");
    const town = TOWNSHIPS.findIndex((t) => t.code === "370481105");
    expect(places.villageCode(subdistrict, 0).slice(9)).toBe("001");
    expect(places.villageName(subdistrict, 0)).toMatch(/社区$/);
    const lastVillage = places.villageCount(town) - 1;
    expect(Number(places.villageCode(town, lastVillage).slice(9))).toBeGreaterThan(200);
    expect(places.villageName(town, lastVillage)).toMatch(/村$/);
  });

  it("writes addresses at three levels of detail", () => {
    const t = TOWNSHIPS.findIndex((x) => x.code === "370481105");
    const full = places.address(t, 5, 12, "full");
    expect(full).toBe(`山东省枣庄市滕州市级索镇${places.villageName(t, 5)}12号`);
    expect(places.address(t, 5, 12, "township")).toBe("山东省枣庄市滕州市级索镇");
    expect(places.address(t, 5, 12, "county", false)).toBe("滕州市");
  });

  it("names the same villages whatever the run", () => {
    expect(new Places().villageName(10, 3)).toBe(places.villageName(10, 3));
  });
});
