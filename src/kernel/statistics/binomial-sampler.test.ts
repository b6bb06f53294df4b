import { describe, expect, it } from "vitest";
import { createBinomialSampler } from "./binomial-sampler.ts";
import { createSeededRandom } from "./seeded-random.ts";

describe("createBinomialSampler", () => {
  it("reproduces the mean np and variance npq of Bin(300, 105/205)", () => {
    const n = 300;
    const p = 105 / 205;
    const sample = createBinomialSampler(n, p, createSeededRandom(7));
    const draws = 50_000;
    let sum = 0;
    let sumOfSquares = 0;
    for (let i = 0; i < draws; i++) {
      const x = sample();
      sum += x;
      sumOfSquares += x * x;
    }
    const mean = sum / draws;
    const variance = sumOfSquares / draws - mean * mean;
    // Standard errors: √(npq/draws) ≈ 0.04 for the mean, ≈ npq·√(2/draws) ≈ 0.47 for the variance.
    expect(Math.abs(mean - n * p)).toBeLessThan(0.2);
    expect(Math.abs(variance - n * p * (1 - p))).toBeLessThan(2.5);
  });

  it("stays within 0..n and is deterministic for a seed", () => {
    const first = createBinomialSampler(3, 0.5, createSeededRandom(1));
    const second = createBinomialSampler(3, 0.5, createSeededRandom(1));
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const x = first();
      expect(second()).toBe(x);
      seen.add(x);
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
  });

  it("returns the only possible value when p is 0 or 1", () => {
    expect(createBinomialSampler(10, 0, createSeededRandom(3))()).toBe(0);
    expect(createBinomialSampler(10, 1, createSeededRandom(3))()).toBe(10);
  });

  it("rejects a non-integer n as a programming error", () => {
    expect(() => createBinomialSampler(2.5, 0.5, createSeededRandom(1))).toThrow();
  });
});
