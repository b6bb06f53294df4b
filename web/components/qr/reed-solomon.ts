/**
 * Reed–Solomon error-correction codewords for one QR block (ISO/IEC 18004:2015 §7.5.2): the remainder of
 * data(x)·x^n divided by the generator polynomial g(x) = (x − α^0)(x − α^1)…(x − α^(n−1)) over GF(2^8),
 * where n is the number of error-correction codewords.
 */
import { gfExp, gfMultiply } from "./galois-field.ts";

const generators = new Map<number, Uint8Array>();

/** g(x)'s coefficients, highest degree first, without the leading 1 (it is monic). */
function generatorPolynomial(degree: number): Uint8Array {
  const cached = generators.get(degree);
  if (cached !== undefined) return cached;
  // Start from g(x) = 1 and multiply in one factor (x + α^i) at a time; minus is plus in GF(2^8).
  let coefficients = [1];
  for (let i = 0; i < degree; i++) {
    const root = gfExp(i);
    const next = new Array<number>(coefficients.length + 1).fill(0);
    coefficients.forEach((coefficient, index) => {
      next[index] = next[index]! ^ coefficient;
      next[index + 1] = next[index + 1]! ^ gfMultiply(coefficient, root);
    });
    coefficients = next;
  }
  const generator = Uint8Array.from(coefficients.slice(1));
  generators.set(degree, generator);
  return generator;
}

/** The `degree` error-correction codewords that follow `data` in its block. */
export function reedSolomonRemainder(data: Uint8Array, degree: number): Uint8Array {
  const generator = generatorPolynomial(degree);
  const remainder = new Uint8Array(degree);
  // Polynomial long division, one data codeword at a time (a linear-feedback shift register).
  for (const codeword of data) {
    const factor = codeword ^ remainder[0]!;
    remainder.copyWithin(0, 1);
    remainder[degree - 1] = 0;
    for (let i = 0; i < degree; i++) remainder[i] = remainder[i]! ^ gfMultiply(generator[i]!, factor);
  }
  return remainder;
}
