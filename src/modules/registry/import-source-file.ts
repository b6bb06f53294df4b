/**
 * The import use case: one departmental file in, every good row stored and normalised, every bad row
 * quarantined with its reasons, nothing half-written (README.md "Atomicity and idempotency").
 *
 * 1. The file is hashed; the same content already committed for the source type is a `duplicate`.
 * 2. The file is sniffed (XLSX or CSV and its encoding), its header read and mapped.
 * 3. Rows stream through validation in chunks; each chunk is written together with the batch's resume
 *    marker in one short transaction, under status `loading`, which readers never see.
 * 4. One last statement flips the batch to `committed`. A file problem found on the way removes what was
 *    written and marks the batch `failed`. A killed import leaves a `loading` batch; running the same import
 *    again re-reads the file, skips the rows up to the marker, and completes it.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { Db, DatabaseEngine } from "../../db/database.ts";
import { todayWhereTheServerRuns, type IsoDate } from "../../kernel/dates.ts";
import { maskResidentId } from "../../kernel/resident-id.ts";
import { mappingOf, proposeMapping, uniqueHeaders } from "./header-dictionary.ts";
import { FILE_PROBLEMS, severityOf, type FileProblemCode, type RowIssue } from "./import-codes.ts";
import type { ImportLimits } from "./source-files/import-limits.ts";
import { FirstOccurrenceIndex } from "./first-occurrence-index.ts";
import { KnownDivisions } from "./known-divisions.ts";
import type { CodeCounts, FileFailure, ImportProgress, ImportSummary, SourceRow, SourceType, TextEncoding } from "./model.ts";
import { readCsvRows } from "./source-files/read-csv-rows.ts";
import { readXlsxRows } from "./source-files/read-xlsx-rows.ts";
import { buildRowInserts } from "./row-inserts.ts";
import { SNIFF_BYTES, sniffFile } from "./source-files/sniff-file.ts";
import { SourceFileError } from "./source-files/source-file-error.ts";
import {
  commitBatch,
  createBatch,
  failBatch,
  findBatchByContent,
  restartBatch,
  withAdvisoryLock,
  writeChunk,
  type BatchProgress,
  type BatchRecipe,
  type BatchRow,
  type MentionInsert,
  type QuarantineInsert,
  type RecordInsert,
  type BatchSubmitter,
} from "./store.ts";
import { createRowValidator, planRows, type RowOutcome } from "./validate-row.ts";

export interface ImportRequest {
  readonly path: string;
  /** The name the user gave the file (shown in batch lists); the path may be a temporary upload. */
  readonly fileName: string;
  readonly sourceType: SourceType;
  readonly encoding?: TextEncoding | undefined;
  readonly sheet?: string | undefined;
  /** `HEADER=field` mapping overrides. */
  readonly overrides?: readonly string[] | undefined;
  /** The signed-in account submitting the file (console, API); absent for the CLI. */
  readonly submitter?: BatchSubmitter | undefined;
}

export interface ImportOptions {
  readonly engine: DatabaseEngine;
  readonly limits: ImportLimits;
  readonly onProgress?: ((progress: ImportProgress) => void) | undefined;
  /** The day dates are judged against; today by default. */
  readonly asOf?: IsoDate | undefined;
  /** Rows per transaction. */
  readonly chunkRows?: number | undefined;
}

export interface ImportOutcome {
  readonly summary: ImportSummary;
  /** Why the file was rejected, when `summary.status` is `failed`. */
  readonly failure: FileFailure | null;
}

/**
 * 2,000 rows per transaction: on the embedded engine (one connection) other requests wait at most one chunk
 * (~0.2 s), and the per-commit overhead is already under 2% of the chunk's cost (README "Measurements").
 */
const DEFAULT_CHUNK_ROWS = 2_000;

/** Files being imported by this process (the embedded engine has one process; see README). */
const activeImports = new Set<string>();

