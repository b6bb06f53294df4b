import type { BlockingKey, BlockingRule } from "./blocking-rule.ts";
import { codeFeature, MISSING } from "./feature-codes.ts";
import type { LinkMode } from "./model.ts";
import type { PreparedInput } from "./prepare-link-input.ts";

/**
 * Blocking in two steps. Here each record gets, per rule, the number of its block: records that agree on every
 * key of the rule share one. The database then generates the candidate pairs by joining the records on these
 * numbers (`store.insertBlockedPairs`). A record whose block can give no pair (it is alone in it or, linking,
 * the block holds no record of the other file) gets no block (−1), so the join reads only records that pair.
 *
 * Counting the blocks here also gives each rule's pair count before any pair exists: for the report, for
 * choosing default blocking, and for capping a rule whose largest blocks would explode.
 */
export const NO_BLOCK = MISSING;

export interface RuleBlocks {
  /** Each record's block (by rid), or `NO_BLOCK`. */
  readonly blockOf: Int32Array;
  /** Pairs the rule produces without a cap. */
  readonly estimatedPairs: number;
  /** Blocks larger than this were dropped to stay under the cap; null when nothing was dropped. */
  readonly maxBlockSize: number | null;
  /** Pairs in the dropped blocks. */
  readonly skippedPairs: number;
}

/** The pairs a rule produces, for choosing default blocking (no cap). */
export function estimateRulePairs(input: PreparedInput, mode: LinkMode, rule: BlockingRule): number {
  return countBlocks(input, mode, rule).estimatedPairs;
}

/**
 * Blocks of `rule`. When it would produce more than `maxPairs`, its blocks are kept from the smallest size up
 * while the total stays within `maxPairs`, and the larger ones are dropped (the cap that keeps an exploding
 * rule from exhausting memory; the caller warns).
 */
export function blockRecords(input: PreparedInput, mode: LinkMode, rule: BlockingRule, maxPairs: number): RuleBlocks {
  const { blockOf, sizes, pairs, estimatedPairs } = countBlocks(input, mode, rule);
  let maxBlockSize: number | null = null;
  let skippedPairs = 0;
  if (estimatedPairs > maxPairs) {
    const bySize = new Map<number, number>();
    for (let b = 0; b < sizes.length; b++) if (pairs[b]! > 0) bySize.set(sizes[b]!, (bySize.get(sizes[b]!) ?? 0) + pairs[b]!);
    let kept = 0;
    maxBlockSize = 0;
    for (const [size, sizePairs] of [...bySize].sort((a, b) => a[0] - b[0])) {
      if (kept + sizePairs > maxPairs) break;
      kept += sizePairs;
      maxBlockSize = size;
    }
    skippedPairs = estimatedPairs - kept;
  }
  for (let rid = 0; rid < blockOf.length; rid++) {
    const block = blockOf[rid]!;
    if (block === NO_BLOCK) continue;
    if (pairs[block] === 0 || (maxBlockSize !== null && sizes[block]! > maxBlockSize)) blockOf[rid] = NO_BLOCK;
  }
  return { blockOf, estimatedPairs, maxBlockSize, skippedPairs };
}

function countBlocks(input: PreparedInput, mode: LinkMode, rule: BlockingRule) {
  const blockOf = numberBlocks(input, rule.keys);
  let blocks = 0;
  for (const block of blockOf) if (block >= blocks) blocks = block + 1;
  const left = new Int32Array(blocks);
  const right = new Int32Array(blocks);
  for (let rid = 0; rid < blockOf.length; rid++) {
    const block = blockOf[rid]!;
    if (block !== NO_BLOCK) (input.sides[rid] === 0 ? left : right)[block]!++;
  }
  const sizes = new Int32Array(blocks);
  const pairs = new Float64Array(blocks);
  let estimatedPairs = 0;
  for (let b = 0; b < blocks; b++) {
    const l = left[b]!;
    const r = right[b]!;
    sizes[b] = l + r;
    pairs[b] = mode === "dedupe" ? (l * (l - 1)) / 2 : l * r;
    estimatedPairs += pairs[b]!;
  }
  return { blockOf, sizes, pairs, estimatedPairs };
}

/** Numbers the distinct combinations of the keys' values 0, 1, 2 …; −1 for a record missing any key. */
function numberBlocks(input: PreparedInput, keys: readonly BlockingKey[]): Int32Array {
  const count = input.recordIds.length;
  const blockOf = new Int32Array(count);
  keys.forEach((key, k) => {
    const { codes, distinct: keyDistinct } = codeFeature(input, key.fieldIndex, key.feature, key.prefixLength);
    const valueIndexes = input.valueIndexes[key.fieldIndex]!;
    if (k === 0) {
      for (let rid = 0; rid < count; rid++) blockOf[rid] = codes[valueIndexes[rid]!]!;
      return;
    }
    // Combine the blocks so far with this key: (block, code) pairs are numbered afresh. Both are below a
    // few million, so block × keyDistinct + code stays an exact integer.
    const combined = new Map<number, number>();
    for (let rid = 0; rid < count; rid++) {
      const block = blockOf[rid]!;
      const code = codes[valueIndexes[rid]!]!;
      if (block === NO_BLOCK || code === NO_BLOCK) {
        blockOf[rid] = NO_BLOCK;
        continue;
      }
      const pair = block * keyDistinct + code;
      let next = combined.get(pair);
      if (next === undefined) {
        next = combined.size;
        combined.set(pair, next);
      }
      blockOf[rid] = next;
    }
  });
  return blockOf;
}
