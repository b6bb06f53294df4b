/**
 * Account administration: the system administrator creates, disables and resets accounts; the security
 * administrator adds and revokes grants (roles.ts explains the separation). The command line (`renkou user
 * …`) calls the same functions as a trusted operator. Each call writes exactly one audit entry, success or
 * failure, in the same transaction as the change.
 */
import type { Transaction } from "kysely";
import type { Db } from "../../db/database.ts";
import type { DatabaseSchema } from "../../db/schema.ts";
import { AppError } from "../../http/app-error.ts";
import { isWithinJurisdiction, parseDivisionCode } from "../../kernel/divisions.ts";
import { accessErrors } from "./access-errors.ts";
import { auditIdentity, requirePermission, type Operator } from "./actor.ts";
import type { AuditDetail } from "./audit-chain.ts";
import { recordAudit } from "./audit-service.ts";
import { encodeBase32 } from "./base32.ts";
import { Username, type CreatedUser, type Grant, type GrantRequest, type TotpEnrolment, type User } from "./model.ts";
import { checkPasswordRule, hashPassword } from "./password-hash.ts";
import { checkGrant, jurisdictionsWith, type GrantScope, type Permission } from "./roles.ts";
import {
  deleteUserSessions,
  divisionExists,
  findActiveGrants,
  findUserById,
  findUserByUsername,
  insertGrant,
  insertUser,
  listUsers,
  revokeGrant as revokeGrantRow,
  updateUser,
  type GrantRow,
  type UserRow,
} from "./store.ts";
import { createTotpSecret, otpauthUri } from "./totp.ts";

export const TOTP_ISSUER = "renkou";

interface AuditTarget {
  readonly action: string;
  readonly targetId: string | null;
  readonly regionCode?: string | null;
}

/**
 * Runs `work` in a transaction and records its outcome: success with the detail it returns, or — when it
 * throws an expected error — a `denied` (403) or `failure` entry naming the error code, then rethrows.
 */
async function audited<T>(
  db: Db,
  operator: Operator,
  permission: Permission | undefined,
  target: AuditTarget,
  now: Date,
  work: (trx: Transaction<DatabaseSchema>) => Promise<{ readonly value: T; readonly detail?: AuditDetail; readonly regionCode?: string | null }>,
): Promise<T> {
  const facts = { ...auditIdentity(operator, permission), action: target.action, targetType: "user", targetId: target.targetId };
  try {
    return await db.transaction().execute(async (trx) => {
      const outcome = await work(trx);
      const regionCode = outcome.regionCode ?? target.regionCode ?? null;
      await recordAudit(trx, { ...facts, regionCode, result: "success", detail: outcome.detail ?? {} }, now);
      return outcome.value;
    });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const result = error.status === 403 ? "denied" : "failure";
      await recordAudit(db, { ...facts, regionCode: target.regionCode ?? null, result, detail: { code: error.code } }, now);
    }
    throw error;
  }
}

function toGrant(row: GrantRow): Grant {
  return { id: row.id, role: row.role, jurisdiction: row.jurisdiction, facility: row.facility, grantedAt: row.grantedAt.toISOString() };
}

function toUser(row: UserRow, grants: readonly GrantRow[], now: Date): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    disabled: row.disabledAt !== null,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    demo: row.isDemo,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    grants: grants.map(toGrant),
  };
}

/** Whether every grant of a user lies inside the operator's jurisdictions for `permission` (no grants: yes). */
function withinOperatorScope(operator: Operator, permission: Permission, grants: readonly GrantScope[]): boolean {
  if (operator.kind === "cli") return true;
  const scope = jurisdictionsWith(operator.actor.grants, permission);
  return grants.every((grant) => scope.some((prefix) => isWithinJurisdiction(grant.jurisdiction, prefix)));
}

/**
 * The user an operation is about, after the operator's checks: the permission, not their own account, and
 * the user inside their jurisdiction (otherwise "no such user", as the user list would say).
 */
