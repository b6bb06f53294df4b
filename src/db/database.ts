import type { Kysely } from "kysely";
import type { DatabaseSchema } from "./schema.ts";

/**
 * The application's handle on PostgreSQL. Both engines (embedded PGlite and a PostgreSQL server) are reached
 * through the same `pg` driver, so every query returns the same JavaScript types on both:
 * int8/count → number (throws above 2^53), numeric → string, date → 'YYYY-MM-DD' string,
 * timestamptz → Date, jsonb → parsed value.
 */
export type Db = Kysely<DatabaseSchema>;

export type DatabaseEngine = "embedded" | "server";
