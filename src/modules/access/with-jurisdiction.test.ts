/**
 * The second layer of jurisdiction enforcement, on the real engine (PGlite here, PostgreSQL 15 under
 * `npm run test:pg`): row-level security through renkou_protect_personal_table and withJurisdiction.
 * The queries below deliberately leave out every jurisdiction condition — they stand for a service whose
 * own check was forgotten — and the database still returns and accepts only rows inside the jurisdiction.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import type { GrantScope } from "./roles.ts";
import { withJurisdiction } from "./with-jurisdiction.ts";

let database: TestDatabase;

const actor = (...grants: GrantScope[]) => ({ grants });
const caseWorkerIn = (jurisdiction: string) => actor({ role: "case_worker", jurisdiction, facility: null });

interface ProbeRow {
  division_code: string;
  note: string;
}

beforeAll(async () => {
  database = await openTestDatabase();
  // A stand-in for a personal-data table (source_record, mention …), protected the way their migrations do it.
  await sql`create table rls_probe (region_code text not null, division_code text not null, note text not null)`.execute(database.db);
  await sql`select renkou_protect_personal_table('rls_probe', 'division_code')`.execute(database.db);
  await sql`
    insert into rls_probe values
      ('370406', '370406101', '店子镇 record'),
      ('370406', '370406102', 'another 山亭区 record'),
      ('370481', '370481105', '级索镇 record')`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});

async function readAll(grantsOf: { grants: readonly GrantScope[] }, where = sql`true`): Promise<string[]> {
  return withJurisdiction(database.db, grantsOf, "personal_data.read", async (trx) => {
    const { rows } = await sql<ProbeRow>`select division_code, note from rls_probe where ${where} order by division_code`.execute(trx);
    return rows.map((row) => row.division_code);
  });
}

describe("withJurisdiction and row-level security", () => {
  it("blocks a cross-jurisdiction read when the service check is bypassed", async () => {
    expect(await readAll(caseWorkerIn("370406"), sql`division_code = '370481105'`)).toEqual([]);
    expect(await readAll(caseWorkerIn("370481"), sql`division_code = '370481105'`)).toEqual(["370481105"]);
  });

  it("shows exactly the rows inside the actor's jurisdictions", async () => {
    expect(await readAll(caseWorkerIn("370406"))).toEqual(["370406101", "370406102"]);
    expect(await readAll(caseWorkerIn("370406101"))).toEqual(["370406101"]);
    expect(await readAll(caseWorkerIn("3704"))).toEqual(["370406101", "370406102", "370481105"]);
    expect(await readAll(actor({ role: "case_worker", jurisdiction: "370406101", facility: null }, { role: "case_worker", jurisdiction: "370481", facility: null }))).toEqual([
      "370406101",
      "370481105",
    ]);
  });

  it("shows nothing to grants without the permission (an analyst's city-wide grant reads no persons)", async () => {
    expect(await readAll(actor({ role: "analyst", jurisdiction: "3704", facility: null }))).toEqual([]);
    expect(await readAll(actor())).toEqual([]);
  });

  it("refuses to insert a row outside the jurisdiction, and to move one out", async () => {
    const write = (statement: ReturnType<typeof sql>) =>
      withJurisdiction(database.db, caseWorkerIn("370406"), "personal_data.read", (trx) => statement.execute(trx));
    await expect(write(sql`insert into rls_probe values ('370481', '370481101', 'x')`)).rejects.toThrow(/row-level security/);
    await expect(write(sql`update rls_probe set division_code = '370481101' where division_code = '370406102'`)).rejects.toThrow(
      /row-level security/,
    );
    await write(sql`insert into rls_probe values ('370406', '370406103', 'inside')`);
    expect(await readAll(caseWorkerIn("370406"))).toContain("370406103");
  });

  it("runs as renkou_app for the transaction only, then returns to the owner with no jurisdiction set", async () => {
    const inside = await withJurisdiction(database.db, caseWorkerIn("370406"), "personal_data.read", async (trx) => {
      const { rows } = await sql<{ role: string; jurisdiction: string }>`
        select current_user as role, current_setting('renkou.jurisdiction', true) as jurisdiction`.execute(trx);
      return rows[0];
    });
    expect(inside).toEqual({ role: "renkou_app", jurisdiction: "370406" });
    const { rows } = await sql<{ role: string; jurisdiction: string | null }>`
      select current_user as role, coalesce(current_setting('renkou.jurisdiction', true), '') as jurisdiction`.execute(database.db);
    expect(rows[0]?.role).not.toBe("renkou_app");
    expect(rows[0]?.jurisdiction).toBe("");
  });

  it("gives renkou_app no access to accounts or sessions", async () => {
    for (const table of ["app_user", "app_session", "role_grant", "setup_token"]) {
      await expect(
        withJurisdiction(database.db, caseWorkerIn("3704"), "personal_data.read", (trx) => sql`select 1 from ${sql.table(table)}`.execute(trx)),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it.each(["", ",", "3704,", ".*", "3704|37", "3704)|(", "' or true --"])("sees nothing when the setting is malformed: %j", async (setting) => {
    const seen = await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('renkou.jurisdiction', ${setting}, true)`.execute(trx);
      await sql`set local role renkou_app`.execute(trx);
      return (await sql<ProbeRow>`select division_code, note from rls_probe`.execute(trx)).rows;
    });
    expect(seen).toEqual([]);
  });

  it("enables and forces row-level security on the protected table", async () => {
    const { rows } = await sql<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>`
      select relrowsecurity, relforcerowsecurity from pg_class where oid = 'rls_probe'::regclass`.execute(database.db);
    expect(rows[0]).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it("refuses to protect a table by a column it does not have", async () => {
    await sql`create table rls_probe_bad (x text)`.execute(database.db);
    await expect(sql`select renkou_protect_personal_table('rls_probe_bad')`.execute(database.db)).rejects.toThrow(/no column region_code/);
  });
});
