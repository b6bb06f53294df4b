import { describe, expect, it } from "vitest";
import { formatInformation, versionInformation } from "./bch-information.ts";
import { drawFunctionPatterns } from "./draw-symbol.ts";
import { encodeQr, type QrSymbol } from "./encode-qr.ts";
import { gfExp, gfMultiply } from "./galois-field.ts";
import { scoreMaskPenalty } from "./mask-penalty.ts";
import { MASK_PATTERNS } from "./mask-patterns.ts";
import { isDarkAt } from "./module-grid.ts";
import { SYMBOL_VERSIONS } from "./symbol-versions.ts";

const URI = "otpauth://totp/renkou:e2e_admin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=renkou&algorithm=SHA1&digits=6&period=30";

function encode(text: string, options: Parameters<typeof encodeQr>[1] = {}): QrSymbol {
  const result = encodeQr(text, options);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** The first copy of the format information, read as a reader does (bit 14 first). */
function readFormatBits(symbol: QrSymbol): number {
  const positions: [number, number][] = [
    [8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8],
  ];
  return positions.reduce((bits, [row, column]) => (bits << 1) | (isDarkAt(symbol, row, column) ? 1 : 0), 0);
}

/** The second copy: up column 8 from the bottom, then along row 8 to the right edge. */
function readSecondFormatBits(symbol: QrSymbol): number {
  const size = symbol.size;
  const positions: [number, number][] = [
    ...Array.from({ length: 7 }, (_, i): [number, number] => [size - 1 - i, 8]),
    ...Array.from({ length: 8 }, (_, i): [number, number] => [8, size - 8 + i]),
  ];
  return positions.reduce((bits, [row, column]) => (bits << 1) | (isDarkAt(symbol, row, column) ? 1 : 0), 0);
}

/**
 * Decodes a symbol the way a reader would, independently of the encoder's data path: finds the mask from
 * the format information, unmasks, reads codewords back from the zigzag, de-interleaves, checks every
 * block's Reed–Solomon syndromes, and parses the byte-mode segment.
 */
function decode(symbol: QrSymbol): string {
  const version = SYMBOL_VERSIONS.find((candidate) => candidate.size === symbol.size)!;
  const mask = [0, 1, 2, 3, 4, 5, 6, 7].find((candidate) => formatInformation(candidate) === readFormatBits(symbol));
  if (mask === undefined) throw new Error("format information unreadable");
  const reserved = drawFunctionPatterns(version).reserved;
  const size = symbol.size;

  const bits: number[] = [];
  let upwards = true;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right--;
    for (let step = 0; step < size; step++) {
      const row = upwards ? size - 1 - step : step;
      for (const column of [right, right - 1]) {
        if (reserved[row * size + column] === 1) continue;
        bits.push((isDarkAt(symbol, row, column) ? 1 : 0) ^ (MASK_PATTERNS[mask]!(row, column) ? 1 : 0));
      }
    }
    upwards = !upwards;
  }
  const codewords = Array.from({ length: version.totalCodewords }, (_, i) => bits.slice(i * 8, i * 8 + 8).reduce((byte, bit) => (byte << 1) | bit, 0));

  const sizes = version.groups.flatMap((group) => new Array<number>(group.blocks).fill(group.dataCodewords));
  const blocks = sizes.map(() => [] as number[]);
  let next = 0;
  for (let i = 0; i < Math.max(...sizes); i++) sizes.forEach((length, b) => i < length && blocks[b]!.push(codewords[next++]!));
  const data = blocks.flatMap((block) => [...block]);
  for (let i = 0; i < version.ecCodewordsPerBlock; i++) blocks.forEach((block) => block.push(codewords[next++]!));
  for (const block of blocks) {
    for (let i = 0; i < version.ecCodewordsPerBlock; i++) {
      const syndrome = block.reduce((sum, coefficient) => gfMultiply(sum, gfExp(i)) ^ coefficient, 0);
      if (syndrome !== 0) throw new Error("Reed–Solomon check failed");
    }
  }

  const stream = data.flatMap((byte) => Array.from({ length: 8 }, (_, k) => (byte >>> (7 - k)) & 1));
  let position = 0;
  const take = (length: number) => stream.slice(position, (position += length)).reduce((value, bit) => (value << 1) | bit, 0);
  if (take(4) !== 0b0100) throw new Error("not byte mode");
  const length = take(version.byteCountBits);
  return new TextDecoder().decode(Uint8Array.from({ length }, () => take(8)));
}

