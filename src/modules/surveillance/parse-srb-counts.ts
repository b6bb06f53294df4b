import { parse } from "csv-parse/sync";
import { toHalfWidth } from "../../kernel/half-width.ts";
import { fail, ok, type LocalisedMessage, type Result } from "../../kernel/result.ts";

/**
 * Reads the `renkou srb` counts file: CSV in UTF-8 (with or without BOM) with at least the columns
 * region, period, birth_order, boys, girls (header names trimmed and matched case-insensitively; any other
 * columns are kept in order and passed through). Pure: text in, rows and problems out.
 * A malformed row (a missing or extra field, an empty key, a count that is not a non-negative integer) is
 * not fatal: it is reported with its line number and field and left out, and the other rows go on. Counts
 * may be written with full-width digits (１２３), as Chinese input methods produce.
 */
export const REQUIRED_COLUMNS = ["region", "period", "birth_order", "boys", "girls"] as const;
type RequiredColumn = (typeof REQUIRED_COLUMNS)[number];

export interface SrbCountRow {
  /** Line of the file where the row starts (the header is line 1). */
  readonly line: number;
  /** Every field of the row, in header order, as written. */
  readonly fields: readonly string[];
  readonly region: string;
  readonly period: string;
  readonly birthOrder: string;
  readonly boys: number;
  readonly girls: number;
}

export type SrbCountProblemCode =
  | "missing_field"
  | "extra_field"
  | "missing_value"
  | "count_not_integer"
  | "count_negative";

export interface SrbCountProblem {
  readonly line: number;
  readonly field: string;
  readonly code: SrbCountProblemCode;
  readonly value?: string;
  readonly message: LocalisedMessage;
}

export interface SrbCounts {
  /** The header as written, each name trimmed. */
  readonly header: readonly string[];
  readonly rows: readonly SrbCountRow[];
  readonly problems: readonly SrbCountProblem[];
}

export type SrbCountsFailure = "csv_syntax" | "empty_file" | "missing_columns" | "duplicate_columns";

export const SRB_COUNTS_FAILURE_MESSAGES: Record<SrbCountsFailure, LocalisedMessage> = {
  csv_syntax: { zh: "CSV 格式错误", en: "the file is not valid CSV" },
  empty_file: { zh: "文件没有表头", en: "the file has no header row" },
  missing_columns: { zh: "缺少必需的列", en: "required columns are missing" },
  duplicate_columns: { zh: "列名重复", en: "a required column appears more than once" },
};

const PROBLEM_MESSAGES: Record<SrbCountProblemCode, LocalisedMessage> = {
  missing_field: { zh: "该行字段数少于表头，缺少此字段", en: "the row has fewer fields than the header" },
  extra_field: { zh: "该行字段数多于表头", en: "the row has more fields than the header" },
  missing_value: { zh: "值为空", en: "the value is empty" },
  count_not_integer: { zh: "计数必须是非负整数", en: "a count must be a non-negative integer" },
  count_negative: { zh: "计数不能为负数", en: "a count cannot be negative" },
};

interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

function countLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) for (const character of field) if (character === "\n") breaks++;
  return breaks;
}

type CountResult =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly code: SrbCountProblemCode };

function parseCount(raw: string): CountResult {
  const text = toHalfWidth(raw).trim();
  if (text === "") return { ok: false, code: "missing_value" };
  if (text.startsWith("-") && Number(text) < 0) return { ok: false, code: "count_negative" };
  if (!/^\d+$/.test(text)) return { ok: false, code: "count_not_integer" };
  const value = Number(text);
  return Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, code: "count_not_integer" };
}

function createProblem(line: number, field: string, code: SrbCountProblemCode, value?: string): SrbCountProblem {
  return value === undefined
    ? { line, field, code, message: PROBLEM_MESSAGES[code] }
    : { line, field, code, value, message: PROBLEM_MESSAGES[code] };
}

type RowResult =
  | { readonly ok: true; readonly value: SrbCountRow }
  | { readonly ok: false; readonly problems: readonly SrbCountProblem[] };

function readRow(
  record: readonly string[],
  line: number,
  header: readonly string[],
  positions: ReadonlyMap<RequiredColumn, number>,
): RowResult {
  // Every row must have exactly the header's fields, or its passed-through columns would shift.
  if (record.length > header.length) {
    return { ok: false, problems: [createProblem(line, `column ${header.length + 1}`, "extra_field")] };
  }
  if (record.length < header.length) {
    return { ok: false, problems: [createProblem(line, header[record.length]!, "missing_field")] };
  }
  const problems: SrbCountProblem[] = [];
  const readKey = (column: RequiredColumn): string => {
    const value = record[positions.get(column)!]!.trim();
    if (value === "") problems.push(createProblem(line, header[positions.get(column)!]!, "missing_value"));
    return value;
  };
  const readCount = (column: "boys" | "girls"): number => {
    const raw = record[positions.get(column)!]!;
    const parsed = parseCount(raw);
    if (parsed.ok) return parsed.value;
    problems.push(createProblem(line, header[positions.get(column)!]!, parsed.code, raw));
    return Number.NaN;
  };
  const row = {
    line,
    fields: record,
    region: readKey("region"),
    period: readKey("period"),
    birthOrder: readKey("birth_order"),
    boys: readCount("boys"),
    girls: readCount("girls"),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: row };
}

export function parseSrbCounts(input: string | Uint8Array): Result<SrbCounts, SrbCountsFailure> {
  let records: CsvRecord[];
  try {
    // relax_quotes: a stray quote inside an unquoted field (common in hand-edited extracts) is kept as text.
    records = parse(input, {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    return fail("csv_syntax", error instanceof Error ? error.message : String(error));
  }
  const [headerRecord, ...dataRecords] = records;
  if (headerRecord === undefined) return fail("empty_file");
  const header = headerRecord.record.map((name) => name.trim());
  const positions = new Map<RequiredColumn, number>();
  for (const column of REQUIRED_COLUMNS) {
    const matches = header.flatMap((name, index) => (name.toLowerCase() === column ? [index] : []));
    if (matches.length > 1) return fail("duplicate_columns", column);
    if (matches.length === 1) positions.set(column, matches[0]!);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length > 0) return fail("missing_columns", missing.join(","));

  const rows: SrbCountRow[] = [];
  const problems: SrbCountProblem[] = [];
  for (const { record, info } of dataRecords) {
    const read = readRow(record, info.lines - countLineBreaks(record), header, positions);
    if (read.ok) rows.push(read.value);
    else problems.push(...read.problems);
  }
  return ok({ header, rows, problems });
}
