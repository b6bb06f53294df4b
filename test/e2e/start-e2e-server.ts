/**
 * The server the browser tests run against (playwright.config.ts `webServer`), started with
 * `node --import tsx test/e2e/start-e2e-server.ts`: a fresh embedded database, one account per role the
 * specs need — made with `renkou user add` as an operator would, each password read from standard input —
 * their passwords and TOTP secrets in test-results/e2e-users.json, a small synthetic city imported
 * (seed-e2e-city.ts), then `renkou start` in the foreground with everything it writes also kept in
 * test-results/e2e-server.log for the log check (log-privacy.check.ts).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { E2E_ACCOUNTS, E2E_SERVER_LOG, E2E_USERS_FILE, type E2eUser } from "./e2e-users.ts";
import { seedE2eCity } from "./seed-e2e-city.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const renkou = fileURLToPath(new URL("../../bin/renkou", import.meta.url));
const dataDir = "test-results/e2e-data";
const port = process.env.E2E_PORT ?? "8181";

/** A password the rule accepts: lower and upper case, digits, a hyphen; never containing the user name. */
function newPassword(): string {
  return `E2e-${randomBytes(12).toString("base64url")}-7a`;
}

function addUser(account: (typeof E2E_ACCOUNTS)[number]): E2eUser {
  const password = newPassword();
  const args = ["user", "add", "--username", account.username, "--role", account.role, "--jurisdiction", account.jurisdiction];
  const added = spawnSync(process.execPath, [renkou, ...args, "--password-stdin", "--json", "--data-dir", dataDir], {
    cwd: root,
    input: `${password}\n`,
    encoding: "utf8",
  });
  if (added.status !== 0) throw new Error(`renkou user add ${account.username} failed (${added.status}): ${added.stderr}`);
  const lastLine = added.stdout.trim().split("\n").at(-1) ?? "";
  const { totp_secret: totpSecret } = JSON.parse(lastLine) as { totp_secret: string };
  return { username: account.username, password, totpSecret };
}

rmSync(`${root}${dataDir}`, { recursive: true, force: true });
mkdirSync(`${root}${dataDir}`, { recursive: true });
const users = Object.fromEntries(E2E_ACCOUNTS.map((account) => [account.username, addUser(account)]));
writeFileSync(`${root}${E2E_USERS_FILE}`, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });

const seeded = await seedE2eCity(root, dataDir);
process.stderr.write(`e2e city: ${seeded.batches} batches, ${seeded.rows} rows imported\n`);

const log = createWriteStream(`${root}${E2E_SERVER_LOG}`, { mode: 0o600 });
const server = spawn(process.execPath, [renkou, "start", "--port", port, "--data-dir", dataDir, "--no-demo"], {
  cwd: root,
  stdio: ["ignore", "pipe", "pipe"],
});
server.stdout.pipe(log);
server.stderr.on("data", (chunk: Buffer) => {
  log.write(chunk);
  process.stderr.write(chunk);
});
// Playwright stops the web server with a signal: pass it on, and leave with the server's exit code.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 0)));
