/**
 * Worker-thread entry that owns the embedded PostgreSQL (PGlite) and serves it over the PostgreSQL wire
 * protocol on a Unix socket. PGlite runs WASM on the thread that calls it and blocks that thread for the
 * length of a query; hosting it here keeps the HTTP event loop free, and lets the application reach both
 * engines through the same `pg` driver (identical result types).
 *
 * Messages to the parent: { type: "ready" } once listening, { type: "error", message } on failure.
 * Messages from the parent: { type: "stop" } closes the socket server and the database cleanly;
 * { type: "dump", path } writes the whole database as a tarball (tests clone a migrated template from it).
 */
import { parentPort, workerData } from "node:worker_threads";
import { readFile, writeFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface PgliteHostOptions {
  /** Directory of the database files; undefined for an in-memory database. */
  readonly dataDir: string | undefined;
  /** A tarball made by `dumpDataDir` to start from (tests clone a migrated template this way). */
  readonly loadFrom: string | undefined;
  /** Unix socket path to listen on. */
  readonly socketPath: string;
}

/**
 * PostgreSQL settings that bound the embedded engine's memory. Its shared memory lives in the WebAssembly heap
 * and is resident from the start: initdb's default shared_buffers of 128 MB made an idle engine ~110 MB larger
 * (RSS 470 → 346 MB after opening), a fifth of the 500 MB a 1M-row import may use (registry README
 * "Measurements"). The pool caches pages that the file system (the OS page cache, or PGlite's in-memory file
 * system) holds anyway; a 100k-row import took the same CPU time with 16 MB (10.2 s) as with 128 MB (10.4 s).
 * PGlite serves one session, so slots for 100 connections would be unused.
 */
const MEMORY_SETTINGS = ["-c", "shared_buffers=16MB", "-c", "max_connections=8"];

const port = parentPort;
if (!port) throw new Error("pglite-host must run as a worker thread");

interface Host {
  stop(): Promise<void>;
  dump(path: string): Promise<void>;
}

async function startHost(options: PgliteHostOptions): Promise<Host> {
  const loadDataDir = options.loadFrom ? new Blob([await readFile(options.loadFrom)]) : undefined;
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    extensions: { pg_trgm, fuzzystrmatch },
    startParams: [...PGlite.defaultStartParams, ...MEMORY_SETTINGS],
  });
  // One connection: pglite-socket's multiplexer can stall when a transaction is open on another
  // connection, so the application's pool holds exactly one connection to the embedded engine.
  const server = new PGLiteSocketServer({ db, path: options.socketPath, maxConnections: 1 });
  await server.start();
  return {
    async stop() {
      await server.stop();
      await db.close();
    },
    async dump(path) {
      const tarball = await db.dumpDataDir("gzip");
      await writeFile(path, new Uint8Array(await tarball.arrayBuffer()));
    },
  };
}

try {
  const host = await startHost(workerData as PgliteHostOptions);
  const reportFailure = (error: unknown) => port.postMessage({ type: "error", message: String(error) });
  port.on("message", (message: { type: "stop" } | { type: "dump"; path: string }) => {
    if (message.type === "stop") {
      host.stop().then(() => port.postMessage({ type: "stopped" }), reportFailure);
    } else if (message.type === "dump") {
      host.dump(message.path).then(() => port.postMessage({ type: "dumped" }), reportFailure);
    }
  });
  port.postMessage({ type: "ready" });
} catch (error) {
  port.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
