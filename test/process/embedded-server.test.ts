/**
 * Process-level guarantees of the embedded default: one owner per data directory, graceful shutdown, and a
 * restart that finds its data intact. Embedded-only by nature, so skipped when the suite targets a server.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabasePlan } from "../support/database.ts";
import { runRenkou, startServerProcess, type ServerProcess } from "../support/server-process.ts";

function testDatabasePlanKind() {
  return testDatabasePlan().kind;
}

describe.skipIf(testDatabasePlanKind() === "server")("embedded server process", { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "renkou-process-"));
  let first: ServerProcess | undefined;

  beforeAll(async () => {
    first = await startServerProcess(["--data-dir", dataDir, "--no-demo", "--log-level", "warn"]);
  }, 120_000);
  afterAll(async () => {
    await first?.stop();
  });

  it("answers /health", async () => {
    const response = await fetch(`${first!.url}/health`);
    expect(response.status).toBe(200);
  });

  it("refuses a second process on the same data directory with a clear message, exit code 1", async () => {
    const second = await runRenkou(["start", "--data-dir", dataDir, "--port", "0", "--no-demo"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`in use by process ${first!.child.pid}`);
    expect(second.stderr).toContain(dataDir);
  });

  it("keeps the first process serving after the refusal", async () => {
    const response = await fetch(`${first!.url}/api/v1/meta`);
    expect(response.status).toBe(200);
  });

  it("also refuses `renkou migrate` on a directory in use", async () => {
    const migrate = await runRenkou(["migrate", "--data-dir", dataDir]);
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toContain("in use by process");
  });

  it("shuts down on SIGTERM with exit code 0, and restarts on the same directory with its data", async () => {
    expect(await first!.stop()).toBe(0);
    first = await startServerProcess(["--data-dir", dataDir, "--no-demo", "--log-level", "warn"]);
    const response = await fetch(`${first.url}/api/v1/meta`);
    expect(response.status).toBe(200);
  });

  it("finds every migration applied after the restart", async () => {
    await first!.stop();
    first = undefined;
    const migrate = await runRenkou(["migrate", "--data-dir", dataDir, "--json"]);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(JSON.parse(migrate.stdout.trim().split("\n").at(-1)!)).toMatchObject({ applied: [] });
  });
});
