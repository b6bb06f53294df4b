import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { filedUnder } from "./filed-under.ts";

const CASES: ReadonlyArray<readonly [division: string | null, region: string | null, expected: string | null]> = [
  ["370406101", "370406", "370406101"],
  ["370406101203", "370406", "370406101203"],
  ["370406", "370406", "370406"],
  // A township code of another county than the row's (its ID numbers placed it): the county decides.
  ["370481105", "370406", "370406"],
  // Province or city codes say less than the county.
  ["3704", "370406", "370406"],
  ["37040610", "370406", "370406"],
  ["37040610x", "370406", "370406"],
  [null, "370406", "370406"],
  [null, "000000", null],
  ["370406101", "000000", null],
  [null, null, null],
];

describe("filedUnder", () => {
  it.each(CASES)("division %s in region %s is filed under %s", (division, region, expected) => {
    expect(filedUnder(division, region)).toBe(expected);
  });
});

describe("renkou_filed_under (migration 0025) gives the same answers", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it.each(CASES)("division %s in region %s", async (division, region, expected) => {
    const { rows } = await sql<{ filed: string | null }>`select renkou_filed_under(${division}::text, ${region}::text) as filed`.execute(database.db);
    expect(rows[0]!.filed).toBe(expected);
  });
});
