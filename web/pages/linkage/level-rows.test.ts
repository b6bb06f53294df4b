import { describe, expect, it } from "vitest";
import { levelRows, type ParameterLevel } from "./level-rows.ts";

const level = (field: string, label: string): ParameterLevel => ({ field, type: "sex", level: label, m: 0.5, u: 0.5, weight: 0, fixed: false });

describe("levelRows", () => {
  it("lets each comparison's first level span all its levels and hides the others' cell", () => {
    const rows = levelRows([level("name", "exact"), level("name", "else"), level("sex", "equal"), level("sex", "different"), level("sex", "x")]);
    expect(rows.map((row) => row.span)).toEqual([2, 0, 3, 0, 0]);
    expect(rows.map((row) => row.key)).toEqual(["name:exact", "name:else", "sex:equal", "sex:different", "sex:x"]);
  });
});
