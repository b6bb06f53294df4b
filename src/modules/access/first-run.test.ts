/**
 * The first run of a real server process on an embedded data directory, end to end: the one-time setup link
 * on the terminal, the first system administrator made through it, sign-in with the second factor, the
 * setup closed afterwards, and `renkou audit verify --data-dir` after tampering.
 * Embedded-only by nature (a data directory), so skipped when the suite targets a server.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { testDatabasePlan } from "../../../test/support/database.ts";
import { runRenkou, startServerProcess, type ServerProcess } from "../../../test/support/server-process.ts";
import { startEmbeddedEngine } from "../../db/embedded/embedded-engine.ts";
import { openDatabase } from "../../db/open-database.ts";
import { decodeBase32 } from "./base32.ts";
import { generateTotp } from "./totp.ts";

const plan = testDatabasePlan();

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.skipIf(plan.kind === "server")("first run of a server process", { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "renkou-first-run-"));
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("prints a setup link, creates the first administrator through it, and verifies the audit trail", async () => {
    if (plan.kind !== "embedded") return;
    // A migrated data directory, as the first start would leave it (cloned: migrating from scratch takes a minute).
    const engine = await startEmbeddedEngine({ dataDir: join(dataDir, "pg"), loadFrom: plan.templateTarball });
    await engine.stop();

    server = await startServerProcess(["--data-dir", dataDir, "--no-demo", "--log-level", "warn"]);
    const link = await waitFor(() => /(http:\/\/127\.0\.0\.1:\d+\/setup\?token=[A-Za-z0-9_-]{43})/.exec(server!.output())?.[1], 20_000);
    const token = new URL(link).searchParams.get("token")!;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server!.url}/api/v1${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

    const { totpSecret } = (await (await post("/setup/totp", { token })).json()) as { totpSecret: string };
    const secret = decodeBase32(totpSecret);
    if (!secret.ok) throw new Error("bad secret");
    const setup = await post("/setup/complete", {
      token,
      username: "first.admin",
      password: "Setup-Secret-2025",
      totp: generateTotp(secret.value, new Date()),
      jurisdiction: "3704",
    });
    expect(setup.status).toBe(201);

    // The setup code's time step is used up; the next step's code is within the accepted drift.
    const login = await post("/auth/login", { username: "first.admin", password: "Setup-Secret-2025", totp: generateTotp(secret.value, new Date(Date.now() + 30_000)) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const overview = await fetch(`${server.url}/api/v1/overview`, { headers: { cookie } });
    expect(((await overview.json()) as { divisions: { county: number } }).divisions.county).toBeGreaterThan(2_900);
    expect(server.output()).not.toContain("Setup-Secret-2025");
    expect(await (await fetch(`${server.url}/api/v1/setup`)).json()).toEqual({ required: false });
    expect(await server.stop()).toBe(0);
    server = undefined;

    // (The intact case is tested in-process in cli.test.ts; here the command runs for real on the directory.)
    const database = await openDatabase({ kind: "embedded", dataDir });
    await sql`alter table audit_event disable trigger audit_event_no_update_or_delete`.execute(database.db);
    await sql`update audit_event set result = 'failure' where seq = 2`.execute(database.db);
    await database.close();
    const tampered = await runRenkou(["audit", "verify", "--data-dir", dataDir]);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toContain("Audit chain broken at entry 2");
  });
});
