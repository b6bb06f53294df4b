/**
 * Where the engine keeps its working tables. On a PostgreSQL server: the server itself (temporary tables on
 * one pooled connection). On the embedded engine the product's database has a single connection, and a run
 * that held it for a minute would stall every other request (progress polling included); so the product, like
 * the CLI without a data directory, runs the engine in a separate in-memory PostgreSQL — its own worker
 * thread, which also puts the machine's second core to work — and only reads mentions from, and stores
 * results in, the product's database.
 */
import type { Db, DatabaseEngine } from "../../db/database.ts";
import { loadMigrations, migrate } from "../../db/migrate.ts";
import { openDatabase, type DatabaseConnection } from "../../db/open-database.ts";

export interface LinkWorkspace {
  readonly db: Db;
  close(): Promise<void>;
}

/** An in-memory database with only what the engine needs: the foundation migration's extensions. */
export async function openMemoryWorkspace(): Promise<DatabaseConnection> {
  const database = await openDatabase({ kind: "memory" });
  try {
    await migrate(database.db, loadMigrations().filter((migration) => migration.version === "0001"));
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** The workspace for a run inside the product (see above). */
export async function openProductWorkspace(db: Db, engine: DatabaseEngine): Promise<LinkWorkspace> {
  if (engine === "server") return { db, close: async () => {} };
  return openMemoryWorkspace();
}
