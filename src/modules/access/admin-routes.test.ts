import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../../test/support/test-app.ts";
import { decodeBase32 } from "./base32.ts";
import type { SignedInUser } from "./test-support/signed-in-user.ts";
import { createSignedInUser } from "./test-support/signed-in-user.ts";
import { startAccessTestApp, testClock, type TestClock } from "./test-support/access-test-app.ts";
import { generateTotp } from "./totp.ts";

let t: TestApp;
let clock: TestClock;
let systemAdmin: SignedInUser;
let securityAdmin: SignedInUser;
let auditAdmin: SignedInUser;

beforeAll(async () => {
  clock = testClock(new Date("2025-05-01T08:00:00Z"));
  t = await startAccessTestApp({ clock });
  const db = t.database.db;
  systemAdmin = await createSignedInUser(db, [{ role: "system_admin", jurisdiction: "3704" }], { at: clock.now() });
  securityAdmin = await createSignedInUser(db, [{ role: "security_admin", jurisdiction: "3704" }], { at: clock.now() });
  auditAdmin = await createSignedInUser(db, [{ role: "audit_admin", jurisdiction: "3704" }], { at: clock.now() });
});
afterAll(async () => {
  await t.close();
});

function call(as: SignedInUser, method: "GET" | "POST" | "DELETE", url: string, payload?: unknown) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: as.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
}

let userCounter = 0;
async function createUser(password = "Good-Password-2025") {
  const username = `staff.${++userCounter}`;
  const response = await call(systemAdmin, "POST", "/users", { username, displayName: "王小明", password });
  expect(response.statusCode, response.body).toBe(201);
  return { ...(response.json() as { id: string; username: string; totpSecret: string; otpauthUri: string }), password };
}

function codeFor(secret: string, at: Date): string {
  const decoded = decodeBase32(secret);
  if (!decoded.ok) throw new Error("bad secret");
  return generateTotp(decoded.value, at);
}

describe("accounts (system administrator)", () => {
  it("creates an account and shows its TOTP secret once, for enrolment", async () => {
    const created = await createUser();
    expect(created.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    expect(created.otpauthUri).toMatch(/^otpauth:\/\/totp\/renkou:staff\.\d+\?secret=[A-Z2-7]{32}&issuer=renkou/);
    const list = (await call(systemAdmin, "GET", "/users")).json() as { items: Array<{ username: string; grants: unknown[] }> };
    expect(list.items.find((user) => user.username === created.username)).toMatchObject({ grants: [] });
    expect(JSON.stringify(list)).not.toContain(created.totpSecret);
  });

  it.each([
    [{ username: "ab", password: "Good-Password-2025" }, 400, "invalid_request"],
    [{ username: "weak.one", password: "password" }, 400, "password_too_short"],
    [{ username: "weak.two", password: "onlylowercaseletters" }, 400, "password_too_simple"],
  ])("refuses %j", async (body, status, code) => {
    const response = await call(systemAdmin, "POST", "/users", body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code });
  });

  it("refuses a user name that is taken, whatever its case", async () => {
    const created = await createUser();
    const response = await call(systemAdmin, "POST", "/users", { username: created.username.toUpperCase(), password: "Good-Password-2025" });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: "username_taken" });
  });

  it("disables an account (its sessions end at once) and enables it again", async () => {
    const target = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "370406" }], { at: clock.now() });
    expect((await call(systemAdmin, "POST", `/users/${target.id}/disable`)).statusCode).toBe(204);
    expect((await call(target, "GET", "/auth/me")).statusCode).toBe(401);
    expect((await call(systemAdmin, "POST", `/users/${target.id}/enable`)).statusCode).toBe(204);
  });

  it("refuses to disable the administrator's own account", async () => {
    const response = await call(systemAdmin, "POST", `/users/${systemAdmin.id}/disable`);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "own_account" });
  });

  it("gives a new TOTP secret, after which the old one no longer signs in", async () => {
    const created = await createUser();
    await call(securityAdmin, "POST", `/users/${created.id}/grants`, { role: "analyst", jurisdiction: "3704" });
    const reset = await call(systemAdmin, "POST", `/users/${created.id}/reset-totp`);
    expect(reset.statusCode).toBe(200);
    const { totpSecret } = reset.json() as { totpSecret: string };
    const login = (secret: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: created.username, password: created.password, totp: codeFor(secret, clock.now()) },
      });
    expect((await login(created.totpSecret)).statusCode).toBe(401);
    expect((await login(totpSecret)).statusCode).toBe(200);
  });

  it("hides accounts outside a county administrator's jurisdiction", async () => {
    const countyAdmin = await createSignedInUser(t.database.db, [{ role: "system_admin", jurisdiction: "370406" }], { at: clock.now() });
    const elsewhere = await createSignedInUser(t.database.db, [{ role: "case_worker", jurisdiction: "370481" }], { at: clock.now() });
    const inside = await createSignedInUser(t.database.db, [{ role: "case_worker", jurisdiction: "370406101" }], { at: clock.now() });
    const names = ((await call(countyAdmin, "GET", "/users")).json() as { items: Array<{ username: string }> }).items.map((u) => u.username);
    expect(names).toContain(inside.username);
    expect(names).not.toContain(elsewhere.username);
    expect((await call(countyAdmin, "POST", `/users/${elsewhere.id}/disable`)).json()).toMatchObject({ code: "user_not_found" });
  });
});

