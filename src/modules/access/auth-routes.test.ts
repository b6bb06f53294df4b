import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/test-app.ts";
import { LOGIN_POLICY } from "./login-guard.ts";
import { searchAuditEntries } from "./store.ts";
import { startAccessTestApp, testClock, type TestClock } from "./test-support/access-test-app.ts";
import { createSignedInUser, createTestUser, TEST_PASSWORD, type TestUser } from "./test-support/signed-in-user.ts";
import { setUserDisabled } from "./user-service.ts";

let t: TestApp;
let clock: TestClock;
let addressCounter = 0;
/** Each test signs in from its own address, so the per-address rate limit of one test does not leak into the next. */
const freshAddress = () => `10.0.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

beforeAll(async () => {
  clock = testClock(new Date("2025-03-01T08:00:00Z"));
  t = await startAccessTestApp({ clock, loginPolicy: { ...LOGIN_POLICY, perAddress: { limit: 8, windowMs: 60_000 } } });
});
afterAll(async () => {
  await t.close();
});

const caseWorker = () => createTestUser(t.database.db, [{ role: "case_worker", jurisdiction: "370406" }]);

function login(body: Record<string, unknown>, remoteAddress = freshAddress()) {
  return t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: body, remoteAddress });
}

const credentials = (user: TestUser, overrides: Record<string, unknown> = {}) => ({
  username: user.username,
  password: TEST_PASSWORD,
  totp: user.totp(clock.now()),
  ...overrides,
});

function sessionCookie(setCookie: string | string[] | undefined): string {
  const header = [setCookie ?? []].flat().find((cookie) => cookie.startsWith("renkou_session="));
  if (!header) throw new Error("no session cookie set");
  return header.split(";")[0]!;
}

async function lastLoginAudit(username: string) {
  const [entry] = await searchAuditEntries(t.database.db, { actor: username, action: "auth.login", limit: 1 }, null);
  return entry;
}

describe("POST /api/v1/auth/login", () => {
  it("opens a session with password and current one-time code, in an HttpOnly SameSite=Strict cookie", async () => {
    const user = await caseWorker();
    const response = await login(credentials(user));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      user: { username: user.username },
      grants: [{ role: "case_worker", jurisdiction: "370406" }],
      permissions: expect.arrayContaining(["personal_data.read"]),
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      demo: false,
      idleTimeoutSeconds: 1800,
    });
    const cookie = [response.headers["set-cookie"]].flat().join();
    expect(cookie).toMatch(/^renkou_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    expect(response.headers["cache-control"]).toBe("no-store");
    const me = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: sessionCookie(response.headers["set-cookie"]) } });
    expect(me.json()).toMatchObject({ user: { username: user.username } });
    expect((await lastLoginAudit(user.username))?.result).toBe("success");
  });

  it.each<[string, (user: TestUser) => Record<string, unknown>, string]>([
    ["without a one-time code", (user) => credentials(user, { totp: undefined }), "totp"],
    ["with a wrong one-time code", (user) => credentials(user, { totp: user.totp(new Date(clock.now().getTime() + 600_000)) }), "totp"],
    ["with a wrong password", (user) => credentials(user, { password: "Wrong-Password-1" }), "password"],
    ["for an unknown user name", (user) => credentials(user, { username: `${user.username}x` }), "unknown_user"],
  ])("answers 401 invalid_credentials %s, and audits the cause", async (_case, body, cause) => {
    const user = await caseWorker();
    const credentialsTried = body(user);
    const response = await login(credentialsTried);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "invalid_credentials" });
    expect(response.headers["set-cookie"]).toBeUndefined();
    const audit = await lastLoginAudit(String(credentialsTried.username));
    expect(audit).toMatchObject({ result: "failure", detail: { cause } });
  });

  it("refuses a disabled account with the same answer", async () => {
    const user = await caseWorker();
    await setUserDisabled(t.database.db, { kind: "cli", osUser: "test" }, user.id, true, clock.now());
    const response = await login(credentials(user));
    expect(response.json()).toMatchObject({ code: "invalid_credentials" });
  });

  it("refuses a demo user outside demo mode", async () => {
    const user = await createTestUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }], { demo: true });
    const response = await login(credentials(user));
    expect(response.json()).toMatchObject({ code: "invalid_credentials" });
    expect((await lastLoginAudit(user.username))?.detail).toMatchObject({ cause: "demo_user" });
  });

  it("does not accept the same one-time code twice (RFC 6238 §5.2)", async () => {
    const user = await caseWorker();
    const body = credentials(user);
    expect((await login(body)).statusCode).toBe(200);
    expect((await login(body)).json()).toMatchObject({ code: "invalid_credentials" });
  });

  it("lets only one of two simultaneous sign-ins with the same code through", async () => {
    const user = await caseWorker();
    const body = credentials(user);
    const responses = await Promise.all([login(body), login(body)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 401]);
  });

  it("counts simultaneous failures one by one, so they cannot slip past the lockout", async () => {
    const user = await caseWorker();
    await Promise.all(Array.from({ length: 5 }, (_, i) => login(credentials(user, { password: `Wrong-${i}-Password` }))));
    expect((await login(credentials(user))).statusCode).toBe(423);
  });

  it("locks the account for 15 minutes at the fifth failure, then lets the right credentials in", async () => {
    const user = await caseWorker();
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(credentials(user, { password: `Wrong-${i}-Password` }), address)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const locked = await login(credentials(user), freshAddress());
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: "account_locked", retryAfterSeconds: 900 });
    expect(locked.headers["retry-after"]).toBe("900");
    clock.advance(15 * 60_000);
    expect((await login(credentials(user), freshAddress())).statusCode).toBe(200);
  });

  it("locks an unknown user name the same way, so answers do not reveal which names exist", async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login({ username: "nobody.here", password: "Wrong-Password-1", totp: "123456" }, address)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
  });

  it("rate-limits sign-ins per client address with 429 and Retry-After", async () => {
    const address = freshAddress();
    const user = await caseWorker();
    for (let i = 0; i < 8; i++) await login({ username: `someone${i}`, password: "Wrong-Password-1" }, address);
    
    const refused = await login(credentials(user), address);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: "too_many_attempts" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await login(credentials(user), freshAddress())).statusCode).toBe(200);
  });

  it("answers 400 for a body that is not a sign-in", async () => {
    const response = await login({ username: "x" });
    expect(response.statusCode).toBe(400);
  });
});

describe("sessions", () => {
  it("answers 401 authentication_required without a session", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/auth/me" });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: "authentication_required" });
  });

  it("answers 401 for a forged session cookie", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: `renkou_session=${"A".repeat(43)}` } });
    expect(response.statusCode).toBe(401);
  });

  it("stays open while used within 30 minutes, and expires after 30 idle minutes", async () => {
    const user = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }], { at: clock.now() });
    const me = () => t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: user.headers });
    clock.advance(29 * 60_000);
    expect((await me()).statusCode).toBe(200);
    clock.advance(29 * 60_000);
    expect((await me()).statusCode).toBe(200);
    clock.advance(31 * 60_000);
    const expired = await me();
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: "session_expired" });
    expect([expired.headers["set-cookie"]].flat().join()).toMatch(/renkou_session=;/);
    expect((await me()).json()).toMatchObject({ code: "authentication_required" });
  });

  it("ends after 12 hours however active", async () => {
    const user = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }], { at: clock.now() });
    const me = () => t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: user.headers });
    for (let quarter = 1; quarter < 12 * 4; quarter++) {
      clock.advance(15 * 60_000);
      expect((await me()).statusCode).toBe(200);
    }
    clock.advance(30 * 60_000);
    expect((await me()).json()).toMatchObject({ code: "session_expired" });
  });

  it("ends the sessions of a disabled account at once", async () => {
    const user = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }], { at: clock.now() });
    await setUserDisabled(t.database.db, { kind: "cli", osUser: "test" }, user.id, true, clock.now());
    expect((await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: user.headers })).statusCode).toBe(401);
  });
});

describe("POST /api/v1/auth/logout", () => {
  it("refuses without the CSRF token, and with a wrong one", async () => {
    const user = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }], { at: clock.now() });
    for (const headers of [{ cookie: user.headers.cookie }, { ...user.headers, "x-csrf-token": `${user.csrfToken.slice(1)}A` }]) {
      const response = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: "csrf_token_invalid" });
    }
  });

  it("ends the session and clears the cookie", async () => {
    const user = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }], { at: clock.now() });
    const response = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: user.headers });
    expect(response.statusCode).toBe(204);
    expect([response.headers["set-cookie"]].flat().join()).toMatch(/renkou_session=;/);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/auth/me", headers: user.headers })).statusCode).toBe(401);
  });
});

describe("POST /api/v1/auth/password", () => {
  it("changes the password after checking the current one and the rule", async () => {
    const user = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }], { at: clock.now() });
    const change = (body: Record<string, string>) => t.app.inject({ method: "POST", url: "/api/v1/auth/password", headers: user.headers, payload: body });
    expect((await change({ currentPassword: "Not-The-Password-1", newPassword: "New-Password-2025" })).json()).toMatchObject({
      code: "current_password_wrong",
    });
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: "short" })).json()).toMatchObject({ code: "password_too_short" });
    expect((await change({ currentPassword: TEST_PASSWORD, newPassword: "New-Password-2025" })).statusCode).toBe(204);
    clock.advance(60_000);
    expect((await login(credentials(user, { password: "New-Password-2025" }))).statusCode).toBe(200);
  });
});

describe("demo mode", () => {
  let demo: TestApp;
  beforeAll(async () => {
    demo = await startAccessTestApp({ demo: true });
  });
  afterAll(async () => {
    await demo.close();
  });

  it("signs a demo user in without a one-time code and says so", async () => {
    const user = await createTestUser(demo.database.db, [{ role: "analyst", jurisdiction: "3704" }], { demo: true });
    const response = await demo.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: user.username, password: TEST_PASSWORD } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ demo: true });
  });
});
