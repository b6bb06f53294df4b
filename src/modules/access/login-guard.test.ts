import { describe, expect, it } from "vitest";
import { LOGIN_POLICY, LoginGuard, lockoutAfterFailure } from "./login-guard.ts";

const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 8, 0) + minutes * 60_000);

describe("lockoutAfterFailure", () => {
  it("counts failures up to four without locking", () => {
    expect(lockoutAfterFailure(3, at(0))).toEqual({ failedLogins: 4, lockedUntil: null });
  });

  it("locks for 15 minutes at the fifth failure and starts the count again", () => {
    expect(lockoutAfterFailure(4, at(0))).toEqual({ failedLogins: 0, lockedUntil: at(15) });
  });
});

describe("LoginGuard", () => {
  it("refuses the attempt after the per-address limit, with the wait", () => {
    const guard = new LoginGuard({ ...LOGIN_POLICY, perAddress: { limit: 2, windowMs: 60_000 } });
    expect(guard.admit("10.0.0.1", "a", at(0))).toEqual({ admitted: true });
    expect(guard.admit("10.0.0.1", "b", at(0))).toEqual({ admitted: true });
    expect(guard.admit("10.0.0.1", "c", at(0))).toEqual({ admitted: false, reason: "rate_limited", retryAfterMs: 60_000 });
    expect(guard.admit("10.0.0.2", "c", at(0))).toEqual({ admitted: true });
  });

  it("refuses the attempt after the per-user-name limit from any address", () => {
    const guard = new LoginGuard({ ...LOGIN_POLICY, perUsername: { limit: 1, windowMs: 60_000 } });
    guard.admit("10.0.0.1", "li.wei", at(0));
    expect(guard.admit("10.0.0.2", "li.wei", at(0))).toMatchObject({ admitted: false });
  });

  it("locks an unknown user name after five failures, as it would an account", () => {
    const guard = new LoginGuard();
    for (let i = 0; i < 4; i++) guard.recordUnknownUserFailure("ghost", at(0));
    expect(guard.unknownUserLockedUntil("ghost", at(0))).toBeUndefined();
    expect(guard.recordUnknownUserFailure("ghost", at(0)).lockedUntil).toEqual(at(15));
    expect(guard.unknownUserLockedUntil("ghost", at(14))).toEqual(at(15));
    expect(guard.unknownUserLockedUntil("ghost", at(15))).toBeUndefined();
  });

  it("does not extend a running lock with further failures", () => {
    const guard = new LoginGuard();
    for (let i = 0; i < 5; i++) guard.recordUnknownUserFailure("ghost", at(0));
    guard.recordUnknownUserFailure("ghost", at(10));
    expect(guard.unknownUserLockedUntil("ghost", at(15))).toBeUndefined();
  });
});