export async function importSourceFile(db: Db, request: ImportRequest, options: ImportOptions): Promise<ImportOutcome> {
  const progress: ImportProgress = { phase: "hashing", rowsRead: 0, bytesRead: 0, bytesTotal: 0 };
  const report = () => options.onProgress?.({ ...progress });
  const { size } = await stat(request.path);
  progress.bytesTotal = size;
  report();
  if (size > options.limits.maxFileBytes) {
    return rejectedBeforeBatch("file_too_large", `${size} bytes, limit ${options.limits.maxFileBytes}`);
  }
  const sha256 = await hashFile(request.path, (bytes) => {
    progress.bytesRead = bytes;
    report();
  });

  const key = `${request.sourceType}:${sha256}`;
  if (activeImports.has(key)) return rejectedBeforeBatch("import_in_progress", request.fileName);
  activeImports.add(key);
  try {
    const run = () => importLocked(db, request, options, sha256, size, progress, report);
    if (options.engine === "embedded") return await run();
    return (await withAdvisoryLock(db, `renkou-import:${key}`, run)) ?? rejectedBeforeBatch("import_in_progress", request.fileName);
  } finally {
    activeImports.delete(key);
  }
}

async function importLocked(
  db: Db,
  request: ImportRequest,
  options: ImportOptions,
  sha256: string,
  size: number,
  progress: ImportProgress,
  report: () => void,
): Promise<ImportOutcome> {
  const existing = await findBatchByContent(db, request.sourceType, sha256);
  if (existing?.status === "committed") return { summary: { ...summaryOf(existing), status: "duplicate" }, failure: null };

  const asOf = existing?.status === "loading" ? (existing.as_of as IsoDate) : (options.asOf ?? todayWhereTheServerRuns());
  const recipeBeforeSniff: BatchRecipe = {
    fileName: request.fileName,
    fileFormat: "csv",
    sheetName: request.sheet ?? null,
    encoding: null,
    byteSize: size,
    headers: [],
    mapping: [],
    asOf,
    submitter: request.submitter,
  };
  const sniffed = sniffFile(await readSample(request.path), request.encoding);
  if (!sniffed.ok) return recordFailure(db, request, sha256, existing, recipeBeforeSniff, failureOf(sniffed.reason, sniffed.detail));

  progress.phase = "reading";
  progress.bytesRead = 0;
  report();
  const onBytes = (bytes: number) => {
    progress.bytesRead = bytes;
  };
  const rows =
    sniffed.value.format === "xlsx"
      ? readXlsxRows(request.path, { sheet: request.sheet, limits: options.limits, onBytes })
      : readCsvRows(request.path, { encoding: sniffed.value.encoding, limits: options.limits, onBytes });
  const recipeBeforeHeader: BatchRecipe = {
    ...recipeBeforeSniff,
    fileFormat: sniffed.value.format,
    encoding: sniffed.value.format === "csv" ? sniffed.value.encoding : null,
  };

  let batch: BatchRow | undefined;
  let state: LoadState | undefined;
  /** Chunk writes under way, oldest first; each commits after the one before it (see writeChunk). */
  const inFlight: Array<Promise<void>> = [];
  try {
    const header = await rows.next();
    if (header.done) throw new SourceFileError("file_empty", "no header row");
    const headers = uniqueHeaders(header.value.cells);
    const proposal = proposeMapping(headers, request.sourceType, request.overrides);
    const recipe: BatchRecipe = { ...recipeBeforeHeader, headers, mapping: mappingOf(proposal) };
    const firstProblem = proposal.problems[0];
    if (firstProblem) {
      return await recordFailure(db, request, sha256, existing, recipe, firstProblem);
    }
    batch = await openBatch(db, request.sourceType, sha256, existing, recipe);
    state = newLoadState(batch);
    const divisions = new KnownDivisions(db);
    const validate = createRowValidator(planRows(headers, recipe.mapping, request.sourceType, sniffed.value.format === "xlsx"), {
      asOf,
      isKnownDivision: divisions.isKnown,
    });
    const divisionColumn = recipe.mapping.indexOf("division_code");
    const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
    // A server runs two chunk transactions at once on two connections; the embedded engine has one connection.
    const parallelWrites = options.engine === "server" ? 2 : 1;
    let buffer: SourceRow[] = [];
    const flush = async (chunkRowsToWrite: SourceRow[]) => {
      if (divisionColumn !== -1) await divisions.load(chunkRowsToWrite.map((row) => row.cells[divisionColumn] ?? ""));
      const chunk = loadChunk(state!, chunkRowsToWrite, validate, request.sourceType);
      if (!chunk) return;
      if (inFlight.length >= parallelWrites) await inFlight.shift();
      const write = writeChunk(db, batch!.id, chunk, snapshot(state!), inFlight.at(-1)).then(() => undefined);
      // Handled here so a failed write is not an unhandled rejection while the next chunk is read; awaited later.
      write.catch(() => undefined);
      inFlight.push(write);
    };
    for (;;) {
      const next = await rows.next();
      if (next.done) break;
      buffer.push(next.value);
      progress.rowsRead++;
      if (buffer.length >= chunkRows) {
        await flush(buffer);
        buffer = [];
        report();
      }
    }
    await flush(buffer);
    await Promise.all(inFlight);
    if (state.rows === 0) throw new SourceFileError("file_empty", "no data rows");
    progress.phase = "committing";
    report();
    const committed = await commitBatch(db, batch.id, snapshot(state));
    progress.phase = "done";
    report();
    return { summary: summaryOf(committed), failure: null };
  } catch (error) {
    // A chunk may still be in flight on another connection: let it land before deciding what to remove.
    await Promise.allSettled(inFlight);
    if (!(error instanceof SourceFileError)) throw error;
    const failure = failureOf(error.code, error.detail);
    progress.phase = "failed";
    report();
    if (!batch) return recordFailure(db, request, sha256, existing, recipeBeforeHeader, failure);
    const failed = await failBatch(db, batch.id, failure, state ? [...state.regionCodes] : []);
    return { summary: { ...summaryOf(failed), status: "failed" }, failure };
  } finally {
    await rows.return(undefined);
  }
}

