import { describe, expect, it } from "vitest";
import { drawSamplePairs } from "./sample-pairs.ts";

const asPairs = (sample: { left: Int32Array; right: Int32Array }) => [...sample.left].map((l, k) => [l, sample.right[k]!]);

describe("drawSamplePairs", () => {
  it("takes every pair when they all fit in the sample", () => {
    expect(asPairs(drawSamplePairs({ left: 4, right: 0 }, "dedupe", 100))).toEqual([[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect(asPairs(drawSamplePairs({ left: 2, right: 2 }, "link", 100))).toEqual([[0, 2], [0, 3], [1, 2], [1, 3]]);
  });

  it("draws the same pairs of two different records on every run", () => {
    const sample = drawSamplePairs({ left: 1000, right: 0 }, "dedupe", 5000);
    expect(sample.left.length).toBe(5000);
    expect(asPairs(sample).every(([l, r]) => l! < r! && r! < 1000)).toBe(true);
    expect(asPairs(drawSamplePairs({ left: 1000, right: 0 }, "dedupe", 5000))).toEqual(asPairs(sample));
    // spread over the records, not stuck in a corner
    expect(new Set([...sample.left, ...sample.right]).size).toBeGreaterThan(990);
  });

  it("links a left record with a right one", () => {
    const sample = drawSamplePairs({ left: 300, right: 200 }, "link", 2000);
    expect(asPairs(sample).every(([l, r]) => l! < 300 && r! >= 300 && r! < 500)).toBe(true);
  });
});
