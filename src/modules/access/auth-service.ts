/**
 * Signing in and out, and turning a session cookie back into an actor on every request.
 *
 * Sessions (DOMAIN.md §8: session timeout): a random 256-bit token in an HttpOnly cookie; the database keeps
 * only its SHA-256, with a CSRF token and the times. A session ends after 30 minutes without a request, after
 * 12 hours in any case, at sign-out, and when the account is disabled or its password or second factor is
 * reset. The last-seen time is written at most once a minute, so the idle limit is exact to a minute.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../../db/database.ts";
import { accessErrors } from "./access-errors.ts";
import { auditIdentity, type Actor } from "./actor.ts";
import type { AuditResult } from "./audit-chain.ts";
import { recordAudit } from "./audit-service.ts";
import { decodeBase32 } from "./base32.ts";
import { lockoutAfterFailure, type LoginGuard } from "./login-guard.ts";
import { checkPasswordRule, hashPassword, verifyPassword } from "./password-hash.ts";
import {
  deleteDeadSessions,
  deleteSession,
  deleteUserSessions,
  findActiveGrants,
  findSession,
  findUserById,
  findUserByUsername,
  insertSession,
  recordLoginFailure,
  recordLoginSuccess,
  touchSession,
  updateUser,
  type UserRow,
} from "./store.ts";
import { matchTotp } from "./totp.ts";

export const SESSION_POLICY = {
  idleTimeoutMs: 30 * 60_000,
  absoluteTimeoutMs: 12 * 60 * 60_000,
  touchAfterMs: 60_000,
} as const;

export const SESSION_COOKIE = "renkou_session";
export const CSRF_HEADER = "x-csrf-token";

export interface RequestContext {
  readonly now: Date;
  readonly clientAddress: string | null;
  /** Demo mode: no second factor, and demo users may sign in. */
  readonly demo: boolean;
}

/** The in-process parts of signing in: the guard, and the hash unknown user names are checked against. */
export interface SignInGuards {
  readonly guard: LoginGuard;
  /** A hash of a random password at the cost real hashes have, so an unknown user takes as long to refuse. */
  readonly decoyHash: Promise<string>;
}

export interface SignedIn {
  /** The cookie value; never stored. */
  readonly token: string;
  readonly actor: Actor;
}

const newToken = () => randomBytes(32).toString("base64url");
export const hashSessionToken = (token: string) => createHash("sha256").update(token).digest("hex");
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

type FailureCause = "password" | "totp" | "disabled" | "demo_user" | "locked" | "unknown_user";

/**
 * Checks user name, password and (outside demo mode) the one-time code, and opens a session. Every counted
 * attempt is audited with its cause; the caller only ever learns `invalid_credentials`, `account_locked`
 * or `too_many_attempts`.
 */
export async function signIn(
  db: Db,
  { guard, decoyHash }: SignInGuards,
  input: { readonly username: string; readonly password: string; readonly totp?: string | undefined },
  context: RequestContext,
): Promise<SignedIn> {
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const admission = guard.admit(context.clientAddress ?? "unknown", username, context.now);
  if (!admission.admitted) throw accessErrors.tooManyAttempts(Math.ceil(admission.retryAfterMs / 1000));

  const user = await findUserByUsername(db, username);
  const audit = (result: AuditResult, cause: FailureCause | null) =>
    recordAudit(
      db,
      {
        actorId: user?.id ?? null,
        actorUsername: username,
        actorRole: null,
        clientAddress: context.clientAddress,
        action: "auth.login",
        targetType: "user",
        targetId: user?.id ?? null,
        regionCode: null,
        result,
        detail: cause ? { cause, demo: context.demo } : { demo: context.demo },
      },
      context.now,
    );

  /** Counts the failure (locking at the limit), audits its cause, and throws the vague answer. */
  const refuse = async (cause: FailureCause): Promise<never> => {
    const state = user
      ? await recordLoginFailure(db, user.id, (failedLogins) => lockoutAfterFailure(failedLogins, context.now))
      : guard.recordUnknownUserFailure(username, context.now);
    await audit("failure", cause);
    if (state.lockedUntil) throw accessErrors.accountLocked(secondsUntil(state.lockedUntil, context.now));
    throw accessErrors.invalidCredentials();
  };

  const lockedUntil = user ? (user.lockedUntil && user.lockedUntil > context.now ? user.lockedUntil : undefined) : guard.unknownUserLockedUntil(username, context.now);
  if (lockedUntil) {
    await audit("denied", "locked");
    throw accessErrors.accountLocked(secondsUntil(lockedUntil, context.now));
  }

  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  const totpStep = user && !context.demo ? matchUserTotp(user, input.totp ?? "", context.now) : undefined;
  const cause: FailureCause | null = !user
    ? "unknown_user"
    : !passwordOk
      ? "password"
      : user.disabledAt
        ? "disabled"
        : user.isDemo && !context.demo
          ? "demo_user"
          : !context.demo && totpStep === undefined
            ? "totp"
            : null;

  if (cause !== null) await refuse(cause);
  const signedInUser = user!;
  if (!(await recordLoginSuccess(db, signedInUser.id, context.now, totpStep ?? null))) await refuse("totp"); // replayed in a race

  await deleteDeadSessions(
    db,
    new Date(context.now.getTime() - SESSION_POLICY.idleTimeoutMs),
    new Date(context.now.getTime() - SESSION_POLICY.absoluteTimeoutMs),
  );
  const token = newToken();
  const csrfToken = newToken();
  const idHash = hashSessionToken(token);
  await insertSession(db, { idHash, userId: signedInUser.id, csrfToken, at: context.now, clientAddress: context.clientAddress });
  await audit("success", null);
  const grants = await findActiveGrants(db, [signedInUser.id]);
  return {
    token,
    actor: {
      userId: signedInUser.id,
      username: signedInUser.username,
      displayName: signedInUser.displayName,
      grants,
      session: { idHash, csrfToken },
      demo: context.demo,
    },
  };
}

