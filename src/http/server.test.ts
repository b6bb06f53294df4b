import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../test/support/test-app.ts";
import { createSignedInUser, type SignedInUser } from "../modules/access/test-support/signed-in-user.ts";

describe("HTTP server", () => {
  let t: TestApp;
  let analyst: SignedInUser;
  beforeAll(async () => {
    const webDist = mkdtempSync(join(tmpdir(), "renkou-web-"));
    writeFileSync(join(webDist, "index.html"), "<!doctype html><title>renkou console</title>");
    t = await startTestApp({ webDist });
    analyst = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers /health with the engine and state", async () => {
    const response = await t.app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "ok", database: { state: "up" } });
  });

  it("sends a request id header with every response", async () => {
    const response = await t.app.inject({ method: "GET", url: "/health" });
    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lists the mounted modules in /api/v1/meta", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/meta" });
    expect(response.json()).toMatchObject({ name: "renkou", modules: expect.arrayContaining(["overview", "admin"]), demo: false });
  });

  it("serves an OpenAPI 3 document that describes the API routes", async () => {
    const response = await t.app.inject({ method: "GET", url: "/openapi.json" });
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/health", "/api/v1/meta", "/api/v1/overview", "/api/v1/divisions/{code}"]),
    );
  });

  it("serves the API documentation page at /docs", async () => {
    const response = await t.app.inject({ method: "GET", url: "/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
  });

  it("reports overview figures from the database", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/overview", headers: analyst.headers });
    const overview = response.json() as { divisions: Record<string, number>; batches: unknown };
    expect(overview.divisions.province).toBe(31);
    expect(overview.divisions.township).toBeGreaterThan(40_000);
    expect(overview.batches).toEqual({ committed: 0, failed: 0, total: 0 });
  });

  it.each([
    ["an unknown API route", "/api/v1/nothing-here", 404, "route_not_found"],
    ["an unknown division", "/api/v1/divisions/999999", 404, "not_found"],
    ["a malformed division code", "/api/v1/divisions/abc", 400, "invalid_request"],
    ["a query parameter out of range", "/api/v1/divisions/search?q=x&limit=1000", 400, "invalid_request"],
  ])("answers %s with problem+json", async (_case, url, status, code) => {
    const response = await t.app.inject({ method: "GET", url, headers: analyst.headers });
    expect(response.statusCode).toBe(status);
    expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const problem = response.json() as Record<string, unknown>;
    expect(problem).toMatchObject({ status, code, type: `urn:renkou:problem:${code}` });
    expect(problem.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
    expect(problem.requestId).toBe(response.headers["x-request-id"]);
  });

  it("names the offending parameter in a validation problem", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/divisions/abc", headers: analyst.headers });
    expect(response.json()).toMatchObject({ detail: expect.stringContaining("/code") });
  });

  it("serves the console's index.html for client-side routes", async () => {
    const response = await t.app.inject({ method: "GET", url: "/surveillance/townships" });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("renkou console");
  });

  it("does not serve the console for unknown API paths or non-GET requests", async () => {
    const response = await t.app.inject({ method: "POST", url: "/anything" });
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toMatch(/problem\+json/);
  });
});
