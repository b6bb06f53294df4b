/**
 * Test support: accounts and sessions made straight in the database (no HTTP sign-in, cheap password hash),
 * so route tests can act as any role in any jurisdiction in milliseconds.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "../../../db/database.ts";
import { hashSessionToken, SESSION_COOKIE } from "../auth-service.ts";
import { decodeBase32, encodeBase32 } from "../base32.ts";
import { hashPassword } from "../password-hash.ts";
import type { Role } from "../roles.ts";
import { insertGrant, insertSession, insertUser } from "../store.ts";
import { createTotpSecret, generateTotp } from "../totp.ts";

export const TEST_PASSWORD = "Test-Password-2024";
/** Far below production cost (ln=15), to keep tests fast; verification reads the cost from the hash. */
export const TEST_SCRYPT_COST = { ln: 4, r: 8, p: 1 };
let cheapHash: Promise<string> | undefined;

export interface TestGrant {
  readonly role: Role;
  readonly jurisdiction: string;
  readonly facility?: string;
}

export interface TestUser {
  readonly id: string;
  readonly username: string;
  readonly totpSecret: string;
  /** The current one-time code (or the one at `at`). */
  totp(at?: Date): string;
}

export interface SignedInUser extends TestUser {
  readonly csrfToken: string;
  /** `cookie` and `x-csrf-token` headers for app.inject. */
  readonly headers: { readonly cookie: string; readonly "x-csrf-token": string };
}

/** An account with TEST_PASSWORD and the given grants. */
export async function createTestUser(db: Db, grants: readonly TestGrant[], options: { username?: string; demo?: boolean } = {}): Promise<TestUser> {
  cheapHash ??= hashPassword(TEST_PASSWORD, TEST_SCRYPT_COST);
  const totpSecret = encodeBase32(createTotpSecret());
  const username = options.username ?? `t_${grants[0]?.role ?? "nobody"}_${randomBytes(4).toString("hex")}`;
  const id = await insertUser(db, { username, displayName: "", passwordHash: await cheapHash, totpSecret, isDemo: options.demo ?? false });
  for (const grant of grants) {
    await insertGrant(db, { userId: id, role: grant.role, jurisdiction: grant.jurisdiction, facility: grant.facility ?? null, grantedBy: "test" });
  }
  const secret = decodeBase32(totpSecret);
  return {
    id,
    username,
    totpSecret,
    totp: (at = new Date()) => (secret.ok ? generateTotp(secret.value, at) : ""),
  };
}

/** An account with a session opened at `at` (default now). */
export async function createSignedInUser(
  db: Db,
  grants: readonly TestGrant[],
  options: { username?: string; at?: Date; demo?: boolean } = {},
): Promise<SignedInUser> {
  const user = await createTestUser(db, grants, options);
  return { ...user, ...(await openTestSession(db, user.id, options.at)) };
}

/** A new session for an existing account. */
export async function openTestSession(db: Db, userId: string, at: Date = new Date()): Promise<Pick<SignedInUser, "csrfToken" | "headers">> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  await insertSession(db, { idHash: hashSessionToken(token), userId, csrfToken, at, clientAddress: "127.0.0.1" });
  return { csrfToken, headers: { cookie: `${SESSION_COOKIE}=${token}`, "x-csrf-token": csrfToken } };
}
