import { describe, expect, it } from "vitest";
import { BoundedMemo } from "./bounded-memo.ts";

describe("BoundedMemo", () => {
  it("computes each value once while it stays in memory", () => {
    let computed = 0;
    const memo = new BoundedMemo<string, number>(2, (key) => {
      computed++;
      return key.length;
    });
    expect([memo.get("张伟"), memo.get("张伟"), memo.get("欧阳娜娜")]).toEqual([2, 2, 4]);
    expect(computed).toBe(2);
  });

  it("keeps a value that is used again across a turnover, and forgets one that is not", () => {
    const computedKeys: string[] = [];
    const memo = new BoundedMemo<string, string>(2, (key) => {
      computedKeys.push(key);
      return key;
    });
    for (const key of ["a", "b", "c", "a", "d", "e", "a", "b"]) memo.get(key);
    // a: computed once, found again in each older generation; b: dropped after two turnovers.
    expect(computedKeys).toEqual(["a", "b", "c", "d", "e", "b"]);
  });
});
