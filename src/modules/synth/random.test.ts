import { describe, expect, it } from "vitest";
import { Random, WeightedChoice } from "./random.ts";

function draws(random: Random, n: number): number[] {
  return Array.from({ length: n }, () => random.uint32());
}

describe("Random", () => {
  it("gives the same stream for the same seed and label", () => {
    expect(draws(Random.derive(42, "population"), 20)).toEqual(draws(Random.derive(42, "population"), 20));
  });

  it.each([
    [42, "population", 43, "population"],
    [42, "population", 42, "events"],
    [0, "a", 2 ** 32, "a"],
  ])("gives different streams for (%s, %s) and (%s, %s)", (seedA, labelA, seedB, labelB) => {
    expect(draws(Random.derive(seedA, labelA), 8)).not.toEqual(draws(Random.derive(seedB, labelB), 8));
  });

  it("rejects seeds that are not non-negative safe integers", () => {
    expect(() => Random.derive(-1, "x")).toThrow();
    expect(() => Random.derive(1.5, "x")).toThrow();
  });

  it("draws floats in [0, 1) with mean near 1/2", () => {
    const random = Random.derive(1, "float");
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = random.float();
      if (u < 0 || u >= 1) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it("draws standard normals with mean 0 and variance 1", () => {
    const random = Random.derive(2, "normal");
    let sum = 0;
    let squares = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const z = random.normal();
      sum += z;
      squares += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(squares / n).toBeCloseTo(1, 1);
  });

  it.each([0.5, 4, 80])("draws Poisson(%s) with the right mean", (lambda) => {
    const random = Random.derive(3, "poisson");
    let sum = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) sum += random.poisson(lambda);
    expect(Math.abs(sum / n - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
  });
});

describe("WeightedChoice", () => {
  it("returns indices in proportion to their weights", () => {
    const weights = [1, 0, 3, 6];
    const choice = new WeightedChoice(weights);
    const random = Random.derive(4, "weights");
    const counts = [0, 0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[choice.sample(random)]!++;
    expect(counts[1]).toBe(0);
    weights.forEach((w, i) => expect(Math.abs(counts[i]! / n - w / 10)).toBeLessThan(0.01));
  });

  it("rejects empty, negative or all-zero weights", () => {
    expect(() => new WeightedChoice([])).toThrow();
    expect(() => new WeightedChoice([1, -1])).toThrow();
    expect(() => new WeightedChoice([0, 0])).toThrow();
  });
});
