/**
 * Lays out a QR symbol (ISO/IEC 18004:2015 §6.3, §7.7–7.10): the function patterns every reader looks for
 * first, then the codewords in the two-module-wide zigzag, then the mask, then the format and version
 * information that tell the reader which mask and version it is looking at.
 */
import { formatInformation, versionInformation } from "./bch-information.ts";
import { MASK_PATTERNS } from "./mask-patterns.ts";
import type { ModuleGrid } from "./module-grid.ts";
import type { SymbolVersion } from "./symbol-versions.ts";

interface Canvas {
  readonly size: number;
  readonly dark: Uint8Array;
  /** 1 where a function pattern or the format/version information sits: no data, no mask. */
  readonly reserved: Uint8Array;
}

function setFunctionModule(canvas: Canvas, row: number, column: number, dark: boolean): void {
  const index = row * canvas.size + column;
  canvas.dark[index] = dark ? 1 : 0;
  canvas.reserved[index] = 1;
}

/** The symbol with `codewords` (data and error correction, interleaved) placed and masked with `mask`. */
export function drawSymbol(version: SymbolVersion, codewords: Uint8Array, mask: number): ModuleGrid {
  const canvas = drawFunctionPatterns(version);
  placeCodewords(canvas, codewords);
  applyMask(canvas, mask);
  drawFormatInformation(canvas, mask);
  return { size: canvas.size, dark: canvas.dark };
}

/**
 * Finder patterns with their separators, timing patterns, alignment patterns, the dark module, and the
 * areas kept for format and version information (filled with the real bits once the mask is chosen).
 */
export function drawFunctionPatterns(version: SymbolVersion): Canvas {
  const size = version.size;
  const canvas: Canvas = { size, dark: new Uint8Array(size * size), reserved: new Uint8Array(size * size) };

  for (let i = 8; i < size - 8; i++) {
    setFunctionModule(canvas, 6, i, i % 2 === 0);
    setFunctionModule(canvas, i, 6, i % 2 === 0);
  }
  for (const [row, column] of [
    [0, 0],
    [0, size - 7],
    [size - 7, 0],
  ] as const) {
    drawFinderPattern(canvas, row, column);
  }
  const centres = version.alignmentCentres;
  const last = centres.length - 1;
  centres.forEach((row, i) =>
    centres.forEach((column, j) => {
      // The three corners taken by finder patterns get none.
      const onFinder = (i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0);
      if (!onFinder) drawAlignmentPattern(canvas, row, column);
    }),
  );

  drawFormatInformation(canvas, 0); // reserves the area; the bits are redrawn after masking
  if (version.version >= 7) drawVersionInformation(canvas, version.version);
  return canvas;
}

/** The 7×7 finder pattern whose top-left module is (row, column), with its one-module light separator. */
function drawFinderPattern(canvas: Canvas, row: number, column: number): void {
  for (let dr = -1; dr <= 7; dr++) {
    for (let dc = -1; dc <= 7; dc++) {
      const r = row + dr;
      const c = column + dc;
      if (r < 0 || c < 0 || r >= canvas.size || c >= canvas.size) continue;
      const ring = Math.max(Math.abs(dr - 3), Math.abs(dc - 3)); // 0 centre … 3 outer edge, 4 separator
      setFunctionModule(canvas, r, c, ring !== 2 && ring !== 4);
    }
  }
}

function drawAlignmentPattern(canvas: Canvas, row: number, column: number): void {
  for (let dr = -2; dr <= 2; dr++) {
    for (let dc = -2; dc <= 2; dc++) {
      setFunctionModule(canvas, row + dr, column + dc, Math.max(Math.abs(dr), Math.abs(dc)) !== 1);
    }
  }
}

/** Both copies of the 15 format bits (§7.9.1, Figure 25); bit 0 is the least significant. */
function drawFormatInformation(canvas: Canvas, mask: number): void {
  const size = canvas.size;
  const bits = formatInformation(mask);
  const bit = (i: number) => ((bits >>> i) & 1) === 1;
  // Around the top-left finder: down column 8 (skipping the timing row), then left along row 8.
  for (let i = 0; i <= 5; i++) setFunctionModule(canvas, i, 8, bit(i));
  setFunctionModule(canvas, 7, 8, bit(6));
  setFunctionModule(canvas, 8, 8, bit(7));
  setFunctionModule(canvas, 8, 7, bit(8));
  for (let i = 9; i < 15; i++) setFunctionModule(canvas, 8, 14 - i, bit(i));
  // The second copy: along row 8 under the top-right finder, then down column 8 beside the bottom-left one.
  for (let i = 0; i < 8; i++) setFunctionModule(canvas, 8, size - 1 - i, bit(i));
  for (let i = 8; i < 15; i++) setFunctionModule(canvas, size - 15 + i, 8, bit(i));
  setFunctionModule(canvas, size - 8, 8, true); // the dark module, always dark
}

/** Both 6×3 copies of the 18 version bits (§7.10, Figure 27). */
function drawVersionInformation(canvas: Canvas, version: number): void {
  const bits = versionInformation(version);
  for (let i = 0; i < 18; i++) {
    const dark = ((bits >>> i) & 1) === 1;
    const across = canvas.size - 11 + (i % 3);
    const down = Math.floor(i / 3);
    setFunctionModule(canvas, down, across, dark);
    setFunctionModule(canvas, across, down, dark);
  }
}

/**
 * Codeword bits, most significant first, in pairs of columns from the right edge, upwards then downwards
 * alternately, skipping the vertical timing pattern's column (§7.7.3). Modules left over are the remainder
 * bits, which stay light.
 */
function placeCodewords(canvas: Canvas, codewords: Uint8Array): void {
  const size = canvas.size;
  const totalBits = codewords.length * 8;
  let bitIndex = 0;
  let upwards = true;
  for (let right = size - 1; right >= 1; right -= 2, upwards = !upwards) {
    if (right === 6) right = 5;
    for (let step = 0; step < size; step++) {
      const row = upwards ? size - 1 - step : step;
      for (const column of [right, right - 1]) {
        const index = row * size + column;
        if (canvas.reserved[index] === 1) continue;
        if (bitIndex < totalBits) {
          canvas.dark[index] = (codewords[bitIndex >>> 3]! >>> (7 - (bitIndex & 7))) & 1;
          bitIndex++;
        }
      }
    }
  }
}

function applyMask(canvas: Canvas, mask: number): void {
  const condition = MASK_PATTERNS[mask];
  if (condition === undefined) throw new RangeError(`mask ${mask} is not 0–7`);
  for (let row = 0; row < canvas.size; row++) {
    for (let column = 0; column < canvas.size; column++) {
      const index = row * canvas.size + column;
      if (canvas.reserved[index] === 0 && condition(row, column)) canvas.dark[index] = canvas.dark[index]! ^ 1;
    }
  }
}
