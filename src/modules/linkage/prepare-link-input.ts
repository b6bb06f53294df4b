import { COMPARISON_LIBRARY } from "./comparison-library.ts";
import type { FeatureValues } from "./field-features.ts";
import type { FieldSpec, LinkWarning } from "./model.ts";
import {
  computeValueFeatures,
  computeValueFeaturesInParallel,
  isCostly,
  isCostlyType,
  startFeatureWorker,
  worthAWorker,
  type ValueColumn,
} from "./value-features.ts";

/**
 * Checks a linkage request against the data and computes every record's features. Everything here is a
 * value, so the CLI and the product show the same errors: a missing column (with the nearest header as a
 * hint), a source without records, duplicate ids (the first one named).
 */
export interface LinkSource {
  /** Shown in messages: a file name, or "left" / "right". */
  readonly label: string;
  readonly idColumn: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export type PrepareReason = "column_not_found" | "no_records" | "duplicate_id" | "empty_id" | "no_usable_field";

/**
 * The records of a run, by column. A record's rid is its index here. Each field is dictionary-encoded: the
 * features of every distinct value are computed once (`values`), and each record points at its value
 * (`valueIndexes`). Names, dates and codes repeat heavily, so this is both the cheapest way to compute
 * features and a compact one: a million records are a few typed arrays, not a million objects.
 */
export interface PreparedInput {
  readonly fields: readonly FieldSpec[];
  /** Each record's id (left file first, then right). */
  readonly recordIds: readonly string[];
  /** Each record's side: 0 = left file, 1 = right file. */
  readonly sides: Uint8Array;
  readonly leftCount: number;
  readonly rightCount: number;
  /** Per field: the features of each distinct value (a blank value has no features: `{}`). */
  readonly values: ReadonlyArray<readonly FeatureValues[]>;
  /** Per field: each distinct value as written (trimmed), by value index. */
  readonly cells: ReadonlyArray<readonly string[]>;
  /** Per field: the value index of each value as written (the dictionary `cells` reverses). */
  readonly cellIndexes: ReadonlyArray<ReadonlyMap<string, number>>;
  /** Per field: each record's index into `values[field]`. */
  readonly valueIndexes: readonly Int32Array[];
  readonly warnings: readonly LinkWarning[];
}

/** One record's features for one field. */
export function featuresOf(input: Pick<PreparedInput, "values" | "valueIndexes">, rid: number, field: number): FeatureValues {
  return input.values[field]![input.valueIndexes[field]![rid]!]!;
}

export interface PrepareFailure {
  readonly reason: PrepareReason;
  readonly zh: string;
  readonly en: string;
}

export type PrepareResult = { readonly ok: true; readonly value: PreparedInput } | ({ readonly ok: false } & PrepareFailure);

export function prepareLinkInput(left: LinkSource, right: LinkSource | undefined, fields: readonly FieldSpec[]): PrepareResult {
  const encoded = encodeLinkInput(left, right, fields);
  if (!encoded.ok) return encoded;
  return dropEmptyFields({ ...encoded.value, values: computeValueFeatures(valueColumns(encoded.value)) });
}

/** `prepareLinkInput` with the costly features of a large input shared with a worker thread (value-features.ts). */
export async function prepareLinkInputInParallel(
  left: LinkSource,
  right: LinkSource | undefined,
  fields: readonly FieldSpec[],
): Promise<PrepareResult> {
  const records = left.rows.length + (right?.rows.length ?? 0);
  const worker = worthAWorker(fields.map((f) => f.type), records) ? startFeatureWorker() : undefined;
  const handedOver = new Map<number, Promise<FeatureValues[]>>();
  const handOverFirstCostly = (i: number, cells: readonly string[]) => {
    const column = { type: fields[i]!.type, cells };
    if (worker === undefined || handedOver.size > 0 || !isCostly(column)) return;
    const features = worker.compute([column]).then((results) => results[0]!);
    features.catch(() => undefined); // awaited below; this only keeps an early failure handled
    handedOver.set(i, features);
  };
  try {
    const encoded = encodeLinkInput(left, right, fields, handOverFirstCostly);
    if (!encoded.ok) return encoded;
    const values = await computeValueFeaturesInParallel(valueColumns(encoded.value), worker, handedOver);
    return dropEmptyFields({ ...encoded.value, values });
  } finally {
    worker?.close();
  }
}

type EncodedInput = Omit<PreparedInput, "values">;

function valueColumns(input: EncodedInput): ValueColumn[] {
  return input.fields.map((field, i) => ({ type: field.type, cells: input.cells[i]! }));
}

/**
 * The checks, then the records dictionary-encoded: everything but the features. `onColumn` hears of each
 * column as soon as it is encoded; columns of costly types are encoded first.
 */
function encodeLinkInput(
  left: LinkSource,
  right: LinkSource | undefined,
  fields: readonly FieldSpec[],
  onColumn: (field: number, cells: readonly string[]) => void = () => {},
): { ok: true; value: EncodedInput } | ({ ok: false } & PrepareFailure) {
  const sources = right === undefined ? [left] : [left, right];
  for (const [s, source] of sources.entries()) {
    const columns = [source.idColumn, ...fields.map((f) => (s === 0 ? f.leftColumn : f.rightColumn))];
    for (const column of columns) {
      if (source.header.includes(column)) continue;
      const hint = findNearestHeader(column, source.header);
      return failWith("column_not_found", {
        zh: `${source.label} 中没有列“${column}”${hint ? `（是否为“${hint}”？）` : ""}；现有列：${source.header.join("，")}`,
        en: `column "${column}" not found in ${source.label}${hint ? ` (did you mean "${hint}"?)` : ""}; columns: ${source.header.join(", ")}`,
      });
    }
    if (source.rows.length === 0) {
      return failWith("no_records", { zh: `${source.label} 没有数据行`, en: `${source.label} has no data rows` });
    }
  }

  const total = left.rows.length + (right?.rows.length ?? 0);
  // Field by field rather than row by row: one dictionary in the processor's caches at a time. Costly
  // columns first, and the first of them before the ids, so that a worker can start on it at once.
  const columns: Array<ReturnType<typeof encodeColumn>> = [];
  const encodeField = (i: number) => {
    const field = fields[i]!;
    columns[i] = encodeColumn(
      sources.map((source, s) => ({ rows: source.rows, column: source.header.indexOf(s === 0 ? field.leftColumn : field.rightColumn) })),
      total,
    );
    onColumn(i, columns[i]!.cells);
  };
  const order = fields.map((_, i) => i).sort((a, b) => Number(isCostlyType(fields[b]!.type)) - Number(isCostlyType(fields[a]!.type)));
  if (order.length > 0 && isCostlyType(fields[order[0]!]!.type)) encodeField(order.shift()!);

  const recordIds: string[] = [];
  const sides = new Uint8Array(total);
  for (const [s, source] of sources.entries()) {
    const idIndex = source.header.indexOf(source.idColumn);
    const seen = new Set<string>();
    for (const [rowNumber, row] of source.rows.entries()) {
      const id = (row[idIndex] ?? "").trim();
      if (id === "") {
        return failWith("empty_id", {
          zh: `${source.label} 第 ${rowNumber + 2} 行的“${source.idColumn}”为空`,
          en: `${source.label} line ${rowNumber + 2}: "${source.idColumn}" is empty`,
        });
      }
      if (seen.has(id)) {
        return failWith("duplicate_id", {
          zh: `${source.label} 中“${source.idColumn}”不唯一：第一个重复值为“${id}”（第 ${rowNumber + 2} 行）`,
          en: `ids in "${source.idColumn}" of ${source.label} are not unique: first duplicate "${id}" (line ${rowNumber + 2})`,
        });
      }
      seen.add(id);
      sides[recordIds.length] = s;
      recordIds.push(id);
    }
  }
  for (const i of order) encodeField(i);
  return {
    ok: true,
    value: {
      fields,
      recordIds,
      sides,
      leftCount: left.rows.length,
      rightCount: right?.rows.length ?? 0,
      cells: columns.map((column) => column.cells),
      cellIndexes: columns.map((column) => column.dictionary),
      valueIndexes: columns.map((column) => column.valueIndexes),
      warnings: [],
    },
  };
}

/** One field's cells (trimmed), dictionary-encoded over the sources in order. */
function encodeColumn(
  sources: ReadonlyArray<{ readonly rows: LinkSource["rows"]; readonly column: number }>,
  total: number,
): { cells: string[]; dictionary: Map<string, number>; valueIndexes: Int32Array } {
  const dictionary = new Map<string, number>();
  const cells: string[] = [];
  const valueIndexes = new Int32Array(total);
  let rid = 0;
  for (const { rows, column } of sources) {
    for (const row of rows) {
      const cell = (row[column] ?? "").trim();
      let index = dictionary.get(cell);
      if (index === undefined) {
        index = cells.length;
        cells.push(cell);
        dictionary.set(cell, index);
      }
      valueIndexes[rid++] = index;
    }
  }
  return { cells, dictionary, valueIndexes };
}

/** A field with no value anywhere carries no evidence: it is dropped with a warning, not an error. */
function dropEmptyFields(input: PreparedInput): PrepareResult {
  // Every value in a dictionary is held by some record, so a field is empty when none of its values has one.
  const keep = input.fields.map((field, i) => {
    const nullFeature = COMPARISON_LIBRARY[field.type].nullFeature;
    return input.values[i]!.some((features) => (features[nullFeature] ?? null) !== null);
  });
  const warnings: LinkWarning[] = input.fields
    .filter((_, i) => !keep[i])
    .map((field) => ({
      code: "field_all_null",
      zh: `字段“${field.name}”全部为空，已从比较中去除`,
      en: `field "${field.name}" is empty in every record and was dropped from the comparisons`,
    }));
  if (!keep.includes(true)) {
    return failWith("no_usable_field", {
      zh: "所有比较字段均为空，无法比对",
      en: "every compared field is empty: nothing to compare",
    });
  }
  const kept = <T>(items: readonly T[]) => items.filter((_, i) => keep[i]);
  return {
    ok: true,
    value: {
      ...input,
      fields: kept(input.fields),
      values: kept(input.values),
      cells: kept(input.cells),
      cellIndexes: kept(input.cellIndexes),
      valueIndexes: kept(input.valueIndexes),
      warnings,
    },
  };
}

function failWith(reason: PrepareReason, message: { zh: string; en: string }): { ok: false } & PrepareFailure {
  return { ok: false, reason, ...message };
}

/** The header closest by edit distance (case-insensitive), if it is plausibly a misspelling. */
export function findNearestHeader(column: string, header: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of header) {
    const distance = editDistance(column.toLowerCase(), name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(column.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}
