import { describe, expect, it } from "vitest";
import type { Problem } from "../../api/client.ts";
import { correctionsOf, issuesOfProblem } from "./cell-corrections.ts";

const original = { 姓名: "张*", 公民身份号码: "370402********1234", 出生日期: "2019-02-30", 性别: "男" };

describe("correctionsOf", () => {
  it("sends only the cells the user changed", () => {
    expect(correctionsOf(original, { ...original, 出生日期: "2019-02-28" })).toEqual({ cells: { 出生日期: "2019-02-28" }, partlyMasked: [] });
  });

  it("accepts a masked value retyped in full", () => {
    const edited = { ...original, 公民身份号码: "370402201902281234" };
    expect(correctionsOf(original, edited)).toEqual({ cells: { 公民身份号码: "370402201902281234" }, partlyMasked: [] });
  });

  it("flags a masked value edited without removing the mask", () => {
    expect(correctionsOf(original, { ...original, 姓名: "张*伟" }).partlyMasked).toEqual(["姓名"]);
  });

  it("ignores headers the form did not return and sends nothing when nothing changed", () => {
    expect(correctionsOf(original, { 性别: "男" })).toEqual({ cells: {}, partlyMasked: [] });
  });

  it("sends a cell cleared on purpose as an empty string", () => {
    expect(correctionsOf(original, { ...original, 性别: "" }).cells).toEqual({ 性别: "" });
  });
});

describe("issuesOfProblem", () => {
  const problem: Problem = { type: "urn:renkou:problem:row_still_invalid", title: "", status: 422, code: "row_still_invalid", message: { zh: "", en: "" } };
  const issue = { code: "date_impossible", severity: "error", field: "birth_date", column: "出生日期", value: "2019-02-30", zh: "第 3 行…", en: "Row 3…" };

  it("returns the issues a row_still_invalid answer carries", () => {
    expect(issuesOfProblem({ ...problem, issues: [issue] } as Problem)).toEqual([issue]);
  });

  it("returns none when the body has no issues or malformed ones", () => {
    expect(issuesOfProblem(problem)).toEqual([]);
    expect(issuesOfProblem({ ...problem, issues: [{ code: 3 }, "x"] } as unknown as Problem)).toEqual([]);
  });
});
