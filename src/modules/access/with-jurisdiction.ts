/**
 * Runs database work for a request that touches personal data under row-level security (DESIGN.md §8, the
 * second of the two layers): one transaction, as the non-owner role renkou_app, with the actor's
 * jurisdictions for `permission` in the transaction-local setting `renkou.jurisdiction`. Tables protected by
 * renkou_protect_personal_table (migration 0020) then show and accept only rows inside those
 * jurisdictions, whatever the SQL asks for — a forgotten WHERE clause in a service returns nothing foreign.
 *
 * What it does not protect against: SQL injection (injected SQL could RESET ROLE or change the setting);
 * bound parameters are the defence there. Work done as the owner outside this helper (imports, linkage)
 * is not limited by jurisdiction.
 */
import type { Transaction } from "kysely";
import type { Db } from "../../db/database.ts";
import type { DatabaseSchema } from "../../db/schema.ts";
import { jurisdictionsWith, type GrantScope, type Permission } from "./roles.ts";
import { enterJurisdiction } from "./store.ts";

export async function withJurisdiction<T>(
  db: Db,
  actor: { readonly grants: readonly GrantScope[] },
  permission: Permission,
  work: (trx: Transaction<DatabaseSchema>) => Promise<T>,
): Promise<T> {
  const prefixes = jurisdictionsWith(actor.grants, permission);
  return db.transaction().execute(async (trx) => {
    await enterJurisdiction(trx, prefixes);
    return work(trx);
  });
}
