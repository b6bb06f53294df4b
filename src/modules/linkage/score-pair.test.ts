import { describe, expect, it } from "vitest";
import type { LinkParameters } from "./model.ts";
import { probabilityOfWeight, scorePair } from "./score-pair.ts";

const PARAMETERS: LinkParameters = {
  format: "renkou-link-parameters/1",
  lambda: 1 / 1025,
  tfFuzzyWeight: 0.5,
  comparisons: [
    {
      field: "name",
      type: "name",
      levels: [
        { label: "exact", m: 0.8, u: 0.01 },
        { label: "levenshtein_1", m: 0.1, u: 0.01 },
        { label: "levenshtein_2", m: 0.04, u: 0.02 },
        { label: "trigram_0.6", m: 0.02, u: 0.02 },
        { label: "double_metaphone", m: 0.01, u: 0.01 },
        { label: "trigram_0.3", m: 0.01, u: 0.04 },
        { label: "else", m: 0.02, u: 0.89 },
      ],
    },
    { field: "dob", type: "date", levels: ["exact", "day_month_swapped", "within_1_day", "one_typo", "same_year_month", "within_1_year", "else"].map((label, k) => ({ label, m: k === 0 ? 0.94 : 0.01, u: k === 0 ? 0.0001 : k === 6 ? 0.9 : 0.0166 })) },
  ],
};

describe("scorePair", () => {
  it("adds the prior and each level's log2(m/u)", () => {
    const score = scorePair(PARAMETERS, [0, 0]);
    expect(score.priorWeight).toBeCloseTo(-10, 9);
    expect(score.contributions[0]!.weight).toBeCloseTo(Math.log2(80), 9);
    expect(score.contributions[1]!.weight).toBeCloseTo(Math.log2(9400), 9);
    expect(score.matchWeight).toBeCloseTo(-10 + Math.log2(80) + Math.log2(9400), 9);
    expect(score.matchProbability).toBeCloseTo(probabilityOfWeight(score.matchWeight), 12);
  });

  it("gives a null level weight 0", () => {
    expect(scorePair(PARAMETERS, [-1, 0]).contributions[0]).toMatchObject({ level: "null", weight: 0, tfAdjustment: 0 });
  });

  it("weights agreement on a common name less than on a rare one (term frequency)", () => {
    const common = scorePair(PARAMETERS, [0, 0], [0.05, null]);
    const rare = scorePair(PARAMETERS, [0, 0], [0.0001, null]);
    expect(common.contributions[0]!.tfAdjustment).toBeCloseTo(Math.log2(0.01 / 0.05), 9);
    expect(rare.matchWeight).toBeGreaterThan(common.matchWeight);
  });

  it("applies the term-frequency adjustment to fuzzy name levels at the model's weight", () => {
    const score = scorePair(PARAMETERS, [1, 0], [0.04, null]);
    expect(score.contributions[0]!.tfAdjustment).toBeCloseTo(0.5 * Math.log2(0.01 / 0.04), 9);
  });
});

describe("probabilityOfWeight", () => {
  it.each([
    [0, 0.5],
    [10, 1024 / 1025],
    [-10, 1 / 1025],
  ])("turns weight %d into probability %d", (weight, probability) => {
    expect(probabilityOfWeight(weight)).toBeCloseTo(probability, 12);
  });
});
