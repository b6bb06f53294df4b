import { COMPARISON_LIBRARY } from "./comparison-library.ts";
import { computeFieldFeatures, type FeatureValues } from "./field-features.ts";
import type { FieldSpec, FieldType, LinkWarning } from "./model.ts";
import type { RecordRow } from "./store.ts";

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

export interface PreparedInput {
  readonly fields: readonly FieldSpec[];
  /** In load order: `records[i].rid === i`, so the engine maps a rid back to its record without a lookup. */
  readonly records: readonly RecordRow[];
  readonly leftCount: number;
  readonly rightCount: number;
  readonly warnings: readonly LinkWarning[];
}

export interface PrepareFailure {
  readonly reason: PrepareReason;
  readonly zh: string;
  readonly en: string;
}

export type PrepareResult = { readonly ok: true; readonly value: PreparedInput } | ({ readonly ok: false } & PrepareFailure);

const UNCACHED_TYPES: ReadonlySet<FieldType> = new Set(["resident_id", "identifier", "phone"]);

export function prepareLinkInput(
  left: LinkSource,
  right: LinkSource | undefined,
  fields: readonly FieldSpec[],
): PrepareResult {
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

  const records: RecordRow[] = [];
  // Features depend only on the type and the value, and most types repeat values (names, dates, codes): one
  // computation per distinct value, shared by the records holding it (identifiers rarely repeat, so no cache).
  const caches = fields.map((f) => (UNCACHED_TYPES.has(f.type) ? undefined : new Map<string | null, FeatureValues>()));
  const featuresOf = (i: number, value: string | null): FeatureValues => {
    const cache = caches[i];
    if (cache === undefined) return computeFieldFeatures(fields[i]!.type, value);
    let features = cache.get(value);
    if (features === undefined) {
      features = computeFieldFeatures(fields[i]!.type, value);
      cache.set(value, features);
    }
    return features;
  };
  for (const [s, source] of sources.entries()) {
    const idIndex = source.header.indexOf(source.idColumn);
    const seen = new Set<string>();
    const fieldIndexes = fields.map((f) => source.header.indexOf(s === 0 ? f.leftColumn : f.rightColumn));
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
      const features: FeatureValues[] = fields.map((_, i) => featuresOf(i, row[fieldIndexes[i]!] ?? null));
      records.push({ rid: records.length, side: s === 0 ? 0 : 1, recordId: id, features });
    }
  }
  return dropEmptyFields(fields, records, left.rows.length, right?.rows.length ?? 0);
}

/** A field with no value anywhere carries no evidence: it is dropped with a warning, not an error. */
function dropEmptyFields(
  fields: readonly FieldSpec[],
  records: readonly RecordRow[],
  leftCount: number,
  rightCount: number,
): PrepareResult {
  const keep = fields.map((field, i) => {
    const nullFeature = COMPARISON_LIBRARY[field.type].nullFeature;
    return records.some((r) => (r.features[i]?.[nullFeature] ?? null) !== null);
  });
  const warnings: LinkWarning[] = fields
    .filter((_, i) => !keep[i])
    .map((field) => ({
      code: "field_all_null",
      zh: `字段“${field.name}”全部为空，已从比较中去除`,
      en: `field "${field.name}" is empty in every record and was dropped from the comparisons`,
    }));
  const kept = fields.filter((_, i) => keep[i]);
  if (kept.length === 0) {
    return failWith("no_usable_field", {
      zh: "所有比较字段均为空，无法比对",
      en: "every compared field is empty: nothing to compare",
    });
  }
  const keptRecords = kept.length === fields.length ? records : records.map((r) => ({ ...r, features: r.features.filter((_, i) => keep[i]) }));
  return { ok: true, value: { fields: kept, records: keptRecords, leftCount, rightCount, warnings } };
}

function failWith(reason: PrepareReason, message: { zh: string; en: string }): PrepareResult {
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
