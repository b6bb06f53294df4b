/**
 * Use cases of the import module other than the import itself: batches and their quarantine (masked by
 * default: personal fields are shown only when the caller asks to reveal them, a right that the access
 * module will later check and audit), correcting a quarantined row, and the figures for the overview.
 */
import type { Db } from "../../db/database.ts";
import type { IsoDate } from "../../kernel/dates.ts";
import { fail, ok, type Result } from "../../kernel/result.ts";
import { describeRowIssue, type RowIssue } from "./import-codes.ts";
import { KnownDivisions } from "./known-divisions.ts";
import type { Batch, BatchDetail, BatchStatus, IssueMessage, QuarantineRow, QuarantineStatus, RegistryCounts, SourceType } from "./model.ts";
import { buildRowInserts } from "./row-inserts.ts";
import {
  countRegistry,
  findBatch,
  findQuarantineRow,
  listBatches,
  listQuarantineRows,
  storeResubmittedRow,
  type BatchRow,
  type QuarantineRowRow,
} from "./store.ts";
import { createRowValidator, maskCell, planRows } from "./validate-row.ts";

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

export function toBatch(row: BatchRow): Batch {
  return {
    id: row.id,
    sourceType: row.source_type,
    fileName: row.file_name,
    fileFormat: row.file_format,
    sheetName: row.sheet_name,
    encoding: row.encoding,
    contentSha256: row.content_sha256,
    byteSize: row.byte_size,
    status: row.status,
    rows: row.row_count,
    accepted: row.accepted_count,
    quarantined: row.quarantined_count,
    warnings: row.warning_count,
    resubmitted: row.resubmitted_count,
    errorsByCode: row.errors_by_code,
    failure: row.failure,
    createdAt: row.created_at.toISOString(),
    committedAt: row.committed_at?.toISOString() ?? null,
  };
}

export async function listBatchPage(
  db: Db,
  filter: { status?: BatchStatus | undefined; sourceType?: SourceType | undefined },
  limit: number,
  offset: number,
): Promise<Page<Batch>> {
  const { rows, total } = await listBatches(db, filter, limit, offset);
  return { items: rows.map(toBatch), total };
}

export async function findBatchDetail(db: Db, id: number): Promise<BatchDetail | undefined> {
  const row = await findBatch(db, id);
  return row ? { ...toBatch(row), headers: row.headers, mapping: row.mapping, asOf: row.as_of } : undefined;
}

/** Header → cell, masked by the column's standard field unless `reveal`. */
export function rawRecordOf(batch: Pick<BatchRow, "headers" | "mapping">, cells: readonly string[], reveal: boolean): Record<string, string> {
  const record: Record<string, string> = {};
  batch.headers.forEach((header, i) => {
    const value = cells[i] ?? "";
    record[header] = reveal ? value : maskCell(batch.mapping[i] ?? null, value);
  });
  // Cells beyond the header (a row with too many columns) are kept under numbered keys.
  for (let i = batch.headers.length; i < cells.length; i++) record[`列${i + 1}`] = reveal ? cells[i]! : maskCell(null, cells[i]!);
  return record;
}

function toQuarantineRow(batch: BatchRow, row: QuarantineRowRow, reveal: boolean): QuarantineRow {
  return {
    batchId: row.batch_id,
    rowNumber: row.row_number,
    raw: rawRecordOf(batch, row.raw, reveal),
    codes: row.codes,
    messages: row.messages,
    status: row.status,
  };
}

export async function listQuarantinePage(
  db: Db,
  batchId: number,
  options: { status?: QuarantineStatus | undefined; limit: number; offset: number; reveal: boolean },
): Promise<Page<QuarantineRow> | undefined> {
  const batch = await findBatch(db, batchId);
  if (!batch) return undefined;
  const { rows, total } = await listQuarantineRows(db, batchId, options.status, options.limit, options.offset);
  return { items: rows.map((row) => toQuarantineRow(batch, row, options.reveal)), total };
}

export type ResubmitProblem = "batch_not_found" | "row_not_found" | "batch_not_committed" | "row_closed" | "row_still_invalid";

export interface ResubmitFailure {
  readonly issues: IssueMessage[];
}

/**
 * Re-validates a quarantined row with corrected cells (header → value; headers not given keep their value)
 * under the batch's mapping and date, and stores it in the batch when no error remains.
 */
export async function resubmitQuarantineRow(
  db: Db,
  batchId: number,
  rowNumber: number,
  corrections: Readonly<Record<string, string>>,
): Promise<Result<{ batch: Batch; warnings: IssueMessage[] }, ResubmitProblem> & { issues?: IssueMessage[] }> {
  const batch = await findBatch(db, batchId);
  if (!batch) return fail("batch_not_found");
  if (batch.status !== "committed") return fail("batch_not_committed");
  const row = await findQuarantineRow(db, batchId, rowNumber);
  if (!row) return fail("row_not_found");
  if (row.status === "resubmitted") return fail("row_closed");

  const cells = batch.headers.map((header, i) => corrections[header] ?? row.raw[i] ?? "");
  const divisions = new KnownDivisions(db);
  const divisionColumn = batch.mapping.indexOf("division_code");
  if (divisionColumn !== -1) await divisions.load([cells[divisionColumn] ?? ""]);
  const validate = createRowValidator(planRows(batch.headers, batch.mapping, batch.source_type, true), {
    asOf: batch.as_of as IsoDate,
    isKnownDivision: divisions.isKnown,
  });
  const outcome = validate(cells);
  const unchanged = cells.length === row.raw.length && cells.every((cell, i) => cell === row.raw[i]);
  const issues: RowIssue[] = [...outcome.issues];
  const messages = issues.map((issue) => describeRowIssue(issue, rowNumber, batch.source_type));
  // A row quarantined as a duplicate stays one until something in it changes.
  const duplicate = unchanged ? row.messages.find((message) => message.code === "duplicate_row") : undefined;
  if (duplicate) messages.push(duplicate);
  if (outcome.rejected || duplicate) return { ...fail("row_still_invalid"), issues: messages };

  const inserts = buildRowInserts(batch.id, batch.source_type, rowNumber, cells, outcome, issues);
  if (inserts.kind !== "stored") return { ...fail("row_still_invalid"), issues: messages };
  const stored = await storeResubmittedRow(
    db,
    batch.id,
    rowNumber,
    { records: [inserts.record], mentions: inserts.mentions, quarantine: [] },
    inserts.record.region_code,
    inserts.warned,
  );
  if (!stored) return fail("row_closed");
  const updated = await findBatch(db, batch.id);
  return ok({ batch: toBatch(updated!), warnings: messages });
}

/** The overview's import figures. */
export async function countRegistryRecords(db: Db): Promise<RegistryCounts> {
  return countRegistry(db);
}
