import { describe, expect, it } from "vitest";
import { drawFunctionPatterns } from "./draw-symbol.ts";
import { byteCapacityOf, dataCodewordsOf, SYMBOL_VERSIONS } from "./symbol-versions.ts";

describe("SYMBOL_VERSIONS", () => {
  it.each(SYMBOL_VERSIONS.map((version) => [version.version, version] as const))(
    "version %i: the codeword count fills the modules the function patterns leave free",
    (_, version) => {
      const free = drawFunctionPatterns(version).reserved.reduce((sum, reserved) => sum + (reserved === 0 ? 1 : 0), 0);
      expect(Math.floor(free / 8)).toBe(version.totalCodewords);
      const blocks = version.groups.reduce((sum, group) => sum + group.blocks, 0);
      expect(dataCodewordsOf(version) + blocks * version.ecCodewordsPerBlock).toBe(version.totalCodewords);
    },
  );

  it("holds the byte-mode capacities of ISO/IEC 18004 Table 7 at level M", () => {
    expect(SYMBOL_VERSIONS.map(byteCapacityOf)).toEqual([14, 26, 42, 62, 84, 106, 122, 152, 180, 213]);
  });
});
