import type { Generated } from "kysely";
import type { DivisionTable } from "../modules/divisions/model.ts";

/**
 * Kysely's view of the tables. Each module declares its own table types in its `model.ts`; this file only
 * composes them, so a newcomer sees every table in one place.
 */
export interface DatabaseSchema {
  division: DivisionTable;
  schema_migration: SchemaMigrationTable;
}

export interface SchemaMigrationTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}
