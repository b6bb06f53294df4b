/**
 * Opens the application's database: the embedded engine in a data directory (the zero-set-up default), an
 * in-memory embedded engine (tests), or a PostgreSQL server (`DATABASE_URL`). Callers get a Kysely handle
 * that behaves the same on all three.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Db, DatabaseEngine } from "./database.ts";
import type { DatabaseSchema } from "./schema.ts";
import { resultTypes } from "./pg-result-types.ts";
import { registerCopyInSessions } from "./copy-in.ts";
import { acquireDataDirLock } from "./embedded/data-dir-lock.ts";
import { startEmbeddedEngine } from "./embedded/embedded-engine.ts";

export type DatabaseTarget =
  | { readonly kind: "embedded"; readonly dataDir: string }
  | { readonly kind: "memory"; readonly loadFrom?: string | undefined }
  | { readonly kind: "server"; readonly url: string; readonly poolSize?: number | undefined };

export interface DatabaseConnection {
  readonly db: Db;
  readonly engine: DatabaseEngine;
  /** Where the data lives, for logs and `--help` output (never contains a password). */
  readonly location: string;
  /** Embedded only: write the database as a tarball (test templates). */
  readonly dump?: (path: string) => Promise<void>;
  /** Embedded only: called if the engine dies underneath the application. */
  readonly onEngineCrash?: (listener: (error: Error) => void) => void;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseConnection> {
  return target.kind === "server" ? openServer(target.url, target.poolSize ?? 10) : openEmbedded(target);
}

async function openServer(url: string, poolSize: number): Promise<DatabaseConnection> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: resultTypes });
  // An idle connection the server ends (restart, administrator, DROP DATABASE … FORCE) emits an error on
  // the pool; pg drops that connection and opens a new one on demand, so it must not crash the process.
  pool.on("error", () => undefined);
  // The same for a connection in use: its query fails with the error, and without a listener on the client
  // the 'error' event it also emits would end the process.
  pool.on("connect", (client) => client.on("error", () => undefined));
  registerCopyInSessions(pool); // bulk loads reach the pg client behind a Kysely connection (copy-in.ts)
  const db: Db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
  await pool.query("select 1"); // fail now, with the driver's message, rather than on the first request
  return {
    db,
    engine: "server",
    location: describeServerUrl(url),
    close: () => db.destroy(),
  };
}

async function openEmbedded(
  target: Extract<DatabaseTarget, { kind: "embedded" } | { kind: "memory" }>,
): Promise<DatabaseConnection> {
  let lock: { release(): void } | undefined;
  let dataDir: string | undefined;
  if (target.kind === "embedded") {
    dataDir = resolve(target.dataDir);
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDataDirLock(dataDir);
  }
  try {
    const engine = await startEmbeddedEngine({
      dataDir: dataDir ? resolve(dataDir, "pg") : undefined,
      loadFrom: target.kind === "memory" ? target.loadFrom : undefined,
    });
    const pool = new pg.Pool({
      host: engine.socketDir,
      port: engine.port,
      user: "postgres",
      database: "postgres",
      max: 1, // the embedded engine serves one connection (see pglite-host.ts)
      idleTimeoutMillis: 0,
      types: resultTypes,
    });
    const db: Db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      engine: "embedded",
      location: dataDir ?? "memory",
      dump: (path) => engine.dump(path),
      onEngineCrash: (listener) => engine.onCrash(listener),
      async close() {
        try {
          await db.destroy();
          await engine.stop();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** postgres://user:secret@host:5432/db → postgres://user@host:5432/db */
export function describeServerUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    return parsed.toString();
  } catch {
    return "PostgreSQL server (unparseable DATABASE_URL)";
  }
}
