/**
 * The BCH-protected information a reader decodes before anything else (ISO/IEC 18004:2015 §7.9, §7.10,
 * Annex C and D): the format information (error-correction level and mask) and, from version 7, the version
 * information. Both are data bits followed by the remainder of their division by a generator polynomial.
 */

/** Error-correction level M's two bits in the format information (L 01, M 00, Q 11, H 10). */
const LEVEL_M_BITS = 0b00;

/** x^10 + x^8 + x^5 + x^4 + x^2 + x + 1: the (15, 5) BCH code's generator. */
const FORMAT_GENERATOR = 0b101_0011_0111;
/** XORed in so that no format information is all zeros (§7.9.1). */
const FORMAT_MASK = 0b101_0100_0001_0010;
/** x^12 + x^11 + x^10 + x^9 + x^8 + x^5 + x^2 + 1: the (18, 6) BCH code's generator. */
const VERSION_GENERATOR = 0b1_1111_0010_0101;

/** The remainder of `data`·x^(degree of generator) divided by `generator`, over GF(2). */
function bchRemainder(data: number, generator: number): number {
  const degree = Math.floor(Math.log2(generator));
  let remainder = data << degree;
  for (let bit = Math.floor(Math.log2(remainder || 1)); bit >= degree; bit--) {
    if (remainder & (1 << bit)) remainder ^= generator << (bit - degree);
  }
  return remainder;
}

/** The 15 format bits for level M and `mask` (0–7), most significant bit first when read as a number. */
export function formatInformation(mask: number): number {
  const data = (LEVEL_M_BITS << 3) | mask;
  return ((data << 10) | bchRemainder(data, FORMAT_GENERATOR)) ^ FORMAT_MASK;
}

/** The 18 version bits of versions 7 and above. */
export function versionInformation(version: number): number {
  return (version << 12) | bchRemainder(version, VERSION_GENERATOR);
}
