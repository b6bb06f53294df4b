import type { FeatureValues } from "./field-features.ts";
import type { PreparedInput } from "./prepare-link-input.ts";

/**
 * One feature of a field as numbers: per distinct value of the field (`PreparedInput.values`), a number for
 * the feature's value — equal feature values get equal numbers 0, 1, 2 … — or `MISSING`. Blocking, the exact
 * u counts and the term frequencies all group records by a feature; numbering each feature once per run and
 * grouping by numbers replaces a map of strings per use (a million-record run asks for the same features
 * several times).
 */
export const MISSING = -1;

export interface FeatureCodes {
  /** By value index: the feature value's number, or `MISSING`. */
  readonly codes: Int32Array;
  /** How many numbers were given. */
  readonly distinct: number;
}

const memo = new WeakMap<readonly FeatureValues[], Map<string, FeatureCodes>>();

/** The numbers of `feature` (cut to its first `prefixLength` characters, if given) for field `field`. */
export function codeFeature(input: Pick<PreparedInput, "values" | "cells">, field: number, feature: string, prefixLength?: number): FeatureCodes {
  const values = input.values[field]!;
  const key = `${feature}:${prefixLength ?? ""}`;
  let byFeature = memo.get(values);
  if (byFeature === undefined) {
    byFeature = new Map();
    memo.set(values, byFeature);
  }
  let coded = byFeature.get(key);
  if (coded === undefined) {
    coded = numberValues(values, input.cells[field]!, feature, prefixLength);
    byFeature.set(key, coded);
  }
  return coded;
}

function numberValues(values: readonly FeatureValues[], cells: readonly string[], feature: string, prefixLength: number | undefined): FeatureCodes {
  const codes = new Int32Array(values.length);
  // A feature that is the cell itself (a name or ID number as written) is already numbered: distinct cells
  // are distinct values. Checked rather than assumed, since it is cheap next to a map of every value.
  const isCell = (features: FeatureValues, j: number) => ((features[feature] ?? null) === null ? cells[j] === "" : features[feature] === cells[j]);
  if (prefixLength === undefined && values.every(isCell)) {
    for (let j = 0; j < codes.length; j++) codes[j] = cells[j] === "" ? MISSING : j;
    return { codes, distinct: codes.length };
  }
  const numbers = new Map<string, number>();
  values.forEach((features, j) => {
    const value = features[feature] ?? null;
    if (value === null) {
      codes[j] = MISSING;
      return;
    }
    const keyValue = prefixLength === undefined ? value : firstCharacters(value, prefixLength);
    let code = numbers.get(keyValue);
    if (code === undefined) {
      code = numbers.size;
      numbers.set(keyValue, code);
    }
    codes[j] = code;
  });
  return { codes, distinct: numbers.size };
}

/** The first `n` characters (code points, as SQL's `left` counts them; a rare name character lies outside the BMP). */
function firstCharacters(value: string, n: number): string {
  return /[\uD800-\uDFFF]/.test(value) ? [...value].slice(0, n).join("") : value.slice(0, n);
}
