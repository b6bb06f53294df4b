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
import type { Actor } from "../access/actor.ts";
import { authoriseUnmask } from "../access/audit-service.ts";
import { withJurisdiction } from "../access/with-jurisdiction.ts";
import type { BatchRow } from "./store.ts";
import { findVisibleBatch, markQuarantineExported, streamQuarantineRows } from "./store.ts";
import { batchViewerOf, rawRecordOf, type RequestFacts } from "./service.ts";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Makes a cell safe to open in a spreadsheet program. */
export function escapeSpreadsheetCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** An export the actor may make, decided before the first byte is sent. */
export interface QuarantineExport {
  readonly batch: BatchRow;
  readonly reveal: boolean;
}

/**
 * Checks an export before it starts: the batch must be visible to the actor (else undefined); an unmasked
 * export (for the sending department to correct the values) needs the unmask permission and a reason, and is
 * audited as one unmasking of every row it contains.
 */
export async function authoriseQuarantineExport(
  db: Db,
  actor: Actor,
  batchId: number,
  options: { readonly reveal: boolean; readonly reason?: string | undefined },
  facts: RequestFacts,
): Promise<QuarantineExport | undefined> {
  const batch = await findVisibleBatch(db, batchId, batchViewerOf(actor));
  if (!batch) return undefined;
  if (options.reveal) {
    await authoriseUnmask(db, actor, { type: "quarantine_export", id: String(batchId), regionCode: null, reason: options.reason ?? "" }, facts);
  }
  return { batch, reveal: options.reveal };
}

/**
 * Writes the batch's quarantined rows inside the actor's jurisdiction (row-level security, with the unmask
 * permission's jurisdictions when unmasked) to `output`, and marks those of them still open as exported.
 */
export async function exportQuarantine(db: Db, actor: Actor, plan: QuarantineExport, output: Writable): Promise<void> {
  const permission = plan.reveal ? "personal_data.unmask" : "personal_data.read";
  await withJurisdiction(db, actor, permission, async (trx) => {
    await writeWorkbook(trx, plan.batch, plan.reveal, output);
    await markQuarantineExported(trx, plan.batch.id);
  });
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