describe("grants (security administrator)", () => {
  it("grants a role in a jurisdiction, after which the user signs in with it", async () => {
    const created = await createUser();
    const granted = await call(securityAdmin, "POST", `/users/${created.id}/grants`, { role: "case_worker", jurisdiction: "370406" });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({ role: "case_worker", jurisdiction: "370406", facility: null });
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: created.username, password: created.password, totp: codeFor(created.totpSecret, clock.now()) },
    });
    expect(login.json()).toMatchObject({ grants: [{ role: "case_worker", jurisdiction: "370406" }] });
  });

  it.each([
    [{ role: "hospital_reporter", jurisdiction: "370406" }, 409, "grant_facility_required"],
    [{ role: "case_worker", jurisdiction: "370499" }, 400, "jurisdiction_unknown"],
    [{ role: "nobody", jurisdiction: "3704" }, 400, "invalid_request"],
  ])("refuses the grant %j", async (body, status, code) => {
    const created = await createUser();
    const response = await call(securityAdmin, "POST", `/users/${created.id}/grants`, body);
    expect(response.statusCode).toBe(status);
    expect(response.json()).toMatchObject({ code });
  });

  it("keeps administrator roles apart from every other role", async () => {
    const created = await createUser();
    await call(securityAdmin, "POST", `/users/${created.id}/grants`, { role: "case_worker", jurisdiction: "370406" });
    const response = await call(securityAdmin, "POST", `/users/${created.id}/grants`, { role: "audit_admin", jurisdiction: "3704" });
    expect(response.json()).toMatchObject({ code: "grant_admin_exclusive" });
  });

  it("refuses a grant outside the security administrator's jurisdiction", async () => {
    const countySecurity = await createSignedInUser(t.database.db, [{ role: "security_admin", jurisdiction: "370406" }], { at: clock.now() });
    const created = await createUser();
    const response = await call(countySecurity, "POST", `/users/${created.id}/grants`, { role: "analyst", jurisdiction: "370481" });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "outside_jurisdiction" });
  });

  it("refuses grants to oneself", async () => {
    const response = await call(securityAdmin, "POST", `/users/${securityAdmin.id}/grants`, { role: "security_admin", jurisdiction: "370406" });
    expect(response.json()).toMatchObject({ code: "own_account" });
  });

  it("revokes a grant once", async () => {
    const created = await createUser();
    const { id: grantId } = (await call(securityAdmin, "POST", `/users/${created.id}/grants`, { role: "analyst", jurisdiction: "3704" })).json() as {
      id: string;
    };
    expect((await call(securityAdmin, "DELETE", `/users/${created.id}/grants/${grantId}`)).statusCode).toBe(204);
    expect((await call(securityAdmin, "DELETE", `/users/${created.id}/grants/${grantId}`)).json()).toMatchObject({ code: "grant_not_found" });
  });

  it("does not let the system administrator grant, nor the security administrator create accounts", async () => {
    const created = await createUser();
    expect((await call(systemAdmin, "POST", `/users/${created.id}/grants`, { role: "analyst", jurisdiction: "3704" })).statusCode).toBe(403);
    expect((await call(securityAdmin, "POST", "/users", { username: "sneaky", password: "Good-Password-2025" })).statusCode).toBe(403);
  });
});

describe("audit trail (audit administrator)", () => {
  it("finds the account actions with actor, result and client address", async () => {
    await createUser();
    const response = await call(auditAdmin, "GET", "/audit/events?action=user.create&limit=1");
    expect(response.statusCode).toBe(200);
    const [event] = (response.json() as { items: Array<Record<string, unknown>> }).items;
    expect(event).toMatchObject({ action: "user.create", actorUsername: systemAdmin.username, actorRole: "system_admin", result: "success", clientAddress: "127.0.0.1" });
  });

  it("records refusals too", async () => {
    await call(systemAdmin, "GET", "/audit/events");
    const response = await call(auditAdmin, "GET", `/audit/events?actor=${systemAdmin.username}&result=denied&limit=1`);
    expect((response.json() as { items: Array<{ action: string }> }).items[0]).toMatchObject({ action: "GET /api/v1/audit/events" });
  });

  it("exports CSV as an attachment", async () => {
    const response = await call(auditAdmin, "GET", "/audit/export?action=user.");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="renkou-audit-2025-05-01.csv"');
    expect(response.body.split("\r\n").length).toBeGreaterThan(2);
  });

  it("verifies the chain", async () => {
    const response = await call(auditAdmin, "GET", "/audit/verify");
    expect(response.json()).toMatchObject({ intact: true, entries: expect.any(Number) });
  });

  it("is closed to the other administrators", async () => {
    for (const admin of [systemAdmin, securityAdmin]) {
      expect((await call(admin, "GET", "/audit/events")).statusCode).toBe(403);
    }
    expect((await call(auditAdmin, "GET", "/users")).statusCode).toBe(403);
  });
});
