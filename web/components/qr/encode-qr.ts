/**
 * A QR code for a short text such as an otpauth:// Key URI (ISO/IEC 18004:2015): the text as UTF-8 in one
 * byte-mode segment, error-correction level M, the smallest of versions 1–10 that holds it, and the mask
 * with the lowest penalty.
 */
import { fail, ok, type Result } from "../../../src/kernel/result.ts";
import { drawSymbol } from "./draw-symbol.ts";
import { scoreMaskPenalty } from "./mask-penalty.ts";
import { MASK_PATTERNS } from "./mask-patterns.ts";
import type { ModuleGrid } from "./module-grid.ts";
import { reedSolomonRemainder } from "./reed-solomon.ts";
import { byteCapacityOf, dataCodewordsOf, SYMBOL_VERSIONS, type SymbolVersion } from "./symbol-versions.ts";

export interface QrSymbol extends ModuleGrid {
  readonly version: number;
  readonly mask: number;
}

export type QrEncodeReason = "qr_data_too_long";

export interface QrEncodeOptions {
  /** Use this mask (0–7) instead of the one with the lowest penalty (tests). */
  readonly mask?: number;
  /** Use at least this version (tests). */
  readonly minVersion?: number;
}

const BYTE_MODE = 0b0100;
/** Pad codewords alternate 11101100 and 00010001 (§7.4.10). */
const PAD_CODEWORDS = [0xec, 0x11] as const;

export function encodeQr(text: string, options: QrEncodeOptions = {}): Result<QrSymbol, QrEncodeReason> {
  const bytes = new TextEncoder().encode(text);
  const version = SYMBOL_VERSIONS.find((candidate) => candidate.version >= (options.minVersion ?? 1) && byteCapacityOf(candidate) >= bytes.length);
  if (version === undefined) {
    const largest = SYMBOL_VERSIONS[SYMBOL_VERSIONS.length - 1]!;
    return fail("qr_data_too_long", `${bytes.length} bytes; version ${largest.version}-M holds ${byteCapacityOf(largest)}`);
  }
  const codewords = interleaveBlocks(version, dataCodewords(version, bytes));
  const masks = options.mask === undefined ? MASK_PATTERNS.map((_, mask) => mask) : [options.mask];
  let best: QrSymbol | undefined;
  let bestPenalty = Infinity;
  for (const mask of masks) {
    const grid = drawSymbol(version, codewords, mask);
    const penalty = masks.length === 1 ? 0 : scoreMaskPenalty(grid).total;
    if (penalty < bestPenalty) {
      best = { ...grid, version: version.version, mask };
      bestPenalty = penalty;
    }
  }
  return ok(best!);
}

/**
 * Mode indicator, character count, the bytes, a terminator of up to four zero bits, zero bits to the next
 * byte boundary, then pad codewords up to the version's data capacity (§7.4).
 */
function dataCodewords(version: SymbolVersion, bytes: Uint8Array): Uint8Array {
  const capacity = dataCodewordsOf(version);
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  append(BYTE_MODE, 4);
  append(bytes.length, version.byteCountBits);
  for (const byte of bytes) append(byte, 8);
  append(0, Math.min(4, capacity * 8 - bits.length));
  append(0, (8 - (bits.length % 8)) % 8);

  const codewords = new Uint8Array(capacity);
  for (let i = 0; i < bits.length / 8; i++) {
    codewords[i] = bits.slice(i * 8, i * 8 + 8).reduce((byte, bit) => (byte << 1) | bit, 0);
  }
  for (let i = bits.length / 8; i < capacity; i++) codewords[i] = PAD_CODEWORDS[(i - bits.length / 8) % 2]!;
  return codewords;
}

/**
 * Splits the data into the version's blocks, appends each block's error correction, and interleaves: the
 * first codeword of every block, then the second, …, then the error-correction codewords the same way
 * (§7.6), so a damaged area hurts many blocks a little rather than one block a lot.
 */
function interleaveBlocks(version: SymbolVersion, data: Uint8Array): Uint8Array {
  const blocks: Uint8Array[] = [];
  let offset = 0;
  for (const group of version.groups) {
    for (let b = 0; b < group.blocks; b++) {
      blocks.push(data.subarray(offset, offset + group.dataCodewords));
      offset += group.dataCodewords;
    }
  }
  const corrections = blocks.map((block) => reedSolomonRemainder(block, version.ecCodewordsPerBlock));
  const result = new Uint8Array(version.totalCodewords);
  let next = 0;
  const longest = Math.max(...blocks.map((block) => block.length));
  for (let i = 0; i < longest; i++) {
    for (const block of blocks) if (i < block.length) result[next++] = block[i]!;
  }
  for (let i = 0; i < version.ecCodewordsPerBlock; i++) {
    for (const correction of corrections) result[next++] = correction[i]!;
  }
  return result;
}
