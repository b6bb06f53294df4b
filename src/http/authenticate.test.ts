/**
 * The access layer on a bare Fastify app with made-up routes: what a declaration makes the server do, and
 * which declarations stop it from starting.
 */
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openTestDatabase, type TestDatabase } from "../../test/support/database.ts";
import { searchAuditEntries } from "../modules/access/store.ts";
import { createSignedInUser, type SignedInUser } from "../modules/access/test-support/signed-in-user.ts";
import { installAccessControl } from "./authenticate.ts";
import { classifyError, sendProblem } from "./problem.ts";
import { access, type RouteAccess } from "./route-access.ts";
import type { App } from "./server.ts";
import type { ZodApp } from "./zod-app.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function appWith(register: (app: ZodApp) => void | Promise<void>): Promise<App> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(reply, request, classifyError(error)));
  await installAccessControl(app, { db: database.db, engine: database.engine, version: "test", demo: false, databaseState: () => "up" });
  await register(app.withTypeProvider<ZodTypeProvider>());
  await app.ready();
  return app;
}

const handler = async () => ({ ok: true });

describe("starting the server", () => {
  it("refuses a route without a declaration", async () => {
    await expect(appWith((app) => void app.get("/api/v1/forgotten", handler))).rejects.toThrow(/GET \/api\/v1\/forgotten declares no access/);
  });

  it.each<[string, RouteAccess]>([
    ["an analyst", { roles: ["analyst"], personalData: true }],
    ["an administrator", { roles: ["case_worker", "system_admin"], personalData: true }],
    ["any signed-in user", { roles: "any", personalData: true }],
  ])("refuses a personal-data route open to %s", async (_case, declared) => {
    await expect(appWith((app) => void app.get("/api/v1/persons", { config: { access: declared } }, handler))).rejects.toThrow(
      /personal data to roles that may not see it/,
    );
  });

  it("refuses a route that admits no role", async () => {
    const declared = { roles: [], personalData: false } as unknown as RouteAccess;
    await expect(appWith((app) => void app.get("/api/v1/nobody", { config: { access: declared } }, handler))).rejects.toThrow(/admits no role/);
  });

  it("declares the routes of a plugin registered as public, and only those", async () => {
    const app = await appWith(async (scoped) => {
      await scoped.registerPublicPlugin(() => scoped.register(async (plugin) => void plugin.get("/docs/page", handler)));
      scoped.get("/api/v1/declared", { config: { access: access.signedIn() } }, handler);
    });
    expect(app.accessRoutes.map((route) => `${route.method} ${route.url} ${"public" in route.access}`)).toEqual([
      "GET /docs/page true",
      "HEAD /docs/page true",
      "GET /api/v1/declared false",
      "HEAD /api/v1/declared false",
    ]);
    await app.close();
  });
});