async function loadTarget(db: Db, operator: Operator, permission: Permission, userId: string): Promise<{ user: UserRow; grants: GrantRow[] }> {
  if (operator.kind === "user") requirePermission(operator.actor, permission);
  const user = await findUserById(db, userId);
  if (!user) throw accessErrors.userNotFound();
  const grants = await findActiveGrants(db, [userId]);
  if (operator.kind === "user") {
    if (operator.actor.userId === userId) throw accessErrors.ownAccount();
    if (!withinOperatorScope(operator, permission, grants)) throw accessErrors.userNotFound();
  }
  return { user, grants };
}

function enrolmentFor(username: string, secret: string): TotpEnrolment {
  return { totpSecret: secret, otpauthUri: otpauthUri({ issuer: TOTP_ISSUER, account: username, secretBase32: secret }) };
}

async function validGrantScope(db: Db, existing: readonly GrantScope[], request: GrantRequest): Promise<GrantScope> {
  const parsed = parseDivisionCode(request.jurisdiction);
  if (!parsed.ok || !(await divisionExists(db, parsed.value.code))) throw accessErrors.unknownJurisdiction(request.jurisdiction);
  const candidate: GrantScope = { role: request.role, jurisdiction: parsed.value.code, facility: request.facility ?? null };
  const rule = checkGrant(existing, candidate);
  if (!rule.ok) throw accessErrors.grantRule(rule.reason);
  return candidate;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  /** The command line creates an account with its first grant; over HTTP the security administrator adds grants. */
  readonly grant?: GrantRequest | undefined;
  readonly demo?: boolean;
}

/** Creates an account with a fresh TOTP secret, returned once for enrolment. */
export async function createUser(db: Db, operator: Operator, input: NewUser, now: Date): Promise<CreatedUser> {
  const username = input.username.trim().toLowerCase();
  return audited(db, operator, "users.manage", { action: "user.create", targetId: null, regionCode: input.grant?.jurisdiction ?? null }, now, async (trx) => {
    if (operator.kind === "user") {
      requirePermission(operator.actor, "users.manage");
      if (input.grant) throw accessErrors.forbidden();
    }
    if (!Username.safeParse(username).success) throw usernameInvalid();
    const rule = checkPasswordRule(input.password, username);
    if (!rule.ok) throw accessErrors.passwordRule(rule.reason);
    if (await findUserByUsername(trx, username)) throw accessErrors.usernameTaken();
    const grant = input.grant ? await validGrantScope(trx, [], input.grant) : undefined;
    const totpSecret = encodeBase32(createTotpSecret());
    const id = await insertUser(trx, {
      username,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(input.password),
      totpSecret,
      isDemo: input.demo ?? false,
    });
    if (grant) await insertGrant(trx, { userId: id, ...grant, grantedBy: auditIdentity(operator).actorUsername ?? "unknown" });
    return {
      value: { id, username, ...enrolmentFor(username, totpSecret) },
      detail: { username, ...(grant ? { role: grant.role, jurisdiction: grant.jurisdiction } : {}) },
      regionCode: grant?.jurisdiction ?? null,
    };
  });
}

function usernameInvalid() {
  return new AppError("username_invalid", 400, {
    zh: "用户名须为 3–64 个字符：小写字母、数字、点、下划线或连字符",
    en: "A user name has 3–64 characters: lower-case letters, digits, '.', '_' or '-'",
  });
}

/** Accounts the operator may see: those whose grants all lie inside the operator's jurisdiction. */
export async function listUsersFor(db: Db, operator: Operator, now: Date): Promise<User[]> {
  if (operator.kind === "user") requirePermission(operator.actor, "users.read");
  const users = await listUsers(db);
  const grants = await findActiveGrants(db, users.map((user) => user.id));
  return users
    .map((user) => ({ user, grants: grants.filter((grant) => grant.userId === user.id) }))
    .filter(({ grants: userGrants }) => withinOperatorScope(operator, "users.read", userGrants))
    .map(({ user, grants: userGrants }) => toUser(user, userGrants, now));
}

/** The id of the account with this user name (command line). */
export async function getUserIdByUsername(db: Db, username: string): Promise<string> {
  const user = await findUserByUsername(db, username.trim().toLowerCase());
  if (!user) throw accessErrors.userNotFound();
  return user.id;
}

