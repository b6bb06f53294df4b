/** SQL for the `division` reference table (migration 0002, data 0003). */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { Division, DivisionLevel } from "./model.ts";

const COLUMNS = ["code", "level", "name", "parent_code", "valid_from", "valid_to", "source"] as const;

type DivisionRow = { code: string; level: DivisionLevel; name: string; parent_code: string | null; valid_from: string | null; valid_to: string | null; source: string };

function toDivision(row: DivisionRow): Division {
  return {
    code: row.code,
    level: row.level,
    name: row.name,
    parentCode: row.parent_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    source: row.source,
  };
}

export async function findDivision(db: Db, code: string): Promise<Division | undefined> {
  const row = await db.selectFrom("division").select(COLUMNS).where("code", "=", code).executeTakeFirst();
  return row ? toDivision(row) : undefined;
}

export async function findDivisions(db: Db, codes: readonly string[]): Promise<Division[]> {
  if (codes.length === 0) return [];
  const rows = await db.selectFrom("division").select(COLUMNS).where("code", "in", codes).orderBy("code").execute();
  return rows.map(toDivision);
}

export async function listChildDivisions(db: Db, parentCode: string | null): Promise<Division[]> {
  const query = db.selectFrom("division").select(COLUMNS).orderBy("code");
  const rows = await (parentCode === null ? query.where("parent_code", "is", null) : query.where("parent_code", "=", parentCode)).execute();
  return rows.map(toDivision);
}

/** Divisions named exactly `name` directly under `parentCode` (or at the top when null). */
export async function findDivisionsByName(db: Db, name: string, parentCode: string | null): Promise<Division[]> {
  const query = db.selectFrom("division").select(COLUMNS).where("name", "=", name).orderBy("code");
  const rows = await (parentCode === null ? query : query.where("parent_code", "=", parentCode)).execute();
  return rows.map(toDivision);
}

/**
 * Names similar to `text` (trigram similarity, pg_trgm), best first, optionally within a code prefix.
 * Used when a name path does not resolve exactly (typos, old names).
 */
export async function searchDivisionsByName(db: Db, text: string, withinPrefix: string | undefined, limit: number): Promise<Array<Division & { similarity: number }>> {
  const prefixPattern = withinPrefix ? `${withinPrefix}%` : "%";
  const result = await sql<DivisionRow & { similarity: number }>`
    select code, level, name, parent_code, valid_from, valid_to, source,
           similarity(name, ${text})::float8 as similarity
    from division
    where code like ${prefixPattern} and (name % ${text} or name like ${`%${text}%`})
    order by similarity desc, code
    limit ${limit}`.execute(db);
  return result.rows.map((row) => ({ ...toDivision(row), similarity: row.similarity }));
}

export async function countDivisionsByLevel(db: Db): Promise<Record<DivisionLevel, number>> {
  const rows = await db
    .selectFrom("division")
    .select(["level", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("level")
    .execute();
  const counts: Record<DivisionLevel, number> = { province: 0, city: 0, county: 0, township: 0, village: 0 };
  for (const row of rows) counts[row.level] = row.count;
  return counts;
}

/**
 * Divisions named `name` anywhere below `ancestorCode` (or anywhere at all), shallowest first. Searching
 * descendants rather than children steps over grouping rows such as 市辖区 (e.g. 北京市 → 市辖区 → 东城区).
 */
export async function findDescendantsByName(db: Db, name: string, ancestorCode: string | null): Promise<Division[]> {
  let query = db.selectFrom("division").select(COLUMNS).where("name", "=", name);
  if (ancestorCode !== null) query = query.where("code", "like", `${ancestorCode}%`).where("code", "!=", ancestorCode);
  const rows = await query.orderBy(sql`length(code)`).orderBy("code").limit(20).execute();
  return rows.map(toDivision);
}
