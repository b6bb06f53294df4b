import type { City } from "../city.ts";
import type { Corruptor } from "../corruption.ts";
import type { EventLog } from "../event-log.ts";
import type { Observations } from "../observations.ts";
import { NONE } from "../person-table.ts";
import type { SourceName } from "../profile.ts";
import type { Random } from "../random.ts";
import type { CsvEncoding } from "../writers/csv-table-writer.ts";

/**
 * One department's extract: its file, format and encoding habits, its column headers, and the columns of its
 * truth file (truth/rows/<file>.csv: `row` then these). README.md documents each.
 */
export interface ExtractSpec {
  readonly source: SourceName;
  /** The department's name for the extract (户籍, 住院分娩 …). */
  readonly title: string;
  /** File name without extension. */
  readonly file: string;
  /** The format the department sends when the caller does not choose one. */
  readonly nativeFormat: "csv" | "xlsx";
  /** Encoding and line ending of the CSV form. */
  readonly encoding: CsvEncoding;
  readonly lineEnding: "\n" | "\r\n";
  /** Whether the CSV form quotes no field or every field (a habit of some systems). */
  readonly quoting: "none" | "all";
  /** Worksheet name of the XLSX form. */
  readonly sheetName: string;
  readonly headers: readonly string[];
  /** Columns an Excel export holds as numbers. */
  readonly numericColumns: readonly number[];
  readonly truthHeaders: readonly string[];
}

/** What an extract writer reads and where it writes. */
export interface ExtractContext {
  readonly city: City;
  readonly log: EventLog;
  readonly observations: Observations;
  /** The extract's own stream for habits (who fills which optional field). */
  readonly random: Random;
  readonly corrupt: Corruptor;
  /** Starts the next row: returns its number (1-based) and tells the corruptor. */
  nextRow(): number;
  /** Writes the row and its truth; true when the caller should `await drain()` before the next row. */
  emit(cells: readonly string[], truth: readonly string[]): boolean;
  drain(): Promise<void>;
}

/** House number of a person's household (the current one: departments rarely keep older addresses). */
export function houseNumberOf(city: City, p: number): number {
  const h = city.persons.household[p]!;
  return h === NONE ? 1 : city.households.houseNumber[h]!;
}

export function personId(p: number): string {
  return `P${p + 1}`;
}

export function eventId(prefix: "B" | "D" | "M" | "V" | "G", row: number): string {
  return `${prefix}${row + 1}`;
}

/** Indices 0..n−1 ordered by `key` (ties by index), e.g. rows by the day the department recorded them. */
export function orderBy(n: number, key: Int32Array, include: (i: number) => boolean): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (include(i)) rows.push(i);
  const order = Int32Array.from(rows);
  order.sort((a, b) => key[a]! - key[b]! || a - b);
  return order;
}