/** Disabling ends the user's sessions at once. */
export async function setUserDisabled(db: Db, operator: Operator, userId: string, disabled: boolean, now: Date): Promise<void> {
  const action = disabled ? "user.disable" : "user.enable";
  await audited(db, operator, "users.manage", { action, targetId: userId }, now, async (trx) => {
    await loadTarget(trx, operator, "users.manage", userId);
    await updateUser(trx, userId, { disabledAt: disabled ? now : null });
    if (disabled) await deleteUserSessions(trx, userId);
    return { value: undefined };
  });
}

/** A new TOTP secret (the old authenticator entry stops working); the user's sessions end. */
export async function resetUserTotp(db: Db, operator: Operator, userId: string, now: Date): Promise<TotpEnrolment> {
  return audited(db, operator, "users.manage", { action: "user.reset_totp", targetId: userId }, now, async (trx) => {
    const { user } = await loadTarget(trx, operator, "users.manage", userId);
    const totpSecret = encodeBase32(createTotpSecret());
    await updateUser(trx, userId, { totpSecret });
    await deleteUserSessions(trx, userId);
    return { value: enrolmentFor(user.username, totpSecret) };
  });
}

/** Sets a password chosen by the administrator (to hand over in person); ends sessions and any lockout. */
export async function resetUserPassword(db: Db, operator: Operator, userId: string, password: string, now: Date): Promise<void> {
  await audited(db, operator, "users.manage", { action: "user.reset_password", targetId: userId }, now, async (trx) => {
    const { user } = await loadTarget(trx, operator, "users.manage", userId);
    const rule = checkPasswordRule(password, user.username);
    if (!rule.ok) throw accessErrors.passwordRule(rule.reason);
    await updateUser(trx, userId, { passwordHash: await hashPassword(password), passwordChangedAt: now, unlocked: true });
    await deleteUserSessions(trx, userId);
    return { value: undefined };
  });
}

export async function unlockUser(db: Db, operator: Operator, userId: string, now: Date): Promise<void> {
  await audited(db, operator, "users.manage", { action: "user.unlock", targetId: userId }, now, async (trx) => {
    await loadTarget(trx, operator, "users.manage", userId);
    await updateUser(trx, userId, { unlocked: true });
    return { value: undefined };
  });
}

/** Adds a grant inside the security administrator's jurisdiction; it applies from the user's next request. */
export async function addGrant(db: Db, operator: Operator, userId: string, request: GrantRequest, now: Date): Promise<Grant> {
  return audited(db, operator, "grants.manage", { action: "grant.add", targetId: userId, regionCode: request.jurisdiction }, now, async (trx) => {
    const { grants } = await loadTarget(trx, operator, "grants.manage", userId);
    const candidate = await validGrantScope(trx, grants, request);
    if (!withinOperatorScope(operator, "grants.manage", [candidate])) throw accessErrors.outsideJurisdiction();
    const grantedBy = auditIdentity(operator).actorUsername ?? "unknown";
    const id = await insertGrant(trx, { userId, ...candidate, grantedBy });
    const [row] = (await findActiveGrants(trx, [userId])).filter((grant) => grant.id === id);
    return {
      value: toGrant(row!),
      detail: { grantId: id, role: candidate.role, jurisdiction: candidate.jurisdiction, facility: candidate.facility },
      regionCode: candidate.jurisdiction,
    };
  });
}

export async function revokeGrant(db: Db, operator: Operator, userId: string, grantId: string, now: Date): Promise<void> {
  await audited(db, operator, "grants.manage", { action: "grant.revoke", targetId: userId }, now, async (trx) => {
    const { grants } = await loadTarget(trx, operator, "grants.manage", userId);
    const grant = grants.find((candidate) => candidate.id === grantId);
    if (!grant || !(await revokeGrantRow(trx, userId, grantId, auditIdentity(operator).actorUsername ?? "unknown", now))) {
      throw accessErrors.grantNotFound();
    }
    return { value: undefined, detail: { grantId, role: grant.role, jurisdiction: grant.jurisdiction }, regionCode: grant.jurisdiction };
  });
}
