import { describe, expect, it } from "vitest";
import { createSeededRandom } from "./seeded-random.ts";

describe("createSeededRandom", () => {
  it("repeats the same stream for the same seed", () => {
    const first = createSeededRandom(42);
    const second = createSeededRandom(42);
    for (let i = 0; i < 100; i++) expect(first()).toBe(second());
  });

  it("gives different streams for different seeds", () => {
    const first = createSeededRandom(1);
    const second = createSeededRandom(2);
    const same = Array.from({ length: 20 }, () => first() === second()).filter(Boolean).length;
    expect(same).toBe(0);
  });

  it("stays in [0, 1) with mean near ½ and variance near 1/12", () => {
    const random = createSeededRandom(20240601);
    const n = 100_000;
    let sum = 0;
    let sumOfSquares = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumOfSquares += u * u;
    }
    const mean = sum / n;
    expect(outside).toBe(0);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumOfSquares / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });
});
