/**
 * A fresh, migrated database for one test file: a clone of the run's template, on the embedded engine or
 * on the PostgreSQL server when `npm run test:pg` runs. Integration tests always use a real PostgreSQL.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { openDatabase, type DatabaseConnection } from "../../src/db/open-database.ts";
import type { TestDatabasePlan } from "./test-database-plan.ts";

export interface TestDatabase extends DatabaseConnection {
  readonly plan: TestDatabasePlan;
}

export function testDatabasePlan(): TestDatabasePlan {
  return inject("testDatabasePlan");
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const plan = testDatabasePlan();
  if (plan.kind === "embedded") {
    const connection = await openDatabase({ kind: "memory", loadFrom: plan.templateTarball });
    return { ...connection, plan };
  }
  const name = `renkou_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(plan.adminUrl, `create database ${name} template ${plan.templateDatabase}`);
  const url = new URL(plan.adminUrl);
  url.pathname = `/${name}`;
  const connection = await openDatabase({ kind: "server", url: url.toString(), poolSize: 4 });
  return {
    ...connection,
    plan,
    async close() {
      await connection.close();
      await adminQuery(plan.adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
