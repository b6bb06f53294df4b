/**
 * Arithmetic in GF(2^8) as QR codes use it (ISO/IEC 18004:2015 §7.5.2): elements are bytes, addition is XOR,
 * and multiplication is modulo the primitive polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D), whose root α = 2
 * generates every non-zero element. Log and antilog tables make a product two look-ups.
 */

const PRIMITIVE_POLYNOMIAL = 0x11d;

const exponents = new Uint8Array(255);
const logarithms = new Uint8Array(256);
for (let power = 0, value = 1; power < 255; power++) {
  exponents[power] = value;
  logarithms[value] = power;
  value <<= 1;
  if (value & 0x100) value ^= PRIMITIVE_POLYNOMIAL;
}

/** α^power, for any integer power (α^255 = 1). */
export function gfExp(power: number): number {
  return exponents[((power % 255) + 255) % 255]!;
}

/** The product of two field elements. */
export function gfMultiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return exponents[(logarithms[a]! + logarithms[b]!) % 255]!;
}
