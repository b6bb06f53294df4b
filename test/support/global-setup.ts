/**
 * Vitest global setup: migrate one template database per run (or reuse one cached for the same migration
 * files), so each test file starts from a clone in about a second instead of migrating from scratch.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { loadMigrations, migrate } from "../../src/db/migrate.ts";
import { openDatabase } from "../../src/db/open-database.ts";
import type { TestDatabasePlan } from "./test-database-plan.ts";

const CACHE_DIR = fileURLToPath(new URL("../../node_modules/.cache/renkou-test/", import.meta.url));

export default async function setup(project: TestProject): Promise<void> {
  const migrationsHash = createHash("sha256")
    .update(loadMigrations().map((migration) => migration.checksum).join())
    .digest("hex")
    .slice(0, 16);
  const adminUrl = process.env.TEST_DATABASE_URL;
  const plan: TestDatabasePlan = adminUrl
    ? { kind: "server", adminUrl, templateDatabase: await prepareServerTemplate(adminUrl, migrationsHash) }
    : { kind: "embedded", templateTarball: await prepareEmbeddedTemplate(migrationsHash) };
  project.provide("testDatabasePlan", plan);
}

async function prepareEmbeddedTemplate(migrationsHash: string): Promise<string> {
  const tarball = `${CACHE_DIR}template-${migrationsHash}.tar.gz`;
  if (existsSync(tarball)) return tarball;
  mkdirSync(CACHE_DIR, { recursive: true });
  const connection = await openDatabase({ kind: "memory" });
  try {
    await migrate(connection.db);
    const partial = `${tarball}.${process.pid}.partial`;
    await connection.dump!(partial);
    renameSync(partial, tarball); // atomic: a concurrent run never reads half a file
  } finally {
    await connection.close();
  }
  return tarball;
}

async function prepareServerTemplate(adminUrl: string, migrationsHash: string): Promise<string> {
  const name = `renkou_test_template_${migrationsHash}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount) return name;
    const building = `${name}_building`;
    await admin.query(`drop database if exists ${building}`);
    await admin.query(`create database ${building}`);
    const url = new URL(adminUrl);
    url.pathname = `/${building}`;
    const connection = await openDatabase({ kind: "server", url: url.toString(), poolSize: 2 });
    try {
      await migrate(connection.db);
    } finally {
      await connection.close();
    }
    await admin.query(`alter database ${building} rename to ${name}`);
    return name;
  } finally {
    await admin.end();
  }
}