describe("encodeQr", () => {
  it.each([
    ["a Key URI", URI],
    ["Chinese text in UTF-8", "人口信息平台 店子镇 370406101"],
    ["one character", "a"],
  ])("round-trips %s through an independent reader", (_, text) => {
    expect(decode(encode(text))).toBe(text);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7])("round-trips with mask %i and records it in both format copies", (mask) => {
    const symbol = encode(URI, { mask });
    expect(symbol.mask).toBe(mask);
    expect(readSecondFormatBits(symbol)).toBe(readFormatBits(symbol));
    expect(decode(symbol)).toBe(URI);
  });

  it.each(SYMBOL_VERSIONS.map((version) => version.version))("round-trips at version %i", (version) => {
    const symbol = encode("renkou", { minVersion: version });
    expect(symbol.version).toBe(version);
    expect(symbol.size).toBe(17 + 4 * version);
    expect(decode(symbol)).toBe("renkou");
  });

  it.each([
    [14, 1],
    [15, 2],
    [122, 7],
    [123, 8],
    [213, 10],
  ])("puts %i bytes in version %i, the smallest that holds them", (length, version) => {
    expect(encode("x".repeat(length)).version).toBe(version);
  });

  it("refuses text longer than version 10-M holds", () => {
    const result = encodeQr("x".repeat(214));
    expect(result).toEqual({ ok: false, reason: "qr_data_too_long", detail: "214 bytes; version 10-M holds 213" });
  });

  it("counts UTF-8 bytes, not characters, against the capacity", () => {
    expect(encode("人".repeat(4)).version).toBe(1); // 12 bytes
    expect(encode("人".repeat(5)).version).toBe(2); // 15 bytes
  });

  it("chooses the mask with the lowest penalty", () => {
    const penalties = MASK_PATTERNS.map((_, mask) => scoreMaskPenalty(encode(URI, { mask })).total);
    expect(penalties[encode(URI).mask]).toBe(Math.min(...penalties));
  });

  it("draws finder patterns in three corners, timing patterns and the dark module", () => {
    const symbol = encode(URI);
    const size = symbol.size;
    for (const [top, left] of [[0, 0], [0, size - 7], [size - 7, 0]] as const) {
      expect(Array.from({ length: 7 }, (_, c) => (isDarkAt(symbol, top + 2, left + c) ? 1 : 0))).toEqual([1, 0, 1, 1, 1, 0, 1]);
      expect(isDarkAt(symbol, top + 1, left + 1)).toBe(false);
      expect(isDarkAt(symbol, top + 3, left + 3)).toBe(true);
    }
    for (let i = 8; i < size - 8; i++) {
      expect(isDarkAt(symbol, 6, i)).toBe(i % 2 === 0);
      expect(isDarkAt(symbol, i, 6)).toBe(i % 2 === 0);
    }
    expect(isDarkAt(symbol, size - 8, 8)).toBe(true);
  });

  it("writes the version information of version 7 in both blocks", () => {
    const symbol = encode("x".repeat(110));
    expect(symbol.version).toBe(7);
    const size = symbol.size;
    let topRight = 0;
    let bottomLeft = 0;
    for (let i = 17; i >= 0; i--) {
      const across = size - 11 + (i % 3);
      const down = Math.floor(i / 3);
      topRight = (topRight << 1) | (isDarkAt(symbol, down, across) ? 1 : 0);
      bottomLeft = (bottomLeft << 1) | (isDarkAt(symbol, across, down) ? 1 : 0);
    }
    expect(topRight).toBe(versionInformation(7));
    expect(bottomLeft).toBe(versionInformation(7));
  });

  it("matches a reference symbol module for module", () => {
    // "renkou 人口", version 1-M, mask 0: module for module what an independent encoder (Nayuki's qrcodegen,
    // as vendored by @rc-component/qrcode) draws for the same segment, version and mask.
    const reference = [
      "#######....##.#######",
      "#.....#.#.#.#.#.....#",
      "#.###.#...##..#.###.#",
      "#.###.#..#.##.#.###.#",
      "#.###.#.#...#.#.###.#",
      "#.....#...#.#.#.....#",
      "#######.#.#.#.#######",
      ".........####........",
      "#.#.#.#....#....#..#.",
      ".###.#....##...##..##",
      "..#...#.###.#.##.####",
      "###..#.#....####...##",
      ".##.#.#####.##..#...#",
      "........#.#######.#.#",
      "#######..#......#..##",
      "#.....#...#.###......",
      "#.###.#.#..#.#.##..#.",
      "#.###.#...##.##.####.",
      "#.###.#.#.#....###..#",
      "#.....#.......#.#..#.",
      "#######.##.##..#...##",
    ];
    const symbol = encode("renkou 人口", { mask: 0 });
    const drawn = Array.from({ length: symbol.size }, (_, r) => Array.from({ length: symbol.size }, (_, c) => (isDarkAt(symbol, r, c) ? "#" : ".")).join(""));
    expect(drawn).toEqual(reference);
  });
});
