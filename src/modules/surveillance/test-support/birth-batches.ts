/**
 * Test support: synthetic batches of birth sources written straight into the import tables (source_batch,
 * source_record, mention, quarantine_row) the way the registry stores them — canonical division codes,
 * birth order and plurality in `attributes`, the child and the mother as mentions — so surveillance tests
 * need no files and no import run.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "../../../db/database.ts";
import type { BirthSourceType } from "../model.ts";

export interface SyntheticBirth {
  /** Canonical division code of the record: 9 digits for a township, 6 for a county only. */
  readonly division: string;
  /** The child's birth date; null for a record without one. */
  readonly birthDate: string | null;
  /** null: the child's sex is not recorded. */
  readonly sex: "male" | "female" | "unknown" | null;
  readonly order?: number | undefined;
  readonly plurality?: number | undefined;
  /** The mother's ID number (treated as valid); absent: no mother named. */
  readonly motherId?: string | undefined;
}

export interface BatchOptions {
  readonly status?: "committed" | "loading";
  /** Rows quarantined at import (open), to be corrected later with `resubmitBirth`; numbered after the stored rows. */
  readonly quarantined?: readonly SyntheticBirth[];
}

/** A synthetic mother's ID number: 18 characters, unique per `n`. */
export function motherIdOf(n: number): string {
  return `3704061990${String(n).padStart(7, "0")}X`;
}

function recordOf(batchId: number, sourceType: string, rowNumber: number, birth: SyntheticBirth) {
  const attributes: Record<string, number> = {};
  if (birth.order !== undefined) attributes.birth_order = birth.order;
  if (birth.plurality !== undefined) attributes.plurality = birth.plurality;
  return {
    region_code: birth.division.slice(0, 6),
    batch_id: batchId,
    row_number: rowNumber,
    source_type: sourceType,
    source_id: `R${rowNumber}`,
    event_date: birth.birthDate,
    division_code: birth.division,
    address: null,
    attributes: Object.keys(attributes).length > 0 ? attributes : null,
    raw: [],
    warnings: [],
  };
}

function mentionsOf(batchId: number, sourceType: string, rowNumber: number, birth: SyntheticBirth) {
  const base = { region_code: birth.division.slice(0, 6), batch_id: batchId, row_number: rowNumber, source_type: sourceType, division_code: birth.division, event_date: birth.birthDate, id_valid: false };
  const child = { ...base, role: "child", birth_date: birth.birthDate, sex: birth.sex };
  return birth.motherId === undefined ? [child] : [child, { ...base, role: "mother", id_number: birth.motherId, id_valid: true }];
}

async function insertRows(db: Db, batchId: number, sourceType: string, rows: ReadonlyArray<readonly [number, SyntheticBirth]>): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map(([rowNumber, birth]) => recordOf(batchId, sourceType, rowNumber, birth));
  const mentions = rows.flatMap(([rowNumber, birth]) => mentionsOf(batchId, sourceType, rowNumber, birth));
  await sql`insert into source_record select * from jsonb_populate_recordset(null::source_record, ${JSON.stringify(records)}::jsonb)`.execute(db);
  await sql`insert into mention select * from jsonb_populate_recordset(null::mention, ${JSON.stringify(mentions)}::jsonb)`.execute(db);
}

/** Writes a batch of the source with one stored record per birth; returns the batch id. */
export async function insertBirthBatch(db: Db, sourceType: BirthSourceType | "hukou", births: readonly SyntheticBirth[], options: BatchOptions = {}): Promise<number> {
  const status = options.status ?? "committed";
  const quarantined = options.quarantined ?? [];
  const regions = [...new Set([...births, ...quarantined].map((birth) => birth.division.slice(0, 6)))];
  const batch = await db
    .insertInto("source_batch")
    .values({
      source_type: sourceType,
      file_name: `${sourceType}.csv`,
      file_format: "csv",
      sheet_name: null,
      encoding: "utf-8",
      content_sha256: randomBytes(32).toString("hex"),
      byte_size: 1,
      headers: "[]",
      mapping: "[]",
      as_of: "2030-01-01",
      status,
      row_count: births.length + quarantined.length,
      accepted_count: births.length,
      quarantined_count: quarantined.length,
      region_codes: regions,
      committed_at: status === "committed" ? new Date() : null,
      created_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, batch.id, sourceType, births.map((birth, index) => [index + 2, birth] as const));
    for (const [index, birth] of quarantined.entries()) {
      await trx
        .insertInto("quarantine_row")
        .values({ batch_id: batch.id, row_number: births.length + index + 2, region_code: birth.division.slice(0, 6), raw: "[]", codes: ["date_unparseable"], messages: "[]", resolved_at: null })
        .execute();
    }
  });
  return batch.id;
}

/** Stores a corrected quarantined row into its committed batch, as the registry's resubmission does (one transaction). */
export async function resubmitBirth(db: Db, batchId: number, rowNumber: number, birth: SyntheticBirth): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const batch = await trx.selectFrom("source_batch").select("source_type").where("id", "=", batchId).executeTakeFirstOrThrow();
    await trx.updateTable("quarantine_row").set({ status: "resubmitted", resolved_at: new Date() }).where("batch_id", "=", batchId).where("row_number", "=", rowNumber).execute();
    await insertRows(trx, batchId, batch.source_type, [[rowNumber, birth]]);
    await sql`update source_batch
      set accepted_count = accepted_count + 1, quarantined_count = quarantined_count - 1, resubmitted_count = resubmitted_count + 1,
          region_codes = case when ${birth.division.slice(0, 6)} = any(region_codes) then region_codes else region_codes || ${birth.division.slice(0, 6)}::text end
      where id = ${batchId}`.execute(trx);
  });
}

/** `count` births in one township and month: `boys` boys, the rest girls, birth order `order`. */
export function birthsOf(division: string, month: string, count: number, boys: number, order = 1): SyntheticBirth[] {
  return Array.from({ length: count }, (_, i) => ({
    division,
    birthDate: `${month}-${String((i % 28) + 1).padStart(2, "0")}`,
    sex: i < boys ? ("male" as const) : ("female" as const),
    order,
  }));
}
