/**
 * Use cases of the import module other than the import itself: batches and their quarantine, correcting a
 * quarantined row, and the figures for the overview. Every read of rows goes through row-level security
 * with the actor's jurisdictions (withJurisdiction); personal fields are masked, and one quarantined row is
 * shown unmasked only with the unmask permission and a reason, audited (authoriseUnmask).
 */
import type { Db } from "../../db/database.ts";
import type { IsoDate } from "../../kernel/dates.ts";
import { fail, ok, type Result } from "../../kernel/result.ts";
import { accessErrors } from "../access/access-errors.ts";
import { requireJurisdiction, type Actor } from "../access/actor.ts";
import { authoriseUnmask } from "../access/audit-service.ts";
import { jurisdictionsWith, ROLE_PERMISSIONS } from "../access/roles.ts";
import { withJurisdiction } from "../access/with-jurisdiction.ts";
import { filedUnder } from "./filed-under.ts";
import { describeRowIssue, type RowIssue } from "./import-codes.ts";
import { registryErrors } from "./registry-errors.ts";
import { KnownDivisions } from "./known-divisions.ts";
import {
  FACILITY_REPORT_SOURCES,
  type Batch,
  type BatchDetail,
  type BatchStatus,
  type IssueMessage,
  type QuarantineRow,
  type QuarantineStatus,
  type RegistryCounts,
  type SourceType,
} from "./model.ts";
import { buildRowInserts } from "./row-inserts.ts";
import {
  countRegistry,
  findQuarantineRow,
  findVisibleBatch,
  listBatches,
  listQuarantineRows,
  storeResubmittedRow,
  type BatchRow,
  type BatchSubmitter,
  type BatchViewer,
  type QuarantineRowRow,
} from "./store.ts";
import { createRowValidator, maskCell, planRows } from "./validate-row.ts";

/** Batches an actor may see: its own, its facility's, and those touching its case-work jurisdictions (store.ts visibleTo). */
export function batchViewerOf(actor: Pick<Actor, "username" | "grants">): BatchViewer {
  const facilities = actor.grants
    .filter((grant) => grant.facility !== null && ROLE_PERMISSIONS[grant.role].includes("facility_reports.read"))
    .map((grant) => grant.facility!);
  return { username: actor.username, jurisdictions: jurisdictionsWith(actor.grants, "personal_data.read"), facilities };
}

/**
 * Who submits a file, as the batch records it. A case worker's rows that nothing else places are filed in
 * the first of its case-work jurisdictions (an account rarely holds more than one); a hospital reporter
 * submits its facility's delivery reports and birth certificates, filed in its grant's jurisdiction.
 */
export function submitterOf(actor: Pick<Actor, "username" | "grants">, sourceType: SourceType): BatchSubmitter {
  const caseWork = jurisdictionsWith(actor.grants, "personal_data.write")[0];
  if (caseWork !== undefined) return { username: actor.username, jurisdiction: caseWork, facility: null };
  const reporting = actor.grants.find((grant) => grant.facility !== null && ROLE_PERMISSIONS[grant.role].includes("facility_reports.submit"));
  if (reporting === undefined) throw accessErrors.forbidden();
  if (!(FACILITY_REPORT_SOURCES as readonly SourceType[]).includes(sourceType)) throw registryErrors.facilitySourceNotAllowed(sourceType);
  return { username: actor.username, jurisdiction: reporting.jurisdiction, facility: reporting.facility };
}

/** Who asks, from where and when: what unmasking needs for its audit entry. */
export interface RequestFacts {
  readonly now: Date;
  readonly clientAddress: string | null;
}

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

/** Batches, newest first; `visibleTo` limits them to a signed-in account's (the command line sees all). */
export async function listBatchPage(
  db: Db,
  filter: { status?: BatchStatus | undefined; sourceType?: SourceType | undefined; visibleTo?: BatchViewer | undefined },
  limit: number,
  offset: number,
): Promise<Page<Batch>> {
  const { rows, total } = await listBatches(db, filter, limit, offset);
  return { items: rows.map(toBatch), total };
}