/** A new batch, the interrupted one resumed (same file read the same way), or a failed one started afresh. */
async function openBatch(db: Db, sourceType: SourceType, sha256: string, existing: BatchRow | undefined, recipe: BatchRecipe): Promise<BatchRow> {
  if (!existing) return createBatch(db, sourceType, sha256, recipe);
  if (existing.status === "loading" && sameRecipe(existing, recipe)) return existing;
  return restartBatch(db, existing, recipe);
}

function sameRecipe(batch: BatchRow, recipe: BatchRecipe): boolean {
  return (
    batch.file_format === recipe.fileFormat &&
    batch.encoding === recipe.encoding &&
    batch.sheet_name === recipe.sheetName &&
    JSON.stringify(batch.headers) === JSON.stringify(recipe.headers) &&
    JSON.stringify(batch.mapping) === JSON.stringify(recipe.mapping)
  );
}

/** A file rejected after it was identified: the batch records the reason and holds no rows. */
async function recordFailure(
  db: Db,
  request: ImportRequest,
  sha256: string,
  existing: BatchRow | undefined,
  recipe: BatchRecipe,
  failure: FileFailure,
): Promise<ImportOutcome> {
  const batch = existing ? await restartBatch(db, existing, recipe) : await createBatch(db, request.sourceType, sha256, recipe);
  const failed = await failBatch(db, batch.id, failure, []);
  return { summary: { ...summaryOf(failed), status: "failed" }, failure };
}

function rejectedBeforeBatch(code: FileProblemCode, detail: string): ImportOutcome {
  return {
    summary: { batch: null, status: "failed", rows: 0, accepted: 0, quarantined: 0, warnings: 0, errors_by_code: {} },
    failure: failureOf(code, detail),
  };
}

function failureOf(code: FileProblemCode, detail: string | undefined): FileFailure {
  return detail === undefined ? { code, message: FILE_PROBLEMS[code] } : { code, message: FILE_PROBLEMS[code], detail };
}

function summaryOf(batch: BatchRow): ImportSummary {
  return {
    batch: batch.id,
    status: batch.status === "committed" ? "committed" : "failed",
    rows: batch.row_count,
    accepted: batch.accepted_count,
    quarantined: batch.quarantined_count,
    warnings: batch.warning_count,
    errors_by_code: batch.errors_by_code,
  };
}

interface LoadState {
  readonly batchId: number;
  /** Rows up to this row number are already stored (a resumed batch). */
  readonly storedThrough: number;
  rowsLoaded: number;
  rows: number;
  accepted: number;
  quarantined: number;
  warnings: number;
  readonly errorsByCode: Map<string, number>;
  readonly regionCodes: Set<string>;
  readonly rowIndex: FirstOccurrenceIndex;
  readonly sourceIdIndex: FirstOccurrenceIndex;
  readonly idIndex: FirstOccurrenceIndex;
}

function newLoadState(batch: BatchRow): LoadState {
  return {
    batchId: batch.id,
    storedThrough: batch.status === "loading" ? batch.rows_loaded : 0,
    rowsLoaded: batch.status === "loading" ? batch.rows_loaded : 0,
    rows: 0,
    accepted: 0,
    quarantined: 0,
    warnings: 0,
    errorsByCode: new Map(),
    regionCodes: new Set(batch.status === "loading" ? batch.region_codes : []),
    rowIndex: new FirstOccurrenceIndex(),
    sourceIdIndex: new FirstOccurrenceIndex(),
    idIndex: new FirstOccurrenceIndex(),
  };
}

