/**
 * How hard a masked symbol would be to read (ISO/IEC 18004:2015 §7.8.3, Table 11); the encoder keeps the mask
 * with the lowest total. Weights N1 = 3, N2 = 3, N3 = 40, N4 = 10.
 */
import type { ModuleGrid } from "./module-grid.ts";

export interface MaskPenalty {
  /** Feature 1: runs of five or more modules of one colour in a row or column, N1 + (length − 5) each. */
  readonly runs: number;
  /** Feature 2: every 2×2 block of one colour (overlapping blocks each count), N2 each. */
  readonly blocks: number;
  /** Feature 3: 1:1:3:1:1 dark–light–dark–light–dark with four light modules before or after it, N3 each. */
  readonly finderLike: number;
  /**
   * Feature 4: N4·k when the share of dark modules lies between 50 ± 5k % and 50 ± 5(k + 1) %; a share exactly
   * on a boundary takes the lower k.
   */
  readonly balance: number;
  readonly total: number;
}

const N1 = 3;
const N2 = 3;
const N3 = 40;
const N4 = 10;

/** 1011101 with 0000 after it, or before it; the area outside the symbol is the light quiet zone. */
const FINDER_LIKE = [
  [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0],
  [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1],
] as const;
const QUIET_ZONE = 4;

export function scoreMaskPenalty(grid: ModuleGrid): MaskPenalty {
  const { size, dark } = grid;
  const rows = Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => dark[r * size + c]!));
  const columns = Array.from({ length: size }, (_, c) => Array.from({ length: size }, (_, r) => dark[r * size + c]!));
  const lines = [...rows, ...columns];

  const runs = lines.reduce((sum, line) => sum + scoreRuns(line), 0);
  const finderLike = lines.reduce((sum, line) => sum + N3 * countFinderLike(line), 0);
  let blocks = 0;
  for (let r = 0; r + 1 < size; r++) {
    for (let c = 0; c + 1 < size; c++) {
      const colour = dark[r * size + c];
      if (colour === dark[r * size + c + 1] && colour === dark[(r + 1) * size + c] && colour === dark[(r + 1) * size + c + 1]) {
        blocks += N2;
      }
    }
  }
  const darkCount = dark.reduce((sum, module) => sum + module, 0);
  const moduleCount = size * size;
  const deviation = Math.abs(darkCount * 100 - 50 * moduleCount); // percentage points × modules, kept in integers
  const balance = N4 * Math.max(0, Math.ceil(deviation / (5 * moduleCount)) - 1);
  return { runs, blocks, finderLike, balance, total: runs + blocks + finderLike + balance };
}

function scoreRuns(line: readonly number[]): number {
  let score = 0;
  let length = 1;
  for (let i = 1; i <= line.length; i++) {
    if (i < line.length && line[i] === line[i - 1]) {
      length++;
      continue;
    }
    if (length >= 5) score += N1 + (length - 5);
    length = 1;
  }
  return score;
}

function countFinderLike(line: readonly number[]): number {
  const padded = [...new Array<number>(QUIET_ZONE).fill(0), ...line, ...new Array<number>(QUIET_ZONE).fill(0)];
  let count = 0;
  for (let start = 0; start + 11 <= padded.length; start++) {
    for (const pattern of FINDER_LIKE) {
      if (pattern.every((module, k) => padded[start + k] === module)) count++;
    }
  }
  return count;
}
