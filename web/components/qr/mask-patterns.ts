/**
 * The eight data mask patterns (ISO/IEC 18004:2015 §7.8.2, Table 10): a module of the encoding region is
 * inverted where its pattern's condition holds. Masking breaks up large areas of one colour and shapes that
 * look like finder patterns, which would confuse a reader.
 */
export type MaskCondition = (row: number, column: number) => boolean;

export const MASK_PATTERNS: readonly MaskCondition[] = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2 === 0,
];
