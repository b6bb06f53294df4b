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
  /** Every number is below this. */
  readonly distinct: number;
}

const memo = new WeakMap<readonly FeatureValues[], Map<string, FeatureCodes>>();

/** The numbers of `feature` (cut to its first `prefixLength` characters, if given) for field `field`. */
export function codeFeature(
  input: Pick<PreparedInput, "values" | "cells" | "cellIndexes">,
  field: number,
  feature: string,
  prefixLength?: number,
): FeatureCodes {
  const values = input.values[field]!;
  const key = `${feature}:${prefixLength ?? ""}`;
  let byFeature = memo.get(values);
  if (byFeature === undefined) {
    byFeature = new Map();
    memo.set(values, byFeature);
  }
  let coded = byFeature.get(key);
  if (coded === undefined) {
    coded =
      prefixLength === undefined
        ? numberByCells(values, input.cells[field]!, input.cellIndexes[field]!, feature)
        : numberPrefixes(values, feature, prefixLength);
    byFeature.set(key, coded);
  }
  return coded;
}

/**
 * Most features are the value as written (a name, an ID number) or equal to some value as written (a
 * normalised phone number), and the values are already numbered by the dictionary that encoded them; so a
 * feature value equal to the value as written at index j is numbered j, found with a string comparison or
 * one look-up in that dictionary. Only feature values written nowhere (a legacy ID number in its 18-digit
 * form) get new numbers, after all the value indexes.
 */
function numberByCells(
  values: readonly FeatureValues[],
  cells: readonly string[],
  cellIndex: ReadonlyMap<string, number>,
  feature: string,
): FeatureCodes {
  const codes = new Int32Array(values.length);
  const unwritten = new Map<string, number>();
  for (let j = 0; j < values.length; j++) {
    const value = values[j]![feature] ?? null;
    if (value === null) codes[j] = MISSING;
    else if (value === cells[j]) codes[j] = j;
    else {
      let code = cellIndex.get(value);
      if (code === undefined) {
        code = unwritten.get(value);
        if (code === undefined) {
          code = values.length + unwritten.size;
          unwritten.set(value, code);
        }
      }
      codes[j] = code;
    }
  }
  return { codes, distinct: values.length + unwritten.size };
}

function numberPrefixes(values: readonly FeatureValues[], feature: string, prefixLength: number): FeatureCodes {
  const codes = new Int32Array(values.length);
  const numbers = new Map<string, number>();
  values.forEach((features, j) => {
    const value = features[feature] ?? null;
    if (value === null) {
      codes[j] = MISSING;
      return;
    }
    const prefix = firstCharacters(value, prefixLength);
    let code = numbers.get(prefix);
    if (code === undefined) {
      code = numbers.size;
      numbers.set(prefix, code);
    }
    codes[j] = code;
  });
  return { codes, distinct: numbers.size };
}

/** The first `n` characters (code points, as SQL's `left` counts them; a rare name character lies outside the BMP). */
function firstCharacters(value: string, n: number): string {
  return /[\uD800-\uDFFF]/.test(value) ? [...value].slice(0, n).join("") : value.slice(0, n);
}
