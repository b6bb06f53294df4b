/**
 * Starts the embedded PostgreSQL (PGlite) on a worker thread and tells the caller where its Unix socket is.
 * The worker is TypeScript like the rest of the code, so it is bootstrapped through tsx's loader.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTypeScriptWorker } from "../../runtime/typescript-worker.ts";
import type { PgliteHostOptions } from "./pglite-host.ts";

/** pg connects to `${host}/.s.PGSQL.${port}` when host is a directory. */
const SOCKET_PORT = 5432;

export interface EmbeddedEngine {
  readonly socketDir: string;
  readonly port: number;
  /** Write the whole database as a gzip tarball (for cloning test templates). */
  dump(path: string): Promise<void>;
  stop(): Promise<void>;
  /** Called if the worker dies on its own; the database is then unusable. */
  onCrash(listener: (error: Error) => void): void;
}

export interface EmbeddedEngineOptions {
  /** Database directory; undefined = in memory. */
  readonly dataDir?: string | undefined;
  /** Tarball to initialise from (made by `dump`). */
  readonly loadFrom?: string | undefined;
}

export async function startEmbeddedEngine(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
  // Unix socket paths are limited to ~107 bytes, so the socket lives in a short temp dir, not the data dir.
  const socketDir = mkdtempSync(join(tmpdir(), "renkou-pg-"));
  const hostOptions: PgliteHostOptions = {
    dataDir: options.dataDir,
    loadFrom: options.loadFrom,
    socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`),
  };
  const worker = startTypeScriptWorker(new URL("./pglite-host.ts", import.meta.url), hostOptions);
  const crashListeners: Array<(error: Error) => void> = [];
  let stopping = false;

  const nextReply = (expected: string) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (message: { type: string; message?: string }) => {
        if (message.type !== expected && message.type !== "error") return;
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        if (message.type === "error") reject(new Error(`embedded PostgreSQL: ${message.message}`));
        else resolve();
      };
      const onExit = (code: number) => {
        worker.off("message", onMessage);
        reject(new Error(`embedded PostgreSQL worker exited (code ${code}) before answering`));
      };
      worker.on("message", onMessage);
      worker.once("exit", onExit);
    });

  try {
    await nextReply("ready");
  } catch (error) {
    await worker.terminate();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  worker.on("exit", (code) => {
    if (!stopping) {
      const error = new Error(`embedded PostgreSQL worker stopped unexpectedly (code ${code})`);
      for (const listener of crashListeners) listener(error);
    }
  });
  worker.on("error", (error) => {
    if (!stopping) for (const listener of crashListeners) listener(error);
  });

  return {
    socketDir,
    port: SOCKET_PORT,
    async dump(path) {
      const reply = nextReply("dumped");
      worker.postMessage({ type: "dump", path });
      await reply;
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      const reply = nextReply("stopped");
      worker.postMessage({ type: "stop" });
      try {
        await reply;
      } finally {
        await worker.terminate();
        rmSync(socketDir, { recursive: true, force: true });
      }
    },
    onCrash(listener) {
      crashListeners.push(listener);
    },
  };
}
