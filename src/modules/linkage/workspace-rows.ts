import { copyTextValue } from "../../db/copy-in.ts";
import { featureColumn } from "./comparison-library.ts";
import { FEATURES_BY_TYPE, type FeatureDefinition } from "./field-features.ts";
import type { FieldType } from "./model.ts";
import type { PreparedInput } from "./prepare-link-input.ts";
import { NO_BLOCK } from "./block-records.ts";

/**
 * The rows the engine loads into its working tables, written as text: COPY's text format for a PostgreSQL
 * server, JSON arrays for the embedded engine (whose socket cannot carry COPY). Pure: the store sends the
 * chunks. Each distinct value's columns are written once and shared by every record holding it, so a
 * record's row is its rid, its side and a few ready-made pieces.
 *
 *   lk_records (rid, side, f<i>_<feature>…)   the features the comparisons read
 *   lk_keys    (rid, side, k<j>…)              each record's block per blocking rule (block-records.ts)
 */
export type RowEncoding = "copy" | "json";

export const ROWS_PER_CHUNK = 20_000;

export interface WorkspaceColumn {
  readonly name: string;
  readonly sqlType: string;
}

/** The feature columns of `lk_records`, in order. */
export function recordFeatureColumns(types: readonly FieldType[]): WorkspaceColumn[] {
  return types.flatMap((type, i) => FEATURES_BY_TYPE[type].map((feature) => ({ name: featureColumn(i, feature.name), sqlType: feature.sqlType })));
}

/** The block columns of `lk_keys`, one per rule. */
export function blockColumns(ruleCount: number): WorkspaceColumn[] {
  return Array.from({ length: ruleCount }, (_, k) => ({ name: `k${k}`, sqlType: "integer" }));
}

/**
 * `lk_records` rows of the records `rids`. `termFrequencies[i]` gives field i's `tf` column by value index
 * (`value-counts.ts`); NaN is no value.
 */
export function* encodeRecordRows(
  input: PreparedInput,
  termFrequencies: ReadonlyArray<Float64Array | undefined>,
  rids: Int32Array,
  encoding: RowEncoding,
): Generator<string> {
  const fieldCount = input.fields.length;
  const pieces = input.fields.map(() => [] as Array<string | undefined>);
  const pieceOf = (field: number, valueIndex: number): string => {
    let piece = pieces[field]![valueIndex];
    if (piece === undefined) {
      piece = encodeValueColumns(input, termFrequencies, field, valueIndex, encoding);
      pieces[field]![valueIndex] = piece;
    }
    return piece;
  };
  yield* chunked(rids, encoding, (rid) => {
    let row = encoding === "copy" ? `${rid}\t${input.sides[rid]}` : `{"rid":${rid},"side":${input.sides[rid]}`;
    for (let i = 0; i < fieldCount; i++) row += (encoding === "copy" ? "\t" : ",") + pieceOf(i, input.valueIndexes[i]![rid]!);
    return encoding === "copy" ? `${row}\n` : `${row}}`;
  });
}

/** `lk_keys` rows of the records `rids`: `blocks[k]` is rule k's block by rid (`NO_BLOCK` → null). */
export function* encodeBlockRows(input: PreparedInput, blocks: readonly Int32Array[], rids: Int32Array, encoding: RowEncoding): Generator<string> {
  yield* chunked(rids, encoding, (rid) => {
    if (encoding === "copy") {
      let row = `${rid}\t${input.sides[rid]}`;
      for (const blockOf of blocks) row += blockOf[rid] === NO_BLOCK ? "\t\\N" : `\t${blockOf[rid]}`;
      return `${row}\n`;
    }
    let row = `{"rid":${rid},"side":${input.sides[rid]}`;
    blocks.forEach((blockOf, k) => (row += `,"k${k}":${blockOf[rid] === NO_BLOCK ? "null" : blockOf[rid]}`));
    return `${row}}`;
  });
}

function* chunked(rids: Int32Array, encoding: RowEncoding, encodeRow: (rid: number) => string): Generator<string> {
  for (let start = 0; start < rids.length; start += ROWS_PER_CHUNK) {
    const end = Math.min(rids.length, start + ROWS_PER_CHUNK);
    if (encoding === "copy") {
      let chunk = "";
      for (let n = start; n < end; n++) chunk += encodeRow(rids[n]!);
      yield chunk;
    } else {
      const rows: string[] = [];
      for (let n = start; n < end; n++) rows.push(encodeRow(rids[n]!));
      yield `[${rows.join(",")}]`;
    }
  }
}

/** One value's feature columns: tab-separated COPY cells, or `"column":value` JSON members. */
function encodeValueColumns(
  input: PreparedInput,
  termFrequencies: ReadonlyArray<Float64Array | undefined>,
  field: number,
  valueIndex: number,
  encoding: RowEncoding,
): string {
  const features = input.values[field]![valueIndex]!;
  const cells = FEATURES_BY_TYPE[input.fields[field]!.type].map((feature: FeatureDefinition) => {
    const value: string | number | null =
      feature.derived === "term_frequency" ? nullIfNaN(termFrequencies[field]?.[valueIndex]) : (features[feature.name] ?? null);
    if (encoding === "copy") return typeof value === "number" ? String(value) : copyTextValue(value);
    return `"${featureColumn(field, feature.name)}":${JSON.stringify(value)}`;
  });
  return cells.join(encoding === "copy" ? "\t" : ",");
}

function nullIfNaN(value: number | undefined): number | null {
  return value === undefined || Number.isNaN(value) ? null : value;
}
