/**
 * Single ownership of an embedded data directory. PGlite does not lock its files, and two processes writing
 * the same directory corrupt it; so the first process takes `renkou.lock` (created exclusively, holding its
 * pid) and a second one is refused with a clear message. A lock left by a process that no longer exists
 * (kill -9, power loss) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export const LOCK_FILE_NAME = "renkou.lock";

export class DataDirLockedError extends Error {
  override readonly name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${ownerPid} 使用；同一目录只能由一个 renkou 进程打开。\n` +
        `The data directory ${dataDir} is in use by process ${ownerPid}; only one renkou process may open it.`,
    );
  }
}

export interface DataDirLock {
  release(): void;
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return { release: () => releaseIfOwned(path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwnerPid(path);
      // The owner may be this very process (a second open of the same directory): refused as well.
      if (owner !== undefined && isProcessAlive(owner)) {
        throw new DataDirLockedError(dataDir, owner);
      }
      // Stale (owner gone) or unreadable half-written lock: remove it and try again.
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the lock ${path}`);
}

function readOwnerPid(path: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function releaseIfOwned(path: string): void {
  if (readOwnerPid(path) === process.pid) rmSync(path, { force: true });
}
