/**
 * SQL for the access module: users and grants, sessions, the setup token (migration 0021), the audit trail
 * (0022) and the row-level-security settings of a transaction (0020).
 */
import { sql, type Selectable, type Transaction } from "kysely";
import type { Db } from "../../db/database.ts";
import type { DatabaseSchema } from "../../db/schema.ts";
import { chainAuditEntry, type AuditFacts, type ChainedAuditEntry } from "./audit-chain.ts";
import type { LockoutState } from "./login-guard.ts";
import type { AuditEventTable, AuditQuery } from "./model.ts";
import type { GrantScope, Role } from "./roles.ts";

// ---- users ----

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly totpSecret: string;
  readonly totpLastStep: number | null;
  readonly isDemo: boolean;
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
  readonly disabledAt: Date | null;
  readonly createdAt: Date;
  readonly lastLoginAt: Date | null;
}

const USER_COLUMNS = [
  "id",
  "username",
  "display_name",
  "password_hash",
  "totp_secret",
  "totp_last_step",
  "is_demo",
  "failed_logins",
  "locked_until",
  "disabled_at",
  "created_at",
  "last_login_at",
] as const;

type UserColumns = {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  totp_secret: string;
  totp_last_step: number | null;
  is_demo: boolean;
  failed_logins: number;
  locked_until: Date | null;
  disabled_at: Date | null;
  created_at: Date;
  last_login_at: Date | null;
};

function toUserRow(row: UserColumns): UserRow {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpLastStep: row.totp_last_step,
    isDemo: row.is_demo,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

export async function insertUser(
  db: Db,
  user: { username: string; displayName: string; passwordHash: string; totpSecret: string; isDemo: boolean },
): Promise<string> {
  const row = await db
    .insertInto("app_user")
    .values({
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      totp_secret: user.totpSecret,
      is_demo: user.isDemo,
      totp_last_step: null,
      locked_until: null,
      disabled_at: null,
      last_login_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom("app_user").select(USER_COLUMNS).where("username", "=", username).executeTakeFirst();
  return row ? toUserRow(row) : undefined;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const row = await db.selectFrom("app_user").select(USER_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toUserRow(row) : undefined;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  const rows = await db.selectFrom("app_user").select(USER_COLUMNS).orderBy("username").execute();
  return rows.map(toUserRow);
}

/**
 * Counts one more failed sign-in, atomically: the row is locked while `next` computes the new state from
 * the current count, so parallel attempts cannot each read the same count and slip past the lockout.
 */
export async function recordLoginFailure(
  db: Db,
  userId: string,
  next: (failedLogins: number) => LockoutState,
): Promise<LockoutState> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("app_user").select("failed_logins").where("id", "=", userId).forUpdate().executeTakeFirstOrThrow();
    const state = next(row.failed_logins);
    await trx.updateTable("app_user").set({ failed_logins: state.failedLogins, locked_until: state.lockedUntil }).where("id", "=", userId).execute();
    return state;
  });
}

/**
 * Records a successful sign-in. With a TOTP step it succeeds only if the step is later than the last one
 * used, in the same statement, so two requests racing with one code cannot both sign in (false then).
 */
export async function recordLoginSuccess(db: Db, userId: string, at: Date, totpStep: number | null): Promise<boolean> {
  let query = db
    .updateTable("app_user")
    .set((eb) => ({
      failed_logins: 0,
      locked_until: null,
      last_login_at: at,
      totp_last_step: totpStep ?? eb.ref("totp_last_step"),
    }))
    .where("id", "=", userId);
  if (totpStep !== null) {
    query = query.where((eb) => eb.or([eb("totp_last_step", "is", null), eb("totp_last_step", "<", totpStep)]));
  }
  const result = await query.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function updateUser(
  db: Db,
  userId: string,
  change: Partial<{
    disabledAt: Date | null;
    /** A new secret also forgets the last used step. */
    totpSecret: string;
    totpLastStep: number;
    passwordHash: string;
    passwordChangedAt: Date;
    unlocked: true;
  }>,
): Promise<void> {
  await db
    .updateTable("app_user")
    .set({
      ...(change.disabledAt !== undefined ? { disabled_at: change.disabledAt } : {}),
      ...(change.totpSecret !== undefined ? { totp_secret: change.totpSecret, totp_last_step: null } : {}),
      ...(change.totpLastStep !== undefined ? { totp_last_step: change.totpLastStep } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
      ...(change.passwordChangedAt !== undefined ? { password_changed_at: change.passwordChangedAt } : {}),
      ...(change.unlocked ? { failed_logins: 0, locked_until: null } : {}),
    })
    .where("id", "=", userId)
    .execute();
}

/** Enabled system administrators that are not demo users: the first-run setup is needed while there are none. */
export async function countSystemAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom("role_grant")
    .innerJoin("app_user", "app_user.id", "role_grant.user_id")
    .select((eb) => eb.fn.count<number>("app_user.id").distinct().as("count"))
    .where("role_grant.role", "=", "system_admin")
    .where("role_grant.revoked_at", "is", null)
    .where("app_user.disabled_at", "is", null)
    .where("app_user.is_demo", "=", false)
    .executeTakeFirstOrThrow();
  return row.count;
}

// ---- grants ----

export interface GrantRow extends GrantScope {
  readonly id: string;
  readonly userId: string;
  readonly grantedAt: Date;
}

export async function findActiveGrants(db: Db, userIds: readonly string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom("role_grant")
    .select(["id", "user_id", "role", "jurisdiction", "facility", "granted_at"])
    .where("user_id", "in", userIds)
    .where("revoked_at", "is", null)
    .orderBy("granted_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    userId: row.user_id,
    role: row.role,
    jurisdiction: row.jurisdiction,
    facility: row.facility,
    grantedAt: row.granted_at,
  }));
}

