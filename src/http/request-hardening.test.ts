/**
 * Hostile requests against the live app, generated from its route table where they can be: SQL-injection
 * probes in every text parameter, a missing or foreign CSRF token on every state-changing route, path
 * traversal, oversized bodies — and no secret of the access layer in the logs afterwards.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../test/support/test-app.ts";
import { verifyAuditTrail } from "../modules/access/audit-service.ts";
import { ROLES, type Role } from "../modules/access/roles.ts";
import { startAccessTestApp } from "../modules/access/test-support/access-test-app.ts";
import { createTestUser, openTestSession, TEST_PASSWORD } from "../modules/access/test-support/signed-in-user.ts";
import type { DeclaredRoute } from "./authenticate.ts";
import { sampleRequest, textFields, type RequestPart } from "./test-support/sample-request.ts";

/** Quote breaking, stacked statements, UNION exfiltration, time-based blind (with an escaped quote), dollar quoting. */
const SQL_PROBES = [
  "370406' OR '1'='1",
  "'; DROP TABLE app_user; --",
  "1 UNION SELECT password_hash FROM app_user --",
  "\\'; SELECT pg_sleep(10); --",
  "$$; DROP TABLE audit_event; $$",
];
const SECRET_FILE_MARKER = "renkou-secret-outside-web-root";

let t: TestApp;
let webDist: string;
const users = new Map<Role, string>();

beforeAll(async () => {
  const outside = mkdtempSync(join(tmpdir(), "renkou-outside-"));
  webDist = join(outside, "dist");
  mkdirSync(webDist);
  writeFileSync(join(outside, "secret.txt"), SECRET_FILE_MARKER);
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>console</title>");
  t = await startAccessTestApp({ webDist });
  for (const role of ROLES) {
    const facility = role === "hospital_reporter" ? { facility: "H-TEST" } : {};
    users.set(role, (await createTestUser(t.database.db, [{ role, jurisdiction: "3704", ...facility }])).id);
  }
});
afterAll(async () => {
  await t.close();
});

const apiRoutes = () => t.app.accessRoutes.filter((route) => route.method !== "HEAD" && route.url.startsWith("/api/"));
const describeRoute = (route: DeclaredRoute) => `${route.method} ${route.url}`;

/** A user the route admits (undefined for public routes). */
function callerFor(route: DeclaredRoute): string | undefined {
  if (route.access.public) return undefined;
  const roles = route.access.roles;
  return users.get(roles === "any" ? "analyst" : roles[0]!);
}

async function send(route: DeclaredRoute, overrides: Parameters<typeof sampleRequest>[1], headers?: Record<string, string>) {
  const request = sampleRequest(route, overrides);
  const caller = callerFor(route);
  const sessionHeaders = headers ?? (caller ? (await openTestSession(t.database.db, caller)).headers : {});
  return t.app.inject({ method: route.method as "GET", url: request.url, headers: sessionHeaders, ...(request.payload ? { payload: request.payload } : {}) });
}

describe("SQL injection", () => {
  it("survives a probe in every text parameter of every API route", async () => {
    const usersBefore = (await sql<{ count: number }>`select count(*)::int as count from app_user`.execute(t.database.db)).rows[0]!.count;
    const failures: string[] = [];
    let probes = 0;
    for (const route of apiRoutes()) {
      for (const part of ["params", "querystring", "body"] as const satisfies readonly RequestPart[]) {
        for (const field of textFields(route, part)) {
          for (const probe of SQL_PROBES) {
            const started = Date.now();
            const response = await send(route, { [part]: { [field]: probe } });
            probes++;
            const where = `${describeRoute(route)} ${part}.${field} ${JSON.stringify(probe)}`;
            if (response.statusCode >= 500) failures.push(`${where}: ${response.statusCode}`);
            if (/syntax error|\$scrypt\$|pg_catalog/i.test(response.body)) failures.push(`${where}: leaks ${response.body.slice(0, 120)}`);
            if (Date.now() - started > 5_000) failures.push(`${where}: took ${Date.now() - started} ms`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(probes).toBeGreaterThan(50);
    const after = await sql<{ count: number }>`select count(*)::int as count from app_user`.execute(t.database.db);
    expect(after.rows[0]!.count).toBeGreaterThanOrEqual(usersBefore);
    expect(await verifyAuditTrail(t.database.db)).toMatchObject({ intact: true });
  });
});

describe("CSRF", () => {
  it("refuses every state-changing API route without the session's token, or with another session's", async () => {
    const failures: string[] = [];
    const changing = apiRoutes().filter((route) => !route.access.public && ["POST", "PUT", "PATCH", "DELETE"].includes(route.method));
    expect(changing.length).toBeGreaterThan(5);
    for (const route of changing) {
      const caller = callerFor(route)!;
      const own = await openTestSession(t.database.db, caller);
      const other = await openTestSession(t.database.db, caller);
      for (const [label, headers] of [
        ["no token", { cookie: own.headers.cookie }],
        ["another session's token", { cookie: own.headers.cookie, "x-csrf-token": other.csrfToken }],
      ] as const) {
        const response = await send(route, {}, headers);
        if (response.statusCode !== 403 || !response.body.includes("csrf_token_invalid")) {
          failures.push(`${describeRoute(route)} with ${label}: ${response.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("path traversal", () => {
  it.each([
    "/../secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e/secret.txt",
    "/%2e%2e%2fsecret.txt",
    "/assets/..%2f..%2fsecret.txt",
    "/..%5csecret.txt",
    "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/docs/static/..%2f..%2f..%2f..%2fpackage.json",
    "/api/v1/divisions/..%2f..%2f..%2fetc%2fpasswd",
  ])("serves nothing outside the console's files for %s", async (url) => {
    const caller = (await openTestSession(t.database.db, users.get("analyst")!)).headers;
    const response = await t.app.inject({ method: "GET", url, headers: caller });
    expect(response.statusCode).toBeLessThan(500);
    expect(response.body).not.toContain(SECRET_FILE_MARKER);
    expect(response.body).not.toMatch(/root:.*:0:0:|"name":\s*"renkou"/);
  });
});

describe("oversized bodies", () => {
  const big = { username: "x", password: "y".repeat(2 * 1024 * 1024) };

  it("refuses a 2 MiB sign-in with 413 before reading it all", async () => {
    const response = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: big });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: "payload_too_large" });
  });

  it("refuses a 2 MiB body on a signed-in route with 413", async () => {
    const headers = (await openTestSession(t.database.db, users.get("system_admin")!)).headers;
    const response = await t.app.inject({ method: "POST", url: "/api/v1/users", headers, payload: big });
    expect(response.statusCode).toBe(413);
  });
});

describe("logs", () => {
  it("never contain passwords, session or CSRF tokens, or TOTP secrets", async () => {
    const user = await createTestUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }]);
    const login = await t.app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { username: user.username, password: TEST_PASSWORD, totp: user.totp() },
      remoteAddress: "10.77.0.1",
    });
    expect(login.statusCode).toBe(200);
    const { csrfToken } = login.json() as { csrfToken: string };
    const cookie = [login.headers["set-cookie"]].flat()[0]!.split(";")[0]!;
    await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie, "x-csrf-token": csrfToken } });
    const log = t.logText();
    expect(log).toContain("request completed");
    for (const secret of [TEST_PASSWORD, cookie.split("=")[1]!, csrfToken, user.totpSecret, user.username]) {
      expect(log, "log contains a secret").not.toContain(secret);
    }
  });
});
