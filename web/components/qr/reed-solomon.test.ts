import { describe, expect, it } from "vitest";
import { gfExp, gfMultiply } from "./galois-field.ts";
import { reedSolomonRemainder } from "./reed-solomon.ts";

/** The codeword polynomial (data then error correction, highest degree first) evaluated at x. */
function evaluate(codeword: readonly number[], x: number): number {
  return codeword.reduce((sum, coefficient) => gfMultiply(sum, x) ^ coefficient, 0);
}

describe("gfMultiply", () => {
  it.each([
    [0, 0x53, 0],
    [1, 0x53, 0x53],
    [2, 0x80, 0x1d], // x·x^7 = x^8 ≡ x^4 + x^3 + x^2 + 1 (mod 0x11D)
    [gfExp(100), gfExp(200), gfExp(45)], // α^300 = α^45
  ])("multiplies %i by %i as %i", (a, b, product) => {
    expect(gfMultiply(a, b)).toBe(product);
  });

  it("generates all 255 non-zero elements from α = 2", () => {
    expect(new Set(Array.from({ length: 255 }, (_, i) => gfExp(i))).size).toBe(255);
  });
});

describe("reedSolomonRemainder", () => {
  it("gives the published error correction of HELLO WORLD at version 1-M", () => {
    // Data codewords of "HELLO WORLD" (alphanumeric mode, version 1-M) and their 10 error-correction codewords,
    // as worked through in Thonky's QR code tutorial (Error Correction Coding).
    const data = Uint8Array.from([32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]);
    expect(Array.from(reedSolomonRemainder(data, 10))).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });

  it.each([10, 16, 18, 22, 26])("makes every syndrome zero with %i error-correction codewords", (degree) => {
    const data = Uint8Array.from({ length: 43 }, (_, i) => (i * 37 + 11) % 256);
    const codeword = [...data, ...reedSolomonRemainder(data, degree)];
    const syndromes = Array.from({ length: degree }, (_, i) => evaluate(codeword, gfExp(i)));
    expect(syndromes.every((syndrome) => syndrome === 0)).toBe(true);
  });

  it("changes when one data codeword changes", () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5]);
    const altered = Uint8Array.from([1, 2, 3, 4, 6]);
    expect(reedSolomonRemainder(altered, 10)).not.toEqual(reedSolomonRemainder(data, 10));
  });
});