describe("requests", () => {
  let app: App;
  let caseWorker: SignedInUser;
  let analyst: SignedInUser;

  beforeAll(async () => {
    app = await appWith((routes) => {
      routes.get("/api/v1/open", { config: { access: access.public() } }, handler);
      routes.get(
        "/api/v1/regions/:regionCode/persons",
        {
          config: { access: access.roles(["case_worker"], { personalData: true, jurisdiction: { in: "params", name: "regionCode" } }) },
          schema: { params: z.object({ regionCode: z.string().regex(/^\d{6,12}$/) }) },
        },
        handler,
      );
      routes.get(
        "/api/v1/records/:regionCode",
        {
          config: {
            access: access.roles(["case_worker"], { personalData: true, jurisdiction: { in: "params", name: "regionCode", hideExistence: true } }),
          },
        },
        handler,
      );
      routes.get(
        "/api/v1/counts",
        {
          config: { access: access.roles(["analyst", "case_worker"], { personalData: false, jurisdiction: { in: "query", name: "within" } }) },
          schema: { querystring: z.object({ within: z.string().optional() }) },
        },
        handler,
      );
      routes.post("/api/v1/notes", { config: { access: access.roles(["case_worker"], { personalData: true }) } }, handler);
      routes.get("/api/v1/me-like", { config: { access: access.signedIn() } }, handler);
    });
    caseWorker = await createSignedInUser(database.db, [{ role: "case_worker", jurisdiction: "370406" }]);
    analyst = await createSignedInUser(database.db, [{ role: "analyst", jurisdiction: "3704" }]);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, as?: SignedInUser) => app.inject({ method: "GET", url, ...(as ? { headers: as.headers } : {}) });
  const lastAudit = async (username: string) => (await searchAuditEntries(database.db, { actor: username, limit: 1 }, null))[0];

  it("serves a public route without a session", async () => {
    expect((await get("/api/v1/open")).statusCode).toBe(200);
  });

  it("answers 401 without a session, before validating anything", async () => {
    const response = await get("/api/v1/regions/not-a-code/persons");
    expect(response.statusCode).toBe(401);
  });

  it("answers 403 to a role the route does not admit, and audits the refusal", async () => {
    const response = await get("/api/v1/regions/370406/persons", analyst);
    expect(response.json()).toMatchObject({ status: 403, code: "forbidden" });
    expect(await lastAudit(analyst.username)).toMatchObject({
      action: "GET /api/v1/regions/:regionCode/persons",
      result: "denied",
      detail: { status: 403 },
    });
  });

  it.each([
    ["370406", 200],
    ["370406101", 200],
    ["370481", 403],
    ["370481105", 403],
  ])("checks the jurisdiction in the path: %s → %i", async (code, status) => {
    expect((await get(`/api/v1/regions/${code}/persons`, caseWorker)).statusCode).toBe(status);
  });

  it("answers 404 instead of 403 where existence would leak", async () => {
    const response = await get("/api/v1/records/370481105", caseWorker);
    expect(response.json()).toMatchObject({ status: 404, code: "not_found" });
  });

  it("checks a jurisdiction in the query string only when it is given", async () => {
    expect((await get("/api/v1/counts", analyst)).statusCode).toBe(200);
    expect((await get("/api/v1/counts?within=370481", analyst)).statusCode).toBe(200);
    expect((await get("/api/v1/counts?within=370481", caseWorker)).statusCode).toBe(403);
    expect((await get("/api/v1/counts?within=37", analyst)).statusCode).toBe(403);
  });

  it("audits every request to a personal-data route with actor, role, target, result and address", async () => {
    await app.inject({ method: "GET", url: "/api/v1/regions/370406101/persons", headers: caseWorker.headers, remoteAddress: "10.9.8.7" });
    expect(await lastAudit(caseWorker.username)).toMatchObject({
      actorId: caseWorker.id,
      actorRole: "case_worker",
      action: "GET /api/v1/regions/:regionCode/persons",
      targetId: '{"regionCode":"370406101"}',
      regionCode: "370406101",
      result: "success",
      clientAddress: "10.9.8.7",
    });
  });

  it("does not audit reads that touch no personal data", async () => {
    const before = await lastAudit(analyst.username);
    await get("/api/v1/counts", analyst);
    expect((await lastAudit(analyst.username))?.seq).toBe(before?.seq);
  });

  it("requires the CSRF token on state-changing requests", async () => {
    const withoutToken = await app.inject({ method: "POST", url: "/api/v1/notes", headers: { cookie: caseWorker.headers.cookie } });
    expect(withoutToken.json()).toMatchObject({ status: 403, code: "csrf_token_invalid" });
    const withToken = await app.inject({ method: "POST", url: "/api/v1/notes", headers: caseWorker.headers });
    expect(withToken.statusCode).toBe(200);
  });

  it("admits a user without any grant to routes for any signed-in user, and to nothing else", async () => {
    const newcomer = await createSignedInUser(database.db, []);
    expect((await get("/api/v1/me-like", newcomer)).statusCode).toBe(200);
    expect((await get("/api/v1/counts", newcomer)).json()).toMatchObject({ code: "forbidden" });
  });

  it("marks signed-in responses as not cacheable", async () => {
    expect((await get("/api/v1/counts", analyst)).headers["cache-control"]).toBe("no-store");
  });
});
