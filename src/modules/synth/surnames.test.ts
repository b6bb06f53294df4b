import { describe, expect, it } from "vitest";
import { NATIONAL_SURNAME_WEIGHTS, SHANDONG_SURNAME_WEIGHTS, SURNAMES } from "./surnames.ts";

const share = (weights: Float64Array, surname: string): number =>
  weights[SURNAMES.indexOf(surname)]! / weights.reduce((a, b) => a + b, 0);

describe("surnames", () => {
  it("lists each surname once", () => {
    expect(new Set(SURNAMES).size).toBe(SURNAMES.length);
  });

  it.each(["欧阳", "上官", "诸葛", "司马", "单", "解", "曾", "仇", "区", "朴", "覃", "翟", "查", "盖"])("includes %s", (surname) => {
    expect(SURNAMES).toContain(surname);
  });

  it("puts 王, 李 and 张 first nationally at about 7% each", () => {
    for (const surname of ["王", "李", "张"]) expect(share(NATIONAL_SURNAME_WEIGHTS, surname)).toBeGreaterThan(0.06);
  });

  it("makes northern surnames commoner and southern ones rarer in Shandong", () => {
    expect(share(SHANDONG_SURNAME_WEIGHTS, "孙")).toBeGreaterThan(share(NATIONAL_SURNAME_WEIGHTS, "孙"));
    expect(share(SHANDONG_SURNAME_WEIGHTS, "黄")).toBeLessThan(share(NATIONAL_SURNAME_WEIGHTS, "黄") / 2);
  });
});
