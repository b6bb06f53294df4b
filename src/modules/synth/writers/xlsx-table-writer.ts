import { createWriteStream } from "node:fs";
import ExcelJS from "exceljs";
import { fixZipTimestamps } from "./fix-zip-timestamps.ts";
import type { TableSink } from "./table-sink.ts";

const DIGITS = /^\d{1,15}$/;
const YIELD_EVERY = 2000;

/**
 * Streams one worksheet of an XLSX workbook through exceljs's WorkbookWriter (no shared strings, no styles,
 * so memory stays flat). Cells are text except in `numericColumns`, where plain digit strings become numbers,
 * as a department's Excel export would have them. The workbook's creation and modification dates and the
 * ZIP entry times are set to `timestamp`, so the same rows give the same bytes.
 */
export class XlsxTableWriter implements TableSink {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly values: (string | number)[];
  private rows = 0;

  constructor(
    private readonly path: string,
    sheetName: string,
    headers: readonly string[],
    private readonly numericColumns: ReadonlySet<number>,
    private readonly timestamp: Date,
  ) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: createWriteStream(path),
      useSharedStrings: false,
      useStyles: false,
    });
    this.workbook.creator = "renkou synth";
    this.workbook.lastModifiedBy = "renkou synth";
    this.workbook.created = timestamp;
    this.workbook.modified = timestamp;
    this.sheet = this.workbook.addWorksheet(sheetName);
    this.sheet.addRow([...headers]).commit();
    this.values = new Array<string | number>(headers.length);
  }

  write(cells: readonly string[]): boolean {
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      this.values[i] = this.numericColumns.has(i) && DIGITS.test(cell) ? Number(cell) : cell;
    }
    this.sheet.addRow(this.values).commit();
    this.rows++;
    // exceljs reports no backpressure; yielding now and then lets the deflate and file streams catch up
    // instead of the whole sheet's XML piling up in memory.
    return this.rows % YIELD_EVERY === 0;
  }

  async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  async close(): Promise<number> {
    this.sheet.commit();
    await this.workbook.commit();
    await fixZipTimestamps(this.path, this.timestamp);
    return this.rows;
  }
}