export async function insertGrant(
  db: Db,
  grant: { userId: string; role: Role; jurisdiction: string; facility: string | null; grantedBy: string },
): Promise<string> {
  const row = await db
    .insertInto("role_grant")
    .values({
      user_id: grant.userId,
      role: grant.role,
      jurisdiction: grant.jurisdiction,
      facility: grant.facility,
      granted_by: grant.grantedBy,
      revoked_at: null,
      revoked_by: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Revokes an active grant of the user; false when there is none with that id. */
export async function revokeGrant(db: Db, userId: string, grantId: string, revokedBy: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("role_grant")
    .set({ revoked_at: at, revoked_by: revokedBy })
    .where("id", "=", grantId)
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function divisionExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom("division").select("code").where("code", "=", code).executeTakeFirst();
  return row !== undefined;
}

// ---- sessions ----

export interface SessionRow {
  readonly idHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
}

export async function insertSession(
  db: Db,
  session: { idHash: string; userId: string; csrfToken: string; at: Date; clientAddress: string | null },
): Promise<void> {
  await db
    .insertInto("app_session")
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.at,
      last_seen_at: session.at,
      client_address: session.clientAddress,
    })
    .execute();
}

export async function findSession(db: Db, idHash: string): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom("app_session")
    .select(["id_hash", "user_id", "csrf_token", "created_at", "last_seen_at"])
    .where("id_hash", "=", idHash)
    .executeTakeFirst();
  return row
    ? { idHash: row.id_hash, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.created_at, lastSeenAt: row.last_seen_at }
    : undefined;
}