function matchUserTotp(user: UserRow, code: string, now: Date): number | undefined {
  const secret = decodeBase32(user.totpSecret);
  return secret.ok ? matchTotp(secret.value, code, now, { usedStep: user.totpLastStep }) : undefined;
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

export type SessionFailure = "no_session" | "session_expired";

/** The actor behind a session cookie, or why there is none. Ends sessions that ran out. */
export async function resolveSession(
  db: Db,
  token: string | undefined,
  context: Pick<RequestContext, "now" | "demo">,
): Promise<{ readonly ok: true; readonly actor: Actor } | { readonly ok: false; readonly reason: SessionFailure }> {
  if (token === undefined || !TOKEN_SHAPE.test(token)) return { ok: false, reason: "no_session" };
  const idHash = hashSessionToken(token);
  const session = await findSession(db, idHash);
  if (!session) return { ok: false, reason: "no_session" };
  const now = context.now.getTime();
  if (now - session.lastSeenAt.getTime() > SESSION_POLICY.idleTimeoutMs || now - session.createdAt.getTime() > SESSION_POLICY.absoluteTimeoutMs) {
    await deleteSession(db, idHash);
    return { ok: false, reason: "session_expired" };
  }
  const user = await findUserById(db, session.userId);
  if (!user || user.disabledAt || (user.isDemo && !context.demo)) {
    await deleteSession(db, idHash);
    return { ok: false, reason: "no_session" };
  }
  if (now - session.lastSeenAt.getTime() > SESSION_POLICY.touchAfterMs) await touchSession(db, idHash, context.now);
  return {
    ok: true,
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      grants: await findActiveGrants(db, [user.id]),
      session: { idHash, csrfToken: session.csrfToken },
      demo: context.demo,
    },
  };
}

/** Constant-time comparison of the request's CSRF header with the session's token. */
export function csrfTokenMatches(actor: Actor, header: string | string[] | undefined): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(actor.session.csrfToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function signOut(db: Db, actor: Actor, context: RequestContext): Promise<void> {
  await deleteSession(db, actor.session.idHash);
  await recordAudit(
    db,
    {
      ...auditIdentity({ kind: "user", actor, clientAddress: context.clientAddress }),
      action: "auth.logout",
      targetType: "user",
      targetId: actor.userId,
      regionCode: null,
      result: "success",
      detail: {},
    },
    context.now,
  );
}

/** The user's own password change; their other sessions end, this one stays. */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: { readonly currentPassword: string; readonly newPassword: string },
  context: RequestContext,
): Promise<void> {
  const user = await findUserById(db, actor.userId);
  if (!user) throw accessErrors.userNotFound();
  const facts = {
    ...auditIdentity({ kind: "user", actor, clientAddress: context.clientAddress }),
    action: "auth.password_change",
    targetType: "user",
    targetId: actor.userId,
    regionCode: null,
  };
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    await recordAudit(db, { ...facts, result: "failure", detail: { cause: "password" } }, context.now);
    throw accessErrors.currentPasswordWrong();
  }
  const rule = checkPasswordRule(input.newPassword, user.username);
  if (!rule.ok) throw accessErrors.passwordRule(rule.reason);
  await updateUser(db, user.id, { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: context.now });
  await deleteUserSessions(db, user.id, actor.session.idHash);
  await recordAudit(db, { ...facts, result: "success", detail: {} }, context.now);
}
