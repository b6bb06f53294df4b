/** SQL for the demo city's bookkeeping. */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";

export async function recordDemoBatch(db: Db, batchId: number): Promise<void> {
  await db.insertInto("demo_batch").values({ batch_id: batchId }).onConflict((oc) => oc.doNothing()).execute();
}

export interface BatchOrigins {
  readonly total: number;
  readonly demo: number;
}

export async function countBatchOrigins(db: Db): Promise<BatchOrigins> {
  const result = await sql<BatchOrigins>`
    select count(*)::int as total, count(d.batch_id)::int as demo
    from source_batch b left join demo_batch d on d.batch_id = b.id`.execute(db);
  return result.rows[0] ?? { total: 0, demo: 0 };
}