export async function touchSession(db: Db, idHash: string, at: Date): Promise<void> {
  await db.updateTable("app_session").set({ last_seen_at: at }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom("app_session").where("id_hash", "=", idHash).execute();
}

/** Ends every session of the user, except the one whose hash is `keepIdHash`. */
export async function deleteUserSessions(db: Db, userId: string, keepIdHash?: string): Promise<void> {
  let query = db.deleteFrom("app_session").where("user_id", "=", userId);
  if (keepIdHash !== undefined) query = query.where("id_hash", "<>", keepIdHash);
  await query.execute();
}

/** Housekeeping: sessions idle since before `idleBefore` or created before `createdBefore` are dead anyway. */
export async function deleteDeadSessions(db: Db, idleBefore: Date, createdBefore: Date): Promise<void> {
  await db
    .deleteFrom("app_session")
    .where((eb) => eb.or([eb("last_seen_at", "<", idleBefore), eb("created_at", "<", createdBefore)]))
    .execute();
}

// ---- first-run setup ----

export async function insertSetupToken(db: Db, token: { tokenHash: string; at: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto("setup_token")
    .values({ token_hash: token.tokenHash, created_at: token.at, expires_at: token.expiresAt, totp_secret: null, used_at: null })
    .execute();
}

/** Unused, unexpired setup tokens stop working when a new one is made: only the latest printed link works. */
export async function expireSetupTokens(db: Db, at: Date): Promise<void> {
  await db.updateTable("setup_token").set({ expires_at: at }).where("used_at", "is", null).where("expires_at", ">", at).execute();
}

export async function findUsableSetupToken(
  db: Db,
  tokenHash: string,
  at: Date,
): Promise<{ readonly totpSecret: string | null } | undefined> {
  const row = await db
    .selectFrom("setup_token")
    .select("totp_secret")
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return row ? { totpSecret: row.totp_secret } : undefined;
}

export async function setSetupTotpSecret(db: Db, tokenHash: string, totpSecret: string): Promise<void> {
  await db.updateTable("setup_token").set({ totp_secret: totpSecret }).where("token_hash", "=", tokenHash).execute();
}

/** Marks the token used; false when it was used or expired meanwhile (two setup pages racing). */
export async function useSetupToken(db: Db, tokenHash: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("setup_token")
    .set({ used_at: at, totp_secret: null })
    .where("token_hash", "=", tokenHash)
    .where("used_at", "is", null)
    .where("expires_at", ">", at)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// ---- audit trail ----

// Any constant works, as long as every renkou process on a server uses the same (see migrate.ts for another).
const AUDIT_CHAIN_LOCK_KEY = 7_310_244_602;

/**
 * Appends one entry to the hash chain. Inside `trx` it takes a transaction-scoped advisory lock, reads the
 * chain head and inserts the next entry, so appends from many connections form one line: the lock is held
 * to commit, and the next appender reads the head only after it. Append last in a transaction, to hold
 * the lock briefly.
 */
export async function appendAuditEntry(trx: Transaction<DatabaseSchema>, facts: AuditFacts, at: Date): Promise<ChainedAuditEntry> {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
  const head = await trx.selectFrom("audit_event").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const entry = chainAuditEntry(head, facts, at);
  await trx
    .insertInto("audit_event")
    .values({
      seq: entry.seq,
      at: entry.at,
      actor_id: entry.actorId,
      actor_username: entry.actorUsername,
      actor_role: entry.actorRole,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      region_code: entry.regionCode,
      result: entry.result,
      client_address: entry.clientAddress,
      detail: JSON.stringify(entry.detail),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
  return entry;
}

/** Every column of an audit entry, in the order exports list them. */
export const AUDIT_COLUMNS = [
  "seq",
  "at",
  "actor_id",
  "actor_username",
  "actor_role",
  "action",
  "target_type",
  "target_id",
  "region_code",
  "result",
  "client_address",
  "detail",
  "prev_hash",
  "hash",
] as const;

type AuditColumns = Selectable<AuditEventTable>;

function toAuditEntry(row: AuditColumns): ChainedAuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorUsername: row.actor_username,
    actorRole: row.actor_role,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    regionCode: row.region_code,
    result: row.result,
    clientAddress: row.client_address,
    detail: row.detail,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * Audit entries matching the filters, newest first. `regionPrefixes` limits them to entries about those
 * jurisdictions plus entries about no division (sign-ins, account changes); null means no limit.
 */
export async function searchAuditEntries(
  db: Db,
  filters: AuditQuery & { readonly before?: number | undefined; readonly limit: number },
  regionPrefixes: readonly string[] | null,
): Promise<ChainedAuditEntry[]> {
  let query = db.selectFrom("audit_event").select(AUDIT_COLUMNS).orderBy("seq", "desc").limit(filters.limit);
  if (filters.before !== undefined) query = query.where("seq", "<", filters.before);
  if (filters.from !== undefined) query = query.where("at", ">=", new Date(filters.from));
  if (filters.to !== undefined) query = query.where("at", "<", new Date(filters.to));
  if (filters.actor !== undefined) query = query.where("actor_username", "=", filters.actor.toLowerCase());
  if (filters.action !== undefined) query = query.where(sql<boolean>`starts_with(action, ${filters.action})`);
  if (filters.result !== undefined) query = query.where("result", "=", filters.result);
  if (filters.targetType !== undefined) query = query.where("target_type", "=", filters.targetType);
  if (filters.targetId !== undefined) query = query.where("target_id", "=", filters.targetId);
  if (regionPrefixes !== null) {
    query = query.where(
      sql<boolean>`(region_code is null or exists (select 1 from unnest(${[...regionPrefixes]}::text[]) as prefix where starts_with(region_code, prefix)))`,
    );
  }
  const rows = await query.execute();
  return rows.map(toAuditEntry);
}

/** Every entry in chain order, read a page at a time (the trail can be long). */
export async function* readAuditChain(db: Db, pageSize = 2_000): AsyncGenerator<ChainedAuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await db.selectFrom("audit_event").select(AUDIT_COLUMNS).where("seq", ">", after).orderBy("seq").limit(pageSize).execute();
    for (const row of rows) yield toAuditEntry(row);
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.seq;
  }
}

// ---- row-level security ----

/**
 * Makes the rest of the transaction run as renkou_app with `renkou.jurisdiction` set to the prefixes, so
 * the policies of renkou_protect_personal_table (migration 0020) apply. Both settings end with the
 * transaction. Prefixes must be validated division codes (digits only); none means no rows at all.
 */
export async function enterJurisdiction(trx: Transaction<DatabaseSchema>, prefixes: readonly string[]): Promise<void> {
  for (const prefix of prefixes) {
    if (!/^[0-9]{2,12}$/.test(prefix)) throw new Error(`not a division-code prefix: ${prefix}`);
  }
  await sql`select set_config('renkou.jurisdiction', ${prefixes.join(",")}, true)`.execute(trx);
  await sql`set local role renkou_app`.execute(trx);
}
