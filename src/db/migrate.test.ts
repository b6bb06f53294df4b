import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../test/support/database.ts";
import { loadMigrations, migrate, type Migration } from "./migrate.ts";

describe("loadMigrations", () => {
  it("loads the shipped migrations in version order", () => {
    const versions = loadMigrations().map((migration) => migration.version);
    expect(versions[0]).toBe("0001");
    expect(versions).toEqual([...versions].sort());
  });

  it("rejects a file name that is not NNNN_name.sql", () => {
    const dir = mkdtempSync(join(tmpdir(), "renkou-mig-"));
    writeFileSync(join(dir, "1_bad name.sql"), "select 1;");
    expect(() => loadMigrations(dir)).toThrow(/1_bad name.sql does not match NNNN_name.sql/);
  });

  it("rejects two migrations with the same version", () => {
    const dir = mkdtempSync(join(tmpdir(), "renkou-mig-"));
    writeFileSync(join(dir, "0001_a.sql"), "select 1;");
    writeFileSync(join(dir, "0001_b.sql"), "select 2;");
    expect(() => loadMigrations(dir)).toThrow(/two migrations share version 0001/);
  });
});

describe("migrate", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const extra = (version: string, text: string): Migration => ({
    version,
    name: `test_${version}`,
    sql: text,
    checksum: `checksum-${text}`,
  });

  it("has recorded every shipped migration in the template", async () => {
    const recorded = await database.db.selectFrom("schema_migration").select("version").orderBy("version").execute();
    expect(recorded.map((row) => row.version)).toEqual(loadMigrations().map((migration) => migration.version));
  });

  it("applies nothing when everything is applied", async () => {
    const report = await migrate(database.db);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toBe(loadMigrations().length);
  });

  it("applies a new migration once and records it", async () => {
    const migration = extra("9001", "create table migrate_probe (x int);");
    expect((await migrate(database.db, [migration])).applied).toEqual(["9001_test_9001"]);
    expect((await migrate(database.db, [migration])).applied).toEqual([]);
  });

  it("rolls back a failing migration completely and records nothing", async () => {
    const failing = extra("9002", "create table migrate_half (x int); select * from no_such_table;");
    await expect(migrate(database.db, [failing])).rejects.toThrow(/no_such_table/);
    const table = await sql<{ t: string | null }>`select to_regclass('migrate_half')::text as t`.execute(database.db);
    expect(table.rows[0]?.t).toBeNull();
    const recorded = await database.db.selectFrom("schema_migration").select("version").where("version", "=", "9002").execute();
    expect(recorded).toEqual([]);
  });

  it("refuses to continue when an applied migration was edited", async () => {
    const original = extra("9003", "select 1;");
    await migrate(database.db, [original]);
    await expect(migrate(database.db, [{ ...original, checksum: "edited" }])).rejects.toThrow(
      /9003_test_9003 was changed after it was applied/,
    );
  });

  it("enables the pg_trgm and fuzzystrmatch extensions", async () => {
    const result = await sql<{ similarity: number; distance: number }>`
      select similarity('zhang wei', 'zhang wen')::float8 as similarity, levenshtein('张伟', '张玮') as distance`.execute(
      database.db,
    );
    expect(result.rows[0]!.distance).toBe(1);
    expect(result.rows[0]!.similarity).toBeGreaterThan(0.4);
  });
});
