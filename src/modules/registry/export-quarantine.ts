/**
 * Quarantined rows as an XLSX workbook for the sending department to correct: row number, codes and
 * messages (Chinese, then English), then the row's cells under the file's own headers. Written with
 * exceljs's streaming writer, so a large quarantine never sits in memory whole.
 *
 * Cells that start with = + - @ (or a tab or carriage return) are prefixed with an apostrophe so that a
 * spreadsheet shows them as text instead of running them as formulas (OWASP "CSV Injection").
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Db } from "../../db/database.ts";
import type { BatchRow } from "./store.ts";
import { findBatch, markQuarantineExported, streamQuarantineRows } from "./store.ts";
import { rawRecordOf } from "./service.ts";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a cell safe to open in a spreadsheet program. */
export function escapeSpreadsheetCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Writes the batch's quarantined rows to `output`; marks open rows as exported. Returns false (writing
 * nothing) if there is no such batch.
 */
export async function exportQuarantine(db: Db, batchId: number, reveal: boolean, output: Writable): Promise<boolean> {
  const batch = await findBatch(db, batchId);
  if (!batch) return false;
  await writeWorkbook(db, batch, reveal, output);
  await markQuarantineExported(db, batchId);
  return true;
}

async function writeWorkbook(db: Db, batch: BatchRow, reveal: boolean, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet("待更正 Quarantine");
  const headers = ["行号 Row", "错误代码 Codes", "错误说明", "Messages", ...batch.headers];
  sheet.addRow(headers.map(escapeSpreadsheetCell)).commit();
  for await (const row of streamQuarantineRows(db, batch.id)) {
    const raw = rawRecordOf(batch, row.raw, reveal);
    sheet
      .addRow([
        row.row_number,
        escapeSpreadsheetCell(row.codes.join(", ")),
        escapeSpreadsheetCell(row.messages.map((message) => message.zh).join("；")),
        escapeSpreadsheetCell(row.messages.map((message) => message.en).join("; ")),
        ...batch.headers.map((header) => escapeSpreadsheetCell(raw[header] ?? "")),
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}
