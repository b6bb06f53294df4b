/**
 * Row-level security on the import tables alone (migrations 0024, 0025), with the service layer bypassed:
 * queries with no jurisdiction condition at all, run through withJurisdiction, see only the rows filed inside
 * the reader's jurisdiction — down to a township — and rows nothing places only where their file was submitted.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import type { GrantScope } from "../access/roles.ts";
import { withJurisdiction } from "../access/with-jurisdiction.ts";
import { importSourceFile } from "./import-source-file.ts";
import { ImportLimits } from "./source-files/import-limits.ts";

const PERSONS = [
  "姓名,出生日期,行政区划代码",
  "张三,1990-01-01,370406101", // row 2: 店子镇, 山亭区
  "李四,1990-01-02,370406102", // row 3: another township of 山亭区
  "王五,1990-01-03,370481105", // row 4: 滕州市
  "赵六,1990-01-04,", // row 5: placed nowhere
  "钱七,1990-02-30,370406101", // row 6: impossible date → quarantined in 店子镇
  "孙八,1990-02-30,", // row 7: quarantined, placed nowhere
].join("\n");

const reader = (jurisdiction: string, role: GrantScope["role"] = "case_worker") => ({ grants: [{ role, jurisdiction, facility: null }] });

let database: TestDatabase;
let directory: string;

beforeAll(async () => {
  database = await openTestDatabase();
  directory = mkdtempSync(join(tmpdir(), "renkou-rls-"));
  const path = join(directory, "persons.csv");
  writeFileSync(path, PERSONS);
  const { summary } = await importSourceFile(
    database.db,
    { path, fileName: "persons.csv", sourceType: "persons", submitter: { username: "submitter", jurisdiction: "370406", facility: null } },
    { engine: database.engine, limits: ImportLimits.parse({}) },
  );
  expect(summary).toMatchObject({ status: "committed", accepted: 4, quarantined: 2 });
});

afterAll(async () => {
  await database.close();
  rmSync(directory, { recursive: true, force: true });
});

async function rowsSeenBy(who: { grants: readonly GrantScope[] }, table: "source_record" | "mention" | "quarantine_row"): Promise<number[]> {
  return withJurisdiction(database.db, who, "personal_data.read", async (trx) => {
    const { rows } = await sql<{ row_number: number }>`select row_number from ${sql.table(table)} order by row_number`.execute(trx);
    return rows.map((row) => row.row_number);
  });
}

describe("row-level security on imported rows", () => {
  it.each(["source_record", "mention"] as const)("shows %s rows by township, county and submitting jurisdiction", async (table) => {
    expect(await rowsSeenBy(reader("370406101"), table)).toEqual([2]);
    expect(await rowsSeenBy(reader("370406102"), table)).toEqual([3]);
    expect(await rowsSeenBy(reader("370406"), table)).toEqual([2, 3, 5]);
    expect(await rowsSeenBy(reader("370481"), table)).toEqual([4]);
    expect(await rowsSeenBy(reader("3704"), table)).toEqual([2, 3, 4, 5]);
    expect(await rowsSeenBy(reader("3704", "analyst"), table)).toEqual([]);
  });

  it("shows quarantined rows the same way", async () => {
    expect(await rowsSeenBy(reader("370406101"), "quarantine_row")).toEqual([6]);
    expect(await rowsSeenBy(reader("370406102"), "quarantine_row")).toEqual([]);
    expect(await rowsSeenBy(reader("370406"), "quarantine_row")).toEqual([6, 7]);
    expect(await rowsSeenBy(reader("370481"), "quarantine_row")).toEqual([]);
  });

  it("refuses to move a row out of the reader's jurisdiction", async () => {
    const move = withJurisdiction(database.db, reader("370406"), "personal_data.write", (trx) =>
      sql`update mention set division_code = '370481105', region_code = '370481' where row_number = 2`.execute(trx),
    );
    await expect(move).rejects.toThrow(/row-level security/);
  });
});