export async function findBatchDetail(db: Db, actor: Actor, id: number): Promise<BatchDetail | undefined> {
  const row = await findVisibleBatch(db, id, batchViewerOf(actor));
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

/** A page of a batch's quarantine, masked: only the rows inside the actor's jurisdiction (row-level security). */
export async function listQuarantinePage(
  db: Db,
  actor: Actor,
  batchId: number,
  options: { status?: QuarantineStatus | undefined; limit: number; offset: number },
): Promise<Page<QuarantineRow> | undefined> {
  const batch = await findVisibleBatch(db, batchId, batchViewerOf(actor));
  if (!batch) return undefined;
  const { rows, total } = await withJurisdiction(db, actor, "personal_data.read", (trx) =>
    listQuarantineRows(trx, batchId, options.status, options.limit, options.offset),
  );
  return { items: rows.map((row) => toQuarantineRow(batch, row, false)), total };
}

/**
 * One quarantined row with its cells as the department sent them, for correcting it: needs the unmask
 * permission over the row's division (or, for a row nothing places, over where its file was submitted) and a
 * reason; audited, refusals too. Undefined when the batch or row does not exist or lies outside the actor's
 * jurisdiction (the same answer, so that existence does not leak).
 */
export async function unmaskQuarantineRow(
  db: Db,
  actor: Actor,
  batchId: number,
  rowNumber: number,
  reason: string,
  facts: RequestFacts,
): Promise<QuarantineRow | undefined> {
  const batch = await findVisibleBatch(db, batchId, batchViewerOf(actor));
  if (!batch) return undefined;
  const row = await withJurisdiction(db, actor, "personal_data.unmask", (trx) => findQuarantineRow(trx, batchId, rowNumber));
  if (!row) return undefined;
  const regionCode = filedUnder(row.division_code, row.region_code) ?? batch.submitted_in;
  if (regionCode === null) return undefined;
  await authoriseUnmask(db, actor, { type: "quarantine_row", id: `${batchId}:${rowNumber}`, regionCode, reason }, { ...facts, notFound: accessErrors.notFound });
  return toQuarantineRow(batch, row, true);
}

export type ResubmitProblem = "batch_not_found" | "row_not_found" | "batch_not_committed" | "row_closed" | "row_still_invalid";

export interface ResubmitFailure {
  readonly issues: IssueMessage[];
}

/**
 * Re-validates a quarantined row with corrected cells (header → value; headers not given keep their value)
 * under the batch's mapping and date, and stores it in the batch when no error remains. The row must lie in
 * the actor's jurisdiction (row-level security reads it), and so must the record it becomes.
 */
export async function resubmitQuarantineRow(
  db: Db,
  actor: Actor,
  batchId: number,
  rowNumber: number,
  corrections: Readonly<Record<string, string>>,
): Promise<Result<{ batch: Batch; warnings: IssueMessage[] }, ResubmitProblem> & { issues?: IssueMessage[] }> {
  const viewer = batchViewerOf(actor);
  const batch = await findVisibleBatch(db, batchId, viewer);
  if (!batch) return fail("batch_not_found");
  if (batch.status !== "committed") return fail("batch_not_committed");
  const row = await withJurisdiction(db, actor, "personal_data.write", (trx) => findQuarantineRow(trx, batchId, rowNumber));
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
  // A correction may not file the record where the actor could not see it afterwards.
  const target = filedUnder(inserts.record.division_code, inserts.record.region_code) ?? batch.submitted_in;
  if (target === null) throw accessErrors.outsideJurisdiction();
  requireJurisdiction(actor, "personal_data.write", target);
  const stored = await storeResubmittedRow(
    db,
    batch.id,
    rowNumber,
    { records: [inserts.record], mentions: inserts.mentions, quarantine: [] },
    inserts.record.region_code,
    inserts.warned,
  );
  if (!stored) return fail("row_closed");
  const updated = await findVisibleBatch(db, batch.id, viewer);
  return ok({ batch: toBatch(updated!), warnings: messages });
}

/** The overview's import figures. */
export async function countRegistryRecords(db: Db): Promise<RegistryCounts> {
  return countRegistry(db);
}
