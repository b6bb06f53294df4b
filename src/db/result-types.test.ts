import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, testDatabasePlan, type TestDatabase } from "../../test/support/database.ts";
import { openDatabase, type DatabaseConnection } from "./open-database.ts";
import type { Db } from "./database.ts";

/** One row of every kind of value the modules use, read through the application's handle. */
async function sampleRow(db: Db) {
  const result = await sql<Record<string, unknown>>`
    select count(*) as count_all,
           123456789012::int8 as int8_value,
           42::int4 as int4_value,
           1.25::float8 as float8_value,
           12.50::numeric(6,2) as numeric_value,
           '2020-02-29'::date as date_value,
           '2024-05-06T07:08:09Z'::timestamptz as timestamptz_value,
           true as bool_value,
           '{"a": [1, "二"]}'::jsonb as jsonb_value,
           array['a','b']::text[] as text_array,
           null::text as null_value
    from (values (1), (2)) as v(x)`.execute(db);
  return result.rows[0]!;
}

const EXPECTED = {
  count_all: 2,
  int8_value: 123456789012,
  int4_value: 42,
  float8_value: 1.25,
  numeric_value: "12.50",
  date_value: "2020-02-29",
  timestamptz_value: new Date("2024-05-06T07:08:09Z"),
  bool_value: true,
  jsonb_value: { a: [1, "二"] },
  text_array: ["a", "b"],
  null_value: null,
};

describe("result types", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it(`returns the documented JavaScript values on the ${testDatabasePlan().kind} engine`, async () => {
    expect(await sampleRow(database.db)).toEqual(EXPECTED);
  });

  it("throws rather than silently rounding an int8 beyond 2^53", async () => {
    await expect(sql`select 9007199254740993::int8 as big`.execute(database.db)).rejects.toThrow(/safe range/);
  });

  // With a server configured, compare the two engines value by value (the embedded one from scratch).
  it.runIf(testDatabasePlan().kind === "server")("gives identical values and types on embedded and server", async () => {
    let embedded: DatabaseConnection | undefined;
    try {
      embedded = await openDatabase({ kind: "memory" });
      const [fromEmbedded, fromServer] = [await sampleRow(embedded.db), await sampleRow(database.db)];
      expect(fromEmbedded).toEqual(fromServer);
      for (const key of Object.keys(fromServer)) {
        expect(typeof fromEmbedded[key], key).toBe(typeof fromServer[key]);
      }
    } finally {
      await embedded?.close();
    }
  });
});
