import { createSeededRandom } from "../../kernel/statistics/seeded-random.ts";
import type { LinkMode } from "./model.ts";

/**
 * The random pairs whose comparison levels estimate u (`estimate-u.ts`). Every pair when there are at most
 * `sampleSize`; otherwise `sampleSize` pairs drawn with a fixed seed, so the same data gives the same model
 * on every run. Deduplicating, a pair is two different records; linking, a left record (rids 0 … left−1) and a
 * right one (rids left …).
 */
export interface SamplePairs {
  readonly left: Int32Array;
  readonly right: Int32Array;
}

const SAMPLE_SEED = 0x5eed2718;

export function drawSamplePairs(records: { readonly left: number; readonly right: number }, mode: LinkMode, sampleSize: number): SamplePairs {
  const { left, right } = records;
  const allPairs = mode === "dedupe" ? (left * (left - 1)) / 2 : left * right;
  if (allPairs <= sampleSize) return everyPair(records, mode, allPairs);
  const random = createSeededRandom(SAMPLE_SEED);
  const draw = (n: number) => Math.floor(random() * n);
  const l = new Int32Array(sampleSize);
  const r = new Int32Array(sampleSize);
  for (let k = 0; k < sampleSize; k++) {
    if (mode === "link") {
      l[k] = draw(left);
      r[k] = left + draw(right);
      continue;
    }
    let a = draw(left);
    let b = draw(left);
    while (a === b) b = draw(left);
    if (a > b) [a, b] = [b, a];
    l[k] = a;
    r[k] = b;
  }
  return { left: l, right: r };
}

function everyPair(records: { readonly left: number; readonly right: number }, mode: LinkMode, allPairs: number): SamplePairs {
  const l = new Int32Array(allPairs);
  const r = new Int32Array(allPairs);
  let k = 0;
  if (mode === "dedupe") {
    for (let a = 0; a < records.left; a++) for (let b = a + 1; b < records.left; b++, k++) [l[k], r[k]] = [a, b];
  } else {
    for (let a = 0; a < records.left; a++) for (let b = 0; b < records.right; b++, k++) [l[k], r[k]] = [a, records.left + b];
  }
  return { left: l, right: r };
}
