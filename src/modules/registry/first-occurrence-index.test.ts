import { describe, expect, it } from "vitest";
import { FirstOccurrenceIndex } from "./first-occurrence-index.ts";

describe("FirstOccurrenceIndex", () => {
  it("returns the first row of a key seen before, and undefined for a new key", () => {
    const index = new FirstOccurrenceIndex();
    expect(index.firstRowOf("张伟|370402198506150028", 2)).toBeUndefined();
    expect(index.firstRowOf("李强|440524188001010014", 3)).toBeUndefined();
    expect(index.firstRowOf("张伟|370402198506150028", 7)).toBe(2);
    expect(index.firstRowOf("张伟|370402198506150028", 9)).toBe(2);
  });

  it("keeps every key through many rounds of growth without false repeats", () => {
    const index = new FirstOccurrenceIndex();
    let repeats = 0;
    for (let row = 1; row <= 200_000; row++) if (index.firstRowOf(`3704021985${String(row).padStart(8, "0")}`, row) !== undefined) repeats++;
    expect(repeats).toBe(0);
    expect(index.firstRowOf(`3704021985${String(123_456).padStart(8, "0")}`, 300_000)).toBe(123_456);
  });
});
