/**
 * SQL for the import tables (migration 0010). Rows are written in chunks as `insert … select from unnest(…)`
 * of one array parameter per column: no 65,535-parameter ceiling as with multi-row VALUES, and in measurement
 * a third less server time than `jsonb_populate_recordset` (README "Measurements"). The raw cells, JSON
 * already, travel as one JSON array zipped in by `rows from (…, jsonb_array_elements(…))`: a text array of
 * JSON strings had every quote escaped twice over and cost three times the JavaScript time.
 */
import { sql, type Transaction } from "kysely";
import type { Db } from "../../db/database.ts";
import type { DatabaseSchema } from "../../db/schema.ts";
import type {
  BatchStatus,
  CodeCounts,
  ColumnMapping,
  FileFailure,
  FileFormat,
  IssueMessage,
  QuarantineStatus,
  RegistryCounts,
  SourceType,
  TextEncoding,
} from "./model.ts";

export interface BatchRow {
  readonly id: number;
  readonly region_code: string | null;
  readonly source_type: SourceType;
  readonly file_name: string;
  readonly file_format: FileFormat;
  readonly sheet_name: string | null;
  readonly encoding: TextEncoding | null;
  readonly content_sha256: string;
  readonly byte_size: number;
  readonly headers: string[];
  readonly mapping: ColumnMapping;
  readonly as_of: string;
  readonly status: BatchStatus;
  readonly rows_loaded: number;
  readonly row_count: number;
  readonly accepted_count: number;
  readonly quarantined_count: number;
  readonly warning_count: number;
  readonly resubmitted_count: number;
  readonly errors_by_code: CodeCounts;
  readonly region_codes: string[];
  readonly failure: FileFailure | null;
  readonly created_by: string | null;
  readonly submitted_in: string | null;
  readonly submitted_facility: string | null;
  readonly created_at: Date;
  readonly committed_at: Date | null;
}

/** How a file is read: a batch resumes only if the same file is read the same way. */
export interface BatchRecipe {
  readonly fileName: string;
  readonly fileFormat: FileFormat;
  readonly sheetName: string | null;
  readonly encoding: TextEncoding | null;
  readonly byteSize: number;
  readonly headers: readonly string[];
  readonly mapping: ColumnMapping;
  readonly asOf: string;
  /** Who submitted the file through the console or API, and in which jurisdiction; absent for the CLI. */
  readonly submitter?: BatchSubmitter | undefined;
}

export interface BatchSubmitter {
  readonly username: string;
  /** A division-code prefix: rows no division or ID number places are visible there (migration 0025). */
  readonly jurisdiction: string;
  /** A hospital reporter's facility: the facility's reporters see the batch. */
  readonly facility: string | null;
}

export interface BatchProgress {
  readonly rowsLoaded: number;
  readonly rows: number;
  readonly accepted: number;
  readonly quarantined: number;
  readonly warnings: number;
  readonly errorsByCode: CodeCounts;
  readonly regionCodes: readonly string[];
}

/** One source_record row as jsonb_populate_recordset reads it (keys are column names). */
export interface RecordInsert {
  region_code: string;
  batch_id: number;
  row_number: number;
  source_type: SourceType;
  source_id: string | null;
  event_date: string | null;
  division_code: string | null;
  address: string | null;
  attributes: Record<string, string | number> | null;
  raw: readonly string[];
  warnings: readonly string[];
}

export interface MentionInsert {
  region_code: string;
  batch_id: number;
  row_number: number;
  role: string;
  source_type: SourceType;
  name_norm: string | null;
  name_pinyin: string | null;
  initials: string | null;
  surname: string | null;
  birth_date: string | null;
  sex: string | null;
  id_number: string | null;
  id_valid: boolean;
  id_hmac: string | null;
  division_code: string | null;
  phone: string | null;
  event_date: string | null;
}

export interface QuarantineInsert {
  batch_id: number;
  row_number: number;
  region_code: string | null;
  division_code: string | null;
  raw: readonly string[];
  codes: readonly string[];
  messages: readonly IssueMessage[];
  status: QuarantineStatus;
  resolved_at: null;
}

export interface Chunk {
  readonly records: readonly RecordInsert[];
  readonly mentions: readonly MentionInsert[];
  readonly quarantine: readonly QuarantineInsert[];
}

