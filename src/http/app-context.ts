import type { Db, DatabaseEngine } from "../db/database.ts";

/** What route handlers may use: the database handle and facts about this running instance. */
export interface AppContext {
  readonly db: Db;
  readonly engine: DatabaseEngine;
  readonly version: string;
  /** True only for an embedded database holding nothing but the synthetic demo city (may turn false). */
  readonly demo: boolean;
  /** Liveness of the database engine, tracked without querying it (so /health never waits on a query). */
  readonly databaseState: () => "up" | "down";
  /**
   * Called after a user's import commits (not the demo seeding): other modules catch up (birth aggregates),
   * and a demo ends because real data arrived. Optional so tests can leave it out.
   */
  readonly afterImportCommitted?: (batchId: number) => Promise<void>;
}
