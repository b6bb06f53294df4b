/**
 * The sign-in policy (DOMAIN.md §8: lockout, rate limits) and the in-process half of it.
 * - Lockout: 5 failed sign-ins in a row lock an account for 15 minutes. For existing accounts the count
 *   lives in the database (it survives restarts and holds across servers); `lockoutAfterFailure` decides.
 *   Unknown user names get the same treatment in memory here, so the answers cannot tell an attacker
 *   which user names exist.
 * - Rate limits per client address and per user name, counting every attempt.
 */
import { SlidingWindowLimiter, type RateLimit } from "./rate-limiter.ts";

export interface LoginPolicy {
  readonly maxFailures: number;
  readonly lockoutMs: number;
  readonly perAddress: RateLimit;
  readonly perUsername: RateLimit;
}

export const LOGIN_POLICY: LoginPolicy = {
  maxFailures: 5,
  lockoutMs: 15 * 60_000,
  perAddress: { limit: 30, windowMs: 10 * 60_000 },
  perUsername: { limit: 10, windowMs: 10 * 60_000 },
};

export interface LockoutState {
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
}

/** The account's state after one more failed sign-in: at the limit it locks and the count starts again. */
export function lockoutAfterFailure(failedLogins: number, now: Date, policy: LoginPolicy = LOGIN_POLICY): LockoutState {
  const failures = failedLogins + 1;
  return failures >= policy.maxFailures
    ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockoutMs) }
    : { failedLogins: failures, lockedUntil: null };
}

export type LoginAdmission =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly reason: "rate_limited"; readonly retryAfterMs: number };

export class LoginGuard {
  private readonly byAddress: SlidingWindowLimiter;
  private readonly byUsername: SlidingWindowLimiter;
  private readonly unknownUsers = new Map<string, LockoutState>();

  constructor(readonly policy: LoginPolicy = LOGIN_POLICY) {
    this.byAddress = new SlidingWindowLimiter(policy.perAddress);
    this.byUsername = new SlidingWindowLimiter(policy.perUsername);
  }

  /** Counts the attempt against both limits; refused attempts go no further (no password check). */
  admit(clientAddress: string, username: string, now: Date): LoginAdmission {
    const byAddress = this.byAddress.hit(clientAddress, now.getTime());
    if (!byAddress.allowed) return { admitted: false, reason: "rate_limited", retryAfterMs: byAddress.retryAfterMs };
    const byUsername = this.byUsername.hit(username, now.getTime());
    if (!byUsername.allowed) return { admitted: false, reason: "rate_limited", retryAfterMs: byUsername.retryAfterMs };
    return { admitted: true };
  }

  /** For a user name with no account: when its in-memory lock ends, if it is locked. */
  unknownUserLockedUntil(username: string, now: Date): Date | undefined {
    const lockedUntil = this.unknownUsers.get(username)?.lockedUntil;
    return lockedUntil && lockedUntil > now ? lockedUntil : undefined;
  }

  /** Records a failed sign-in for a user name with no account; returns its new state. */
  recordUnknownUserFailure(username: string, now: Date): LockoutState {
    const previous = this.unknownUsers.get(username);
    const stillLocked = previous?.lockedUntil && previous.lockedUntil > now;
    const next = stillLocked ? previous : lockoutAfterFailure(previous?.failedLogins ?? 0, now, this.policy);
    this.unknownUsers.delete(username);
    this.unknownUsers.set(username, next);
    if (this.unknownUsers.size > 50_000) this.unknownUsers.delete(this.unknownUsers.keys().next().value!);
    return next;
  }
}