const BATCH_COLUMNS = [
  "id",
  "region_code",
  "source_type",
  "file_name",
  "file_format",
  "sheet_name",
  "encoding",
  "content_sha256",
  "byte_size",
  "headers",
  "mapping",
  "as_of",
  "status",
  "rows_loaded",
  "row_count",
  "accepted_count",
  "quarantined_count",
  "warning_count",
  "resubmitted_count",
  "errors_by_code",
  "region_codes",
  "failure",
  "created_by",
  "submitted_in",
  "submitted_facility",
  "created_at",
  "committed_at",
] as const;

export async function findBatch(db: Db, id: number): Promise<BatchRow | undefined> {
  return db.selectFrom("source_batch").select(BATCH_COLUMNS).where("id", "=", id).executeTakeFirst();
}

export async function findBatchByContent(db: Db, sourceType: SourceType, sha256: string): Promise<BatchRow | undefined> {
  return db
    .selectFrom("source_batch")
    .select(BATCH_COLUMNS)
    .where("source_type", "=", sourceType)
    .where("content_sha256", "=", sha256)
    .executeTakeFirst();
}

export async function createBatch(db: Db, sourceType: SourceType, sha256: string, recipe: BatchRecipe): Promise<BatchRow> {
  return db
    .insertInto("source_batch")
    .values({
      source_type: sourceType,
      content_sha256: sha256,
      status: "loading",
      ...recipeColumns(recipe),
    })
    .returning(BATCH_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Starts a failed batch, or a loading one read another way, afresh: its rows go, the new recipe comes in. */
export async function restartBatch(db: Db, batch: BatchRow, recipe: BatchRecipe): Promise<BatchRow> {
  return db.transaction().execute(async (trx) => {
    await deleteBatchRows(trx, batch.id, batch.region_codes);
    return trx
      .updateTable("source_batch")
      .set({
        ...recipeColumns(recipe),
        status: "loading",
        rows_loaded: 0,
        row_count: 0,
        accepted_count: 0,
        quarantined_count: 0,
        warning_count: 0,
        errors_by_code: "{}",
        region_codes: [],
        failure: null,
        committed_at: null,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", batch.id)
      .returning(BATCH_COLUMNS)
      .executeTakeFirstOrThrow();
  });
}

function recipeColumns(recipe: BatchRecipe) {
  return {
    file_name: recipe.fileName,
    file_format: recipe.fileFormat,
    sheet_name: recipe.sheetName,
    encoding: recipe.encoding,
    byte_size: recipe.byteSize,
    headers: JSON.stringify(recipe.headers),
    mapping: JSON.stringify(recipe.mapping),
    as_of: recipe.asOf,
    created_by: recipe.submitter?.username ?? null,
    submitted_in: recipe.submitter?.jurisdiction ?? null,
    submitted_facility: recipe.submitter?.facility ?? null,
  };
}

/**
 * Writes one chunk of rows and the batch's resume marker in one transaction, so after a crash the marker
 * says exactly which rows are stored. Chunks may be written on several connections at once, but each commits
 * only after `previous` (the chunk before it) has: the marker then always ends a stored prefix of the file.
 * Returns false if the batch is no longer loading (someone failed it).
 */
export async function writeChunk(db: Db, batchId: number, chunk: Chunk, progress: BatchProgress, previous?: Promise<unknown>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // A chunk need not wait for its WAL flush: if the server crashes, a lost chunk loses its resume marker
    // with it and the re-run rewrites it; the final commit's synchronous flush covers every chunk before it.
    await sql`set local synchronous_commit = off`.execute(trx);
    await insertRows(trx, chunk);
    await previous;
    const updated = await trx
      .updateTable("source_batch")
      .set({ ...progressColumns(progress), updated_at: sql<Date>`now()` })
      .where("id", "=", batchId)
      .where("status", "=", "loading")
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new BatchNotLoadingError(batchId);
    return true;
  });
}

/** Rolls a chunk's transaction back when its batch was failed or committed underneath it. */
export class BatchNotLoadingError extends Error {
  override readonly name = "BatchNotLoadingError";
  constructor(readonly batchId: number) {
    super(`batch ${batchId} is no longer loading`);
  }
}

async function insertRows(trx: Transaction<DatabaseSchema>, chunk: Chunk): Promise<void> {
  const records = chunk.records;
  if (records.length > 0) {
    const first = records[0]!;
    await sql`insert into source_record
        (region_code, batch_id, row_number, source_type, source_id, event_date, division_code, address, attributes, raw, warnings)
      select region_code, ${first.batch_id}::int8, row_number, ${first.source_type}::text, source_id, event_date, division_code, address,
             attributes::jsonb, raw, warnings::text[]
      from rows from (
        unnest(${textArray(records.map((r) => r.region_code))}::text[]), unnest(${intArray(records.map((r) => r.row_number))}::int4[]),
        unnest(${textArray(records.map((r) => r.source_id))}::text[]), unnest(${textArray(records.map((r) => r.event_date))}::date[]),
        unnest(${textArray(records.map((r) => r.division_code))}::text[]), unnest(${textArray(records.map((r) => r.address))}::text[]),
        unnest(${textArray(records.map((r) => (r.attributes === null ? null : JSON.stringify(r.attributes))))}::text[]),
        jsonb_array_elements(${JSON.stringify(records.map((r) => r.raw))}::jsonb),
        unnest(${textArray(records.map((r) => textArray(r.warnings)))}::text[])
      ) as t(region_code, row_number, source_id, event_date, division_code, address, attributes, raw, warnings)`.execute(trx);
  }
  const mentions = chunk.mentions;
  if (mentions.length > 0) {
    const first = mentions[0]!;
    await sql`insert into mention
        (region_code, batch_id, row_number, role, source_type, name_norm, name_pinyin, initials, surname, birth_date, sex,
         id_number, id_valid, id_hmac, division_code, phone, event_date)
      select region_code, ${first.batch_id}::int8, row_number, role, ${first.source_type}::text, name_norm, name_pinyin, initials, surname,
             birth_date, sex, id_number, id_valid, id_hmac, division_code, phone, event_date
      from unnest(
        ${textArray(mentions.map((m) => m.region_code))}::text[], ${intArray(mentions.map((m) => m.row_number))}::int4[],
        ${textArray(mentions.map((m) => m.role))}::text[], ${textArray(mentions.map((m) => m.name_norm))}::text[],
        ${textArray(mentions.map((m) => m.name_pinyin))}::text[], ${textArray(mentions.map((m) => m.initials))}::text[],
        ${textArray(mentions.map((m) => m.surname))}::text[], ${textArray(mentions.map((m) => m.birth_date))}::date[],
        ${textArray(mentions.map((m) => m.sex))}::text[], ${textArray(mentions.map((m) => m.id_number))}::text[],
        ${boolArray(mentions.map((m) => m.id_valid))}::bool[], ${textArray(mentions.map((m) => m.id_hmac))}::text[],
        ${textArray(mentions.map((m) => m.division_code))}::text[], ${textArray(mentions.map((m) => m.phone))}::text[],
        ${textArray(mentions.map((m) => m.event_date))}::date[]
      ) as t(region_code, row_number, role, name_norm, name_pinyin, initials, surname, birth_date, sex, id_number, id_valid,
             id_hmac, division_code, phone, event_date)`.execute(trx);
  }
  if (chunk.quarantine.length > 0) {
    await sql`insert into quarantine_row
      select * from jsonb_populate_recordset(null::quarantine_row, ${JSON.stringify(chunk.quarantine)}::jsonb)`.execute(trx);
  }
}

/**
 * A PostgreSQL array literal of text (or NULL) elements, every element quoted, `"` and `\` escaped
 * (PostgreSQL manual, "Array Value Input"). Built here because the driver's general array serialiser costs
 * more per row than the rest of the import's preparation together.
 */
export function textArray(values: readonly (string | null)[]): string {
  let literal = "{";
  for (let i = 0; i < values.length; i++) {
    if (i > 0) literal += ",";
    const value = values[i];
    if (value === null || value === undefined) literal += "NULL";
    else if (value.indexOf('"') === -1 && value.indexOf("\\") === -1) literal += `"${value}"`;
    else literal += `"${value.replace(/["\\]/g, "\\$&")}"`;
  }
  return `${literal}}`;
}

function intArray(values: readonly number[]): string {
  return `{${values.join(",")}}`;
}

function boolArray(values: readonly boolean[]): string {
  return `{${values.map((value) => (value ? "t" : "f")).join(",")}}`;
}

function progressColumns(progress: BatchProgress) {
  return {
    rows_loaded: progress.rowsLoaded,
    row_count: progress.rows,
    accepted_count: progress.accepted,
    quarantined_count: progress.quarantined,
    warning_count: progress.warnings,
    errors_by_code: JSON.stringify(progress.errorsByCode),
    region_codes: [...progress.regionCodes],
  };
}

/** The flip that makes a loading batch visible, with its final counts. */
export async function commitBatch(db: Db, batchId: number, progress: BatchProgress): Promise<BatchRow> {
  return db
    .updateTable("source_batch")
    .set({ ...progressColumns(progress), status: "committed", committed_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where("id", "=", batchId)
    .where("status", "=", "loading")
    .returning(BATCH_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Removes whatever a batch had stored and records why it failed, in one transaction. */
export async function failBatch(db: Db, batchId: number, failure: FileFailure, regionCodes: readonly string[]): Promise<BatchRow> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("source_batch").select("region_codes").where("id", "=", batchId).executeTakeFirstOrThrow();
    await deleteBatchRows(trx, batchId, [...new Set([...current.region_codes, ...regionCodes])]);
    return trx
      .updateTable("source_batch")
      .set({
        status: "failed",
        failure: JSON.stringify(failure),
        rows_loaded: 0,
        accepted_count: 0,
        quarantined_count: 0,
        warning_count: 0,
        region_codes: [],
        committed_at: null,
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", batchId)
      .returning(BATCH_COLUMNS)
      .executeTakeFirstOrThrow();
  });
}

/** By key: region_code leads the primary keys, and the batch remembers every region it wrote to. */
async function deleteBatchRows(trx: Transaction<DatabaseSchema>, batchId: number, regionCodes: readonly string[]): Promise<void> {
  if (regionCodes.length > 0) {
    await trx.deleteFrom("mention").where("region_code", "in", [...regionCodes]).where("batch_id", "=", batchId).execute();
    await trx.deleteFrom("source_record").where("region_code", "in", [...regionCodes]).where("batch_id", "=", batchId).execute();
  }
  await trx.deleteFrom("quarantine_row").where("batch_id", "=", batchId).execute();
}

/**
 * Runs `work` while holding a session-level advisory lock on `key` on a reserved server connection, so two
 * processes never load the same file at once; the lock dies with the connection if the process is killed.
 * Returns undefined (without running `work`) when another session holds it.
 */
export async function withAdvisoryLock<T>(db: Db, key: string, work: () => Promise<T>): Promise<T | undefined> {
  return db.connection().execute(async (connection) => {
    const locked = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtextextended(${key}, 0)) as locked`.execute(connection);
    if (!locked.rows[0]?.locked) return undefined;
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(connection);
    }
  });
}

export interface BatchFilter {
  readonly status?: BatchStatus | undefined;
  readonly sourceType?: SourceType | undefined;
  readonly visibleTo?: BatchViewer | undefined;
}

/** Who looks at batch metadata: the account, its case-work jurisdictions (division-code prefixes), its facilities. */
export interface BatchViewer {
  readonly username: string;
  readonly jurisdictions: readonly string[];
  readonly facilities: readonly string[];
}

/**
 * A batch is visible to the account that submitted it, to the reporters of the facility that submitted it, to
 * jurisdictions covering where it was submitted, and to jurisdictions that overlap the counties its rows were
 * filed under — either way round: a county's rows concern its townships' staff as much as its city's.
 * Metadata only (counts, file name); the rows themselves are guarded by row-level security (migration 0025).
 */
function visibleTo(viewer: BatchViewer) {
  const jurisdictions = sql`unnest(${textArray(viewer.jurisdictions)}::text[])`;
  return sql<boolean>`(
    created_by = ${viewer.username}
    or submitted_facility = any(${textArray(viewer.facilities)}::text[])
    or exists (select 1 from ${jurisdictions} as granted(prefix) where starts_with(submitted_in, granted.prefix))
    or exists (
      select 1 from unnest(region_codes) as place(code), ${jurisdictions} as granted(prefix)
      where place.code <> '000000' and (starts_with(place.code, granted.prefix) or starts_with(granted.prefix, place.code))))`;
}

export async function findVisibleBatch(db: Db, id: number, viewer: BatchViewer): Promise<BatchRow | undefined> {
  return db.selectFrom("source_batch").select(BATCH_COLUMNS).where("id", "=", id).where(visibleTo(viewer)).executeTakeFirst();
}

export async function listBatches(db: Db, filter: BatchFilter, limit: number, offset: number): Promise<{ rows: BatchRow[]; total: number }> {
  let query = db.selectFrom("source_batch");
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.sourceType) query = query.where("source_type", "=", filter.sourceType);
  if (filter.visibleTo) query = query.where(visibleTo(filter.visibleTo));
  const rows = await query.select(BATCH_COLUMNS).orderBy("id", "desc").limit(limit).offset(offset).execute();
  const total = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  return { rows, total: total.total };
}

export interface QuarantineRowRow {
  readonly batch_id: number;
  readonly row_number: number;
  readonly raw: string[];
  readonly codes: string[];
  readonly messages: IssueMessage[];
  readonly status: QuarantineStatus;
}

const QUARANTINE_COLUMNS = ["batch_id", "row_number", "raw", "codes", "messages", "status"] as const;

export async function listQuarantineRows(
  db: Db,
  batchId: number,
  status: QuarantineStatus | undefined,
  limit: number,
  offset: number,
): Promise<{ rows: QuarantineRowRow[]; total: number }> {
  let query = db.selectFrom("quarantine_row").where("batch_id", "=", batchId);
  if (status) query = query.where("status", "=", status);
  const rows = await query.select(QUARANTINE_COLUMNS).orderBy("row_number").limit(limit).offset(offset).execute();
  const total = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  return { rows, total: total.total };
}

export async function findQuarantineRow(
  db: Db,
  batchId: number,
  rowNumber: number,
): Promise<(QuarantineRowRow & { readonly region_code: string | null; readonly division_code: string | null }) | undefined> {
  return db
    .selectFrom("quarantine_row")
    .select([...QUARANTINE_COLUMNS, "region_code", "division_code"])
    .where("batch_id", "=", batchId)
    .where("row_number", "=", rowNumber)
    .executeTakeFirst();
}

/**
 * Stores a corrected quarantined row in its (committed) batch and closes the quarantine entry, in one
 * transaction. Returns false if the row was no longer open for correction.
 */
export async function storeResubmittedRow(db: Db, batchId: number, rowNumber: number, chunk: Chunk, regionCode: string, warned: boolean): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const closed = await trx
      .updateTable("quarantine_row")
      .set({ status: "resubmitted", resolved_at: sql<Date>`now()` })
      .where("batch_id", "=", batchId)
      .where("row_number", "=", rowNumber)
      .where("status", "in", ["open", "exported"])
      .executeTakeFirst();
    if (closed.numUpdatedRows === 0n) return false;
    await insertRows(trx, chunk);
    await sql`update source_batch
      set accepted_count = accepted_count + 1,
          quarantined_count = quarantined_count - 1,
          resubmitted_count = resubmitted_count + 1,
          warning_count = warning_count + ${warned ? 1 : 0},
          region_codes = case when ${regionCode} = any(region_codes) then region_codes else region_codes || ${regionCode}::text end,
          updated_at = now()
      where id = ${batchId}`.execute(trx);
    return true;
  });
}

export async function markQuarantineExported(db: Db, batchId: number): Promise<void> {
  await db
    .updateTable("quarantine_row")
    .set({ status: "exported", resolved_at: sql<Date>`now()` })
    .where("batch_id", "=", batchId)
    .where("status", "=", "open")
    .execute();
}

/** All quarantined rows of a batch in row order, for export (a batch's quarantine is bounded by its file). */
export async function* streamQuarantineRows(db: Db, batchId: number, pageSize = 5000): AsyncGenerator<QuarantineRowRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("quarantine_row")
      .select(QUARANTINE_COLUMNS)
      .where("batch_id", "=", batchId)
      .where("row_number", ">", after)
      .orderBy("row_number")
      .limit(pageSize)
      .execute();
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.row_number;
  }
}

/** Headline counts for the overview: batches by status, stored and still-quarantined rows of committed batches. */
export async function countRegistry(db: Db): Promise<RegistryCounts> {
  const row = await sql<{ committed: number; failed: number; total: number; accepted: number; quarantined: number }>`
    select count(*) filter (where status = 'committed')::int8 as committed,
           count(*) filter (where status = 'failed')::int8 as failed,
           count(*)::int8 as total,
           coalesce(sum(accepted_count) filter (where status = 'committed'), 0)::int8 as accepted,
           coalesce(sum(quarantined_count) filter (where status = 'committed'), 0)::int8 as quarantined
    from source_batch`.execute(db);
  const counts = row.rows[0]!;
  return {
    batches: { committed: counts.committed, failed: counts.failed, total: counts.total },
    records: { accepted: counts.accepted, quarantined: counts.quarantined },
  };
}
