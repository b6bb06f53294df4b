import { describe, expect, it } from "vitest";
import { svgPathOf } from "./svg-path.ts";

describe("svgPathOf", () => {
  it("draws each horizontal run of dark modules as one rectangle, shifted by the quiet zone", () => {
    // ##.
    // .#.
    // ###
    const grid = { size: 3, dark: Uint8Array.from([1, 1, 0, 0, 1, 0, 1, 1, 1]) };
    expect(svgPathOf(grid, 4)).toBe("M4 4h2v1h-2zM5 5h1v1h-1zM4 6h3v1h-3z");
  });

  it("draws nothing for an all-light grid", () => {
    expect(svgPathOf({ size: 2, dark: new Uint8Array(4) }, 0)).toBe("");
  });
});
