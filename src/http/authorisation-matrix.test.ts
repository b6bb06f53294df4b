/**
 * The authorisation matrix, generated from the live app: every route the server registers × anonymous, every
 * role and a user without grants × (where a route names a division) inside and outside the jurisdiction. A route added later
 * is covered without touching this file. Requests are built from each route's own schemas
 * (test-support/sample-request.ts) and sent with a fresh session and a valid CSRF token, so the only thing
 * that varies is who asks.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../test/support/test-app.ts";
import { ROLES, type Role } from "../modules/access/roles.ts";
import { startAccessTestApp } from "../modules/access/test-support/access-test-app.ts";
import { createTestUser, openTestSession } from "../modules/access/test-support/signed-in-user.ts";
import type { DeclaredRoute } from "./authenticate.ts";
import type { ProtectedAccess } from "./route-access.ts";
import { sampleRequest, type RequestPart } from "./test-support/sample-request.ts";

/** The API routes that need no session; anything else public under /api fails the test. */
const PUBLIC_API_ROUTES = [
  "GET /api/v1/meta",
  "POST /api/v1/auth/login",
  "GET /api/v1/setup",
  "POST /api/v1/setup/totp",
  "POST /api/v1/setup/complete",
];

/** Codes with which the access layer itself refuses a request. */
const ACCESS_REFUSALS = ["authentication_required", "session_expired", "forbidden", "csrf_token_invalid", "outside_jurisdiction"];

let t: TestApp;
const cityUsers = new Map<Role, string>();
const countyUsers = new Map<Role, string>();
let withoutGrants: string;

beforeAll(async () => {
  const webDist = mkdtempSync(join(tmpdir(), "renkou-web-"));
  writeFileSync(join(webDist, "index.html"), "<!doctype html><title>console</title>");
  t = await startAccessTestApp({ webDist });
  withoutGrants = (await createTestUser(t.database.db, [])).id;
  for (const role of ROLES) {
    const facility = role === "hospital_reporter" ? { facility: "H-TEST" } : {};
    cityUsers.set(role, (await createTestUser(t.database.db, [{ role, jurisdiction: "3704", ...facility }])).id);
    countyUsers.set(role, (await createTestUser(t.database.db, [{ role, jurisdiction: "370406", ...facility }])).id);
  }
});
afterAll(async () => {
  await t.close();
});

const routes = () => t.app.accessRoutes.filter((route) => route.method !== "HEAD");
const apiRoutes = () => routes().filter((route) => route.url.startsWith("/api/"));
const describeRoute = (route: DeclaredRoute) => `${route.method} ${route.url}`;

async function send(route: DeclaredRoute, as: string | undefined, overrides: Parameters<typeof sampleRequest>[1] = {}) {
  const request = sampleRequest(route, overrides);
  const headers = as ? (await openTestSession(t.database.db, as)).headers : {};
  const response = await t.app.inject({
    method: route.method as "GET",
    url: request.url,
    headers,
    ...(request.payload ? { payload: request.payload } : {}),
  });
  const code = String(response.headers["content-type"] ?? "").includes("problem+json") ? (response.json() as { code: string }).code : null;
  return { status: response.statusCode, code };
}

function admits(declared: ProtectedAccess, role: Role): boolean {
  return declared.roles === "any" || declared.roles.includes(role);
}

describe("the route table", () => {
  it("declares every route outside /api public, and exactly the known API routes public", () => {
    const publicApi = apiRoutes().filter((route) => route.access.public).map(describeRoute);
    expect(publicApi.sort()).toEqual([...PUBLIC_API_ROUTES].sort());
    const outside = routes().filter((route) => !route.url.startsWith("/api/"));
    expect(outside.map(describeRoute)).toEqual(expect.arrayContaining(["GET /health", "GET /openapi.json", "GET /docs", "GET /index.html"]));
    expect(outside.filter((route) => !route.access.public).map(describeRoute)).toEqual([]);
  });
});

describe("who may call each API route", () => {
  it("has routes to check", () => {
    expect(apiRoutes().length).toBeGreaterThan(15);
  });

  it("answers every route × role as declared", async () => {
    const mismatches: string[] = [];
    for (const route of apiRoutes()) {
      const declared = route.access;
      const anonymous = await send(route, undefined);
      if (anonymous.status >= 500) mismatches.push(`${describeRoute(route)} anonymous: ${anonymous.status}`);
      if (declared.public) {
        if (anonymous.code !== null && ACCESS_REFUSALS.includes(anonymous.code)) mismatches.push(`${describeRoute(route)} public but ${anonymous.code}`);
        continue;
      }
      if (anonymous.code !== "authentication_required") mismatches.push(`${describeRoute(route)} anonymous: ${anonymous.status} ${anonymous.code}`);
      for (const role of ROLES) {
        const outcome = await send(route, cityUsers.get(role));
        const allowed = admits(declared, role);
        const refused = outcome.code !== null && ACCESS_REFUSALS.includes(outcome.code);
        if (outcome.status >= 500) mismatches.push(`${describeRoute(route)} as ${role}: ${outcome.status}`);
        else if (allowed && refused) mismatches.push(`${describeRoute(route)} refused ${role}: ${outcome.code}`);
        else if (!allowed && !(outcome.status === 403 && outcome.code === "forbidden")) {
          mismatches.push(`${describeRoute(route)} admitted ${role}: ${outcome.status} ${outcome.code}`);
        }
      }
      // A signed-in user whose grants were all revoked: routes for any signed-in user only.
      const bare = await send(route, withoutGrants);
      const bareRefused = bare.code !== null && ACCESS_REFUSALS.includes(bare.code);
      if (bareRefused !== (declared.roles !== "any")) mismatches.push(`${describeRoute(route)} without grants: ${bare.status} ${bare.code}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("jurisdiction in the request", () => {
  it("refuses a division outside the grant, for every route that names one and every role it admits", async () => {
    const checked: string[] = [];
    const mismatches: string[] = [];
    for (const route of apiRoutes()) {
      const declared = route.access;
      if (declared.public || declared.jurisdiction === undefined) continue;
      const source = declared.jurisdiction;
      const part: RequestPart = source.in === "query" ? "querystring" : source.in;
      for (const role of ROLES.filter((candidate) => admits(declared, candidate))) {
        const inside = await send(route, countyUsers.get(role), { [part]: { [source.name]: "370406101" } });
        const outside = await send(route, countyUsers.get(role), { [part]: { [source.name]: "370481105" } });
        const expectedRefusal = source.hideExistence ? "not_found" : "outside_jurisdiction";
        if (inside.code !== null && ACCESS_REFUSALS.includes(inside.code)) mismatches.push(`${describeRoute(route)} ${role} inside: ${inside.code}`);
        if (outside.code !== expectedRefusal) mismatches.push(`${describeRoute(route)} ${role} outside: ${outside.status} ${outside.code}`);
        checked.push(`${describeRoute(route)} ${role}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toContain("POST /api/v1/users/:id/grants security_admin");
  });
});
