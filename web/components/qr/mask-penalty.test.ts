import { describe, expect, it } from "vitest";
import { scoreMaskPenalty } from "./mask-penalty.ts";
import type { ModuleGrid } from "./module-grid.ts";

function gridOf(rows: readonly string[]): ModuleGrid {
  return { size: rows.length, dark: Uint8Array.from(rows.join(""), (module) => (module === "#" ? 1 : 0)) };
}

function uniform(size: number, dark: boolean): ModuleGrid {
  return { size, dark: new Uint8Array(size * size).fill(dark ? 1 : 0) };
}

describe("scoreMaskPenalty", () => {
  it("scores an all-dark 21×21 square on runs, blocks and balance", () => {
    const penalty = scoreMaskPenalty(uniform(21, true));
    expect(penalty).toEqual({
      runs: 42 * (3 + 16), // every row and column is one run of 21
      blocks: 20 * 20 * 3,
      finderLike: 0,
      balance: 9 * 10, // 100 % dark: between 50 + 45 % and 50 + 50 %, k = 9
      total: 798 + 1200 + 90,
    });
  });

  it("scores a checkerboard zero", () => {
    const rows = Array.from({ length: 21 }, (_, r) => Array.from({ length: 21 }, (_, c) => ((r + c) % 2 === 0 ? "#" : ".")).join(""));
    expect(scoreMaskPenalty(gridOf(rows)).total).toBe(0);
  });

  it("counts a run of exactly five once, and a run of four not at all", () => {
    const fiveRun = gridOf(["#####", ".#.#.", "#.#.#", ".#.#.", "#.#.#"]);
    const fourRun = gridOf(["####.", ".#.#.", "#.#.#", ".#.#.", "#.#.#"]);
    expect(scoreMaskPenalty(fiveRun).runs).toBe(3);
    expect(scoreMaskPenalty(fourRun).runs).toBe(0);
  });

  it("counts a finder-like pattern followed by four light modules, the symbol's edge counting as light", () => {
    // Row 0: 1011101 at the left edge, then light to the right edge. Other rows alternate so nothing else matches.
    const rows = ["#.###.#....", ...Array.from({ length: 10 }, (_, r) => Array.from({ length: 11 }, (_, c) => ((r + c) % 2 === 0 ? "#" : ".")).join(""))];
    const penalty = scoreMaskPenalty(gridOf(rows));
    // 1011101 + 0000 (inside) and 0000 (quiet zone) + 1011101: two matches of 40.
    expect(penalty.finderLike).toBe(80);
  });

  it.each([
    [45, 0],
    [55, 0],
    [44, 10],
    [40, 10],
    [39, 20],
    [0, 90],
  ])("scores balance at %i %% dark as %i", (percent, balance) => {
    const grid = { size: 10, dark: Uint8Array.from({ length: 100 }, (_, i) => (i < percent ? 1 : 0)) };
    expect(scoreMaskPenalty(grid).balance).toBe(balance);
  });
});
