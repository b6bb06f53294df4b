/**
 * Streams the rows of one worksheet of an XLSX workbook (exceljs's streaming reader), after the archive has
 * passed the zip-bomb inspection. The first row yielded is the header (the first non-blank row); row numbers
 * are the sheet's own, as Excel shows them. Cells become text the way a department would have typed them:
 * dates as YYYY-MM-DD, formulas as their cached result, rich text as plain text.
 */
import { createReadStream } from "node:fs";
import { Transform } from "node:stream";
import type ExcelJS from "exceljs";
import type { ImportLimits } from "./import-limits.ts";
import { inspectZipArchive } from "./inspect-zip-archive.ts";
import type { SourceRow } from "../model.ts";
import { SourceFileError } from "./source-file-error.ts";

export interface XlsxReadOptions {
  /** Sheet name; the first sheet when omitted. */
  readonly sheet?: string | undefined;
  readonly limits: ImportLimits;
  readonly onBytes?: ((bytesRead: number) => void) | undefined;
}

export async function* readXlsxRows(path: string, options: XlsxReadOptions): AsyncGenerator<SourceRow> {
  const inspection = await inspectZipArchive(path, options.limits);
  if (!inspection.ok) throw new SourceFileError(inspection.reason, inspection.detail);

  let bytesRead = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      options.onBytes?.(bytesRead);
      callback(null, chunk);
    },
  });
  // Loaded on first use: exceljs is ~20 MB of resident memory that a CSV import never needs.
  const { default: excel } = await import("exceljs");
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  input.pipe(counter);
  const workbook = new excel.stream.xlsx.WorkbookReader(counter, {
    sharedStrings: "cache",
    styles: "cache", // needed to tell date cells from numbers
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "ignore",
  });
  let found = false;
  let headerLength: number | undefined;
  let dataRows = 0;
  try {
    for await (const worksheet of workbook) {
      const name = (worksheet as unknown as { name?: string }).name;
      if (options.sheet !== undefined && name !== options.sheet) {
        // Read past it: leaving a sheet's stream half-consumed can stall or break the archive reader.
        for await (const _row of worksheet) continue;
        continue;
      }
      found = true;
      for await (const row of worksheet) {
        const cells = cellsOf(row.values);
        if (cells.every((cell) => cell.trim() === "")) continue;
        if (headerLength === undefined) headerLength = cells.length;
        else if (++dataRows > options.limits.maxRows) throw new SourceFileError("too_many_rows", `more than ${options.limits.maxRows} rows`);
        if (cells.reduce((sum, cell) => sum + cell.length, 0) > options.limits.maxRecordChars) throw new SourceFileError("line_too_long", `row ${row.number}`);
        yield { rowNumber: row.number, cells };
      }
      break; // one sheet per import
    }
  } catch (error) {
    if (error instanceof SourceFileError) throw error;
    throw new SourceFileError("xlsx_invalid", error instanceof Error ? error.message : String(error));
  } finally {
    input.destroy();
  }
  if (!found) throw new SourceFileError(options.sheet === undefined ? "xlsx_invalid" : "xlsx_sheet_not_found", options.sheet ?? "no worksheet");
}

type CellValue = ExcelJS.CellValue;

/** exceljs rows are 1-based sparse arrays; trailing empty cells are simply absent. */
function cellsOf(values: ExcelJS.Row["values"]): string[] {
  const list = Array.isArray(values) ? values : Object.values(values);
  const cells: string[] = [];
  for (let i = 1; i < list.length; i++) cells.push(textOf(list[i] as CellValue));
  return cells;
}

function textOf(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return dateText(value);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("error" in value) return String(value.error);
  if ("formula" in value || "sharedFormula" in value) return textOf((value.result ?? null) as CellValue);
  if ("text" in value) return typeof value.text === "string" ? value.text : textOf(value.text as CellValue);
  return "";
}

/** exceljs turns date serials into UTC instants; the civil date is the UTC calendar day. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  return time === "00:00:00" ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}