function snapshot(state: LoadState): BatchProgress {
  const errorsByCode: CodeCounts = {};
  for (const [code, count] of [...state.errorsByCode].sort(([a], [b]) => a.localeCompare(b))) errorsByCode[code] = count;
  return {
    rowsLoaded: state.rowsLoaded,
    rows: state.rows,
    accepted: state.accepted,
    quarantined: state.quarantined,
    warnings: state.warnings,
    errorsByCode,
    regionCodes: [...state.regionCodes].sort(),
  };
}

/**
 * Validates a chunk of rows and counts them all; returns the rows to write, or undefined when every row of
 * the chunk was already stored by an earlier, interrupted run.
 */
function loadChunk(
  state: LoadState,
  rows: readonly SourceRow[],
  validate: (cells: readonly string[]) => RowOutcome,
  sourceType: SourceType,
): { records: RecordInsert[]; mentions: MentionInsert[]; quarantine: QuarantineInsert[] } | undefined {
  const records: RecordInsert[] = [];
  const mentions: MentionInsert[] = [];
  const quarantine: QuarantineInsert[] = [];
  for (const row of rows) {
    const { outcome, issues } = checkRow(state, row, validate, sourceType);
    state.rows++;
    for (const issue of issues) state.errorsByCode.set(issue.code, (state.errorsByCode.get(issue.code) ?? 0) + 1);
    const inserts = buildRowInserts(state.batchId, sourceType, row.rowNumber, row.cells, outcome, issues);
    if (inserts.kind === "quarantined") state.quarantined++;
    else {
      state.accepted++;
      if (inserts.warned) state.warnings++;
      state.regionCodes.add(inserts.record.region_code);
    }
    if (row.rowNumber <= state.storedThrough) continue;
    if (inserts.kind === "quarantined") quarantine.push(inserts.quarantine);
    else {
      records.push(inserts.record);
      mentions.push(...inserts.mentions);
    }
  }
  const last = rows.at(-1);
  if (!last || last.rowNumber <= state.storedThrough) return undefined;
  state.rowsLoaded = last.rowNumber;
  return { records, mentions, quarantine };
}

/** Validation plus the checks that need the rows before it: duplicates of a row, a record number, an ID. */
function checkRow(
  state: LoadState,
  row: SourceRow,
  validate: (cells: readonly string[]) => RowOutcome,
  sourceType: SourceType,
): { outcome: Pick<RowOutcome, "record" | "persons" | "rejected">; issues: RowIssue[] } {
  const firstRow = state.rowIndex.firstRowOf(row.cells.map((cell) => cell.trim()).join("\u001f"), row.rowNumber);
  const outcome = validate(row.cells);
  if (firstRow !== undefined) {
    return { outcome: { ...outcome, rejected: true }, issues: [{ code: "duplicate_row", params: { first_row: firstRow } }] };
  }
  const issues = [...outcome.issues];
  if (!outcome.rejected) {
    const sourceId = outcome.record.sourceId;
    // Record numbers are unique within the issuing facility (a hospital's 住院号), so the facility is part of the key.
    const facility = outcome.record.attributes?.facility ?? "";
    const sameSourceId = sourceId === null ? undefined : state.sourceIdIndex.firstRowOf(`${facility}\u001f${sourceId}`, row.rowNumber);
    if (sameSourceId !== undefined) {
      issues.push({ code: "duplicate_source_id", field: "source_id", value: sourceId ?? "", params: { first_row: sameSourceId } });
    }
    const subject = sourceType === "hukou" ? outcome.persons.find((person) => person.role === "subject") : undefined;
    const sameId = subject?.idValid && subject.idNumber ? state.idIndex.firstRowOf(subject.idNumber, row.rowNumber) : undefined;
    if (sameId !== undefined) {
      issues.push({ code: "duplicate_id_number", field: "id_number", value: maskResidentId(subject!.idNumber!), params: { first_row: sameId } });
    }
  }
  const rejected = issues.some((issue) => severityOf(issue.code, sourceType) === "error");
  return { outcome: { ...outcome, rejected }, issues };
}

async function hashFile(path: string, onBytes: (bytes: number) => void): Promise<string> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    onBytes(bytes);
  }
  return hash.digest("hex");
}

async function readSample(path: string): Promise<Uint8Array> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
