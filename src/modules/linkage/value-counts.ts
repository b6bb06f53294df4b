import { codeFeature, MISSING } from "./feature-codes.ts";
import type { LinkMode } from "./model.ts";
import type { PreparedInput } from "./prepare-link-input.ts";

/**
 * How many records of each side hold each distinct value of a field (`PreparedInput.values`). Term
 * frequencies and the exact count of agreeing pairs both come from these counts, so neither needs a pass over
 * the records' features.
 */
export interface ValueCounts {
  readonly left: Int32Array;
  readonly right: Int32Array;
}

const counted = new WeakMap<Int32Array, ValueCounts>();

/** Counted once per field and run (term frequencies and u both ask). */
export function countValueHolders(input: PreparedInput, fieldIndex: number): ValueCounts {
  const indexes = input.valueIndexes[fieldIndex]!;
  let counts = counted.get(indexes);
  if (counts === undefined) {
    const distinct = input.values[fieldIndex]!.length;
    const left = new Int32Array(distinct);
    const right = new Int32Array(distinct);
    for (let rid = 0; rid < indexes.length; rid++) (input.sides[rid] === 0 ? left : right)[indexes[rid]!]!++;
    counts = { left, right };
    counted.set(indexes, counts);
  }
  return counts;
}

/**
 * Each distinct value's term frequency: the share of the records with a `norm` that have this one (both files
 * together, as pairs span both), or NaN for a value without `norm`.
 */
export function termFrequencies(input: PreparedInput, fieldIndex: number, counts: ValueCounts): Float64Array {
  const { codes, distinct } = codeFeature(input, fieldIndex, "norm");
  const byNorm = new Float64Array(distinct);
  let total = 0;
  codes.forEach((code, j) => {
    if (code === MISSING) return;
    const n = counts.left[j]! + counts.right[j]!;
    byNorm[code] = byNorm[code]! + n;
    total += n;
  });
  return Float64Array.from(codes, (code) => (code === MISSING ? Number.NaN : byNorm[code]! / total));
}

/** Pairs agreeing exactly on the first level's feature, out of all pairs where both values are present. */
export interface ExactLevelCount {
  readonly agreeing: number;
  readonly comparable: number;
}

/**
 * Among pairs where both records have the comparison's value (`nullFeature`), how many agree exactly on
 * `feature`: the sum over its values of the pairs sharing one. Exact, from the value counts. A missing
 * `feature` where `nullFeature` is present counts as one value (as SQL's GROUP BY would).
 */
export function countEqualValuePairs(
  input: PreparedInput,
  counts: ValueCounts,
  mode: LinkMode,
  fieldIndex: number,
  feature: string,
  nullFeature: string,
): ExactLevelCount {
  const present = codeFeature(input, fieldIndex, nullFeature).codes;
  const { codes, distinct } = codeFeature(input, fieldIndex, feature);
  // One more bucket, last: records with `nullFeature` but without `feature`.
  const left = new Float64Array(distinct + 1);
  const right = new Float64Array(distinct + 1);
  let leftTotal = 0;
  let rightTotal = 0;
  for (let j = 0; j < codes.length; j++) {
    if (present[j] === MISSING) continue;
    const bucket = codes[j] === MISSING ? distinct : codes[j]!;
    left[bucket] = left[bucket]! + counts.left[j]!;
    right[bucket] = right[bucket]! + counts.right[j]!;
    leftTotal += counts.left[j]!;
    rightTotal += counts.right[j]!;
  }
  let agreeing = 0;
  for (let b = 0; b <= distinct; b++) agreeing += mode === "dedupe" ? (left[b]! * (left[b]! - 1)) / 2 : left[b]! * right[b]!;
  return { agreeing, comparable: mode === "dedupe" ? (leftTotal * (leftTotal - 1)) / 2 : leftTotal * rightTotal };
}
