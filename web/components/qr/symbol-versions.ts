/**
 * The symbol versions the console needs, at error-correction level M (about 15 % of codewords restorable),
 * from ISO/IEC 18004:2015 Table 9 (error-correction characteristics) and Annex E (alignment pattern centres).
 * Versions 1–10 hold up to 213 bytes: an otpauth:// Key URI is about 120.
 */

export interface BlockGroup {
  /** How many blocks of this size. */
  readonly blocks: number;
  readonly dataCodewords: number;
}

export interface SymbolVersion {
  readonly version: number;
  /** Modules per side: 17 + 4·version. */
  readonly size: number;
  /** Data and error-correction codewords together. */
  readonly totalCodewords: number;
  /** Error-correction codewords in each block (the same for every block of a version and level). */
  readonly ecCodewordsPerBlock: number;
  readonly groups: readonly BlockGroup[];
  /** Row and column coordinates of the alignment pattern centres. */
  readonly alignmentCentres: readonly number[];
  /** Bits of the character count indicator in byte mode (Table 3). */
  readonly byteCountBits: number;
}

type Row = [version: number, totalCodewords: number, ecPerBlock: number, groups: BlockGroup[], alignment: number[]];

const LEVEL_M: readonly Row[] = [
  [1, 26, 10, [{ blocks: 1, dataCodewords: 16 }], []],
  [2, 44, 16, [{ blocks: 1, dataCodewords: 28 }], [6, 18]],
  [3, 70, 26, [{ blocks: 1, dataCodewords: 44 }], [6, 22]],
  [4, 100, 18, [{ blocks: 2, dataCodewords: 32 }], [6, 26]],
  [5, 134, 24, [{ blocks: 2, dataCodewords: 43 }], [6, 30]],
  [6, 172, 16, [{ blocks: 4, dataCodewords: 27 }], [6, 34]],
  [7, 196, 18, [{ blocks: 4, dataCodewords: 31 }], [6, 22, 38]],
  [8, 242, 22, [{ blocks: 2, dataCodewords: 38 }, { blocks: 2, dataCodewords: 39 }], [6, 24, 42]],
  [9, 292, 22, [{ blocks: 3, dataCodewords: 36 }, { blocks: 2, dataCodewords: 37 }], [6, 26, 46]],
  [10, 346, 26, [{ blocks: 4, dataCodewords: 43 }, { blocks: 1, dataCodewords: 44 }], [6, 28, 50]],
];

export const SYMBOL_VERSIONS: readonly SymbolVersion[] = LEVEL_M.map(([version, totalCodewords, ecCodewordsPerBlock, groups, alignmentCentres]) => ({
  version,
  size: 17 + 4 * version,
  totalCodewords,
  ecCodewordsPerBlock,
  groups,
  alignmentCentres,
  byteCountBits: version <= 9 ? 8 : 16,
}));

/** Data codewords of a version: total minus error correction. */
export function dataCodewordsOf(version: SymbolVersion): number {
  return version.groups.reduce((sum, group) => sum + group.blocks * group.dataCodewords, 0);
}

/** Bytes of text a version holds in byte mode: what is left after the mode and count indicators. */
export function byteCapacityOf(version: SymbolVersion): number {
  return Math.floor((dataCodewordsOf(version) * 8 - 4 - version.byteCountBits) / 8);
}
