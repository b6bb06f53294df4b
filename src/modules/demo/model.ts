/** Kysely's view of `demo_batch` (migration 0050). */
export interface DemoBatchTable {
  batch_id: number;
}
