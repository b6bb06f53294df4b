import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from "./data-dir-lock.ts";

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), "renkou-lock-"));
}

describe("acquireDataDirLock", () => {
  it("writes this process's pid and removes the file on release", () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), "utf8").trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it("refuses a second lock on a directory held by a live process", () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    lock.release();
  });

  it("names the directory and the owning pid in both languages", () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    try {
      acquireDataDirLock(dir);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain(dir);
      expect((error as Error).message).toContain(String(process.pid));
      expect((error as Error).message).toMatch(/正被进程.*in use by process/s);
    } finally {
      lock.release();
    }
  });

  it("takes over a lock whose owner no longer exists", () => {
    const dir = freshDir();
    // pid_max on Linux is at most 2^22, so this pid cannot be alive.
    writeFileSync(join(dir, LOCK_FILE_NAME), "4999999\n");
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });

  it("takes over an empty, half-written lock file", () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), "");
    acquireDataDirLock(dir).release();
  });

  it("does not remove a lock that another process took after ours was released", () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    writeFileSync(join(dir, LOCK_FILE_NAME), "1\n"); // pid 1 took it over (simulated)
    lock.release();
    expect(readFileSync(join(dir, LOCK_FILE_NAME), "utf8").trim()).toBe("1");
  });
});
