/**
 * Applies the plain-SQL migrations in ./migrations (NNNN_name.sql) in order, each in its own transaction,
 * and records them in `schema_migration` with a checksum. A migration that was changed after it was applied
 * is an error, not something to re-run: the database and the code would disagree silently.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import type { Db } from "./database.ts";

export interface Migration {
  readonly version: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations/", import.meta.url));
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant works: it only has to be the same for every renkou process sharing a server.
const MIGRATION_LOCK_KEY = 7_310_244_601;

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) throw new Error(`migration file name ${file} does not match NNNN_name.sql`);
      const text = readFileSync(`${dir}/${file}`, "utf8");
      return {
        version: match[1]!,
        name: match[2]!,
        sql: text,
        checksum: createHash("sha256").update(text).digest("hex"),
      };
    });
  const versions = new Set<string>();
  for (const migration of migrations) {
    if (versions.has(migration.version)) throw new Error(`two migrations share version ${migration.version}`);
    versions.add(migration.version);
  }
  return migrations;
}

export async function migrate(db: Db, migrations: readonly Migration[] = loadMigrations()): Promise<MigrationReport> {
  await sql`
    create table if not exists schema_migration (
      version text primary key,
      name text not null,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(db);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const migration of migrations) {
    const wasApplied = await db.transaction().execute(async (trx) => {
      // Serialise concurrent starts against one server; released at commit.
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const existing = await trx
        .selectFrom("schema_migration")
        .select(["checksum", "name"])
        .where("version", "=", migration.version)
        .executeTakeFirst();
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.version}_${existing.name} was changed after it was applied ` +
              `(checksum differs); add a new migration instead of editing an applied one`,
          );
        }
        return true;
      }
      await sql.raw(migration.sql).execute(trx);
      await trx
        .insertInto("schema_migration")
        .values({ version: migration.version, name: migration.name, checksum: migration.checksum })
        .execute();
      return false;
    });
    if (wasApplied) alreadyApplied++;
    else applied.push(`${migration.version}_${migration.name}`);
  }
  return { applied, alreadyApplied };
}
