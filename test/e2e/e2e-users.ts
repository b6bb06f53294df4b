/**
 * The accounts the browser tests sign in as, made by start-e2e-server.ts before the server starts and kept
 * in test-results/e2e-users.json (synthetic, valid for one run), and their current one-time codes.
 */
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { decodeBase32 } from "../../src/modules/access/base32.ts";
import { generateTotp } from "../../src/modules/access/totp.ts";

export const E2E_USERS_FILE = "test-results/e2e-users.json";

/** Everything the e2e server writes to standard output and error (start-e2e-server.ts). */
export const E2E_SERVER_LOG = "test-results/e2e-server.log";

/** The audit administrator's session, signed in once by sign-in.setup.ts for console.spec.ts and the audit checks. */
export const AUDITOR_SESSION = "test-results/e2e-auth/auditor.json";

/**
 * One account per administrator role, an analyst for the aggregate pages (surveillance.spec.ts) and a case
 * worker for 数据导入 (registry.spec.ts). Each signs in once per run (the server never accepts a TOTP code
 * twice, RFC 6238 §5.2); access.spec.ts makes another case worker itself, through the console.
 * Every account costs one `renkou user add` (several seconds) before the server starts, so there are no more
 * than needed.
 */
export const E2E_ACCOUNTS = [
  { username: "e2e_admin", role: "system_admin", jurisdiction: "3704" },
  { username: "e2e_security", role: "security_admin", jurisdiction: "3704" },
  { username: "e2e_auditor", role: "audit_admin", jurisdiction: "3704" },
  { username: "e2e_analyst", role: "analyst", jurisdiction: "3704" },
  { username: "e2e_caseworker", role: "case_worker", jurisdiction: "3704" },
] as const;

export type E2eUsername = (typeof E2E_ACCOUNTS)[number]["username"];

export interface E2eUser {
  readonly username: E2eUsername;
  readonly password: string;
  /** Base32, as `renkou user add --json` prints it. */
  readonly totpSecret: string;
}

export function readE2eUser(username: E2eUsername): E2eUser {
  const users = JSON.parse(readFileSync(E2E_USERS_FILE, "utf8")) as Record<string, E2eUser>;
  const user = users[username];
  if (user === undefined) throw new Error(`${E2E_USERS_FILE} has no user ${username}: is the server started by start-e2e-server.ts?`);
  return user;
}

/** The code an authenticator app enrolled with this base32 secret would show now (RFC 6238, as the server checks it). */
export function currentTotp(user: { readonly username: string; readonly totpSecret: string }): string {
  const secret = decodeBase32(user.totpSecret);
  if (!secret.ok) throw new Error(`bad TOTP secret for ${user.username}: ${secret.reason}`);
  return generateTotp(secret.value, new Date());
}

/**
 * Signs `user` in through the API. The server accepts each one-time code once (RFC 6238 §5.2), and accounts are
 * shared between specs, so a code another spec used in this 30-second step is refused: then wait for the next.
 */
export async function signInThroughApi(page: Page, user: E2eUser): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const response = await page.request.post("/api/v1/auth/login", {
      data: { username: user.username, password: user.password, totp: currentTotp(user) },
    });
    if (response.status() === 200) return;
    await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 500);
  }
  throw new Error(`${user.username} could not sign in`);
}
