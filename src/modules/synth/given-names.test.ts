import { describe, expect, it } from "vitest";
import { drawGenerationName, drawGivenName } from "./given-names.ts";
import { Random } from "./random.ts";

function sample(sex: number, year: number, n = 20_000): Map<string, number> {
  const random = Random.derive(year * 10 + sex, "given-names-test");
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const name = drawGivenName(random, sex, year);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe("drawGivenName", () => {
  it("gives names of one or two characters", () => {
    for (const name of sample(1, 1985).keys()) expect(name.length === 1 || name.length === 2).toBe(true);
  });

  it.each([
    [1, 1955, "建国", 2015, "建国"],
    [2, 1955, "秀英", 2015, "秀英"],
    [2, 2015, "梓涵", 1955, "梓涵"],
    [1, 2015, "浩宇", 1965, "浩宇"],
  ])("makes sex %i born %i often %s, and rarer in %i", (sex, year, name, otherYear) => {
    const own = (sample(sex, year).get(name) ?? 0) / 20_000;
    const other = (sample(sex, otherYear).get(name) ?? 0) / 20_000;
    expect(own).toBeGreaterThan(0.003);
    expect(own).toBeGreaterThan(5 * other);
  });

  it("has many distinct names but a heavy head, so namesakes occur", () => {
    const counts = sample(1, 1985);
    expect(counts.size).toBeGreaterThan(2000);
    expect(Math.max(...counts.values()) / 20_000).toBeGreaterThan(0.005);
  });

  it("uses more single-character names in the 1980s than in the 2010s", () => {
    const singles = (year: number): number => [...sample(2, year)].filter(([name]) => name.length === 1).reduce((sum, [, n]) => sum + n, 0);
    expect(singles(1985)).toBeGreaterThan(3 * singles(2015));
  });
});

describe("drawGenerationName", () => {
  it("starts with the family's generation character", () => {
    const random = Random.derive(1, "generation");
    for (let i = 0; i < 100; i++) expect(drawGenerationName(random, 1, 1990, "德")).toMatch(/^德.$/u);
  });
});
