import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { createSignedInUser, type SignedInUser } from "../access/test-support/signed-in-user.ts";

describe("division routes", () => {
  let t: TestApp;
  let caseWorker: SignedInUser;
  beforeAll(async () => {
    t = await startTestApp();
    caseWorker = await createSignedInUser(t.database.db, [{ role: "case_worker", jurisdiction: "370406" }]);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (url: string) => {
    const response = await t.app.inject({ method: "GET", url, headers: caseWorker.headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Record<string, unknown>;
  };

  it("lists the six county-level divisions of 枣庄市", async () => {
    const { items } = (await get("/api/v1/divisions?parent=3704")) as { items: Array<{ code: string; name: string }> };
    expect(items.map((item) => `${item.code} ${item.name}`)).toEqual([
      "370402 市中区",
      "370403 薛城区",
      "370404 峄城区",
      "370405 台儿庄区",
      "370406 山亭区",
      "370481 滕州市",
    ]);
  });

  it("lists the provinces when no parent is given", async () => {
    const { items } = (await get("/api/v1/divisions")) as { items: unknown[] };
    expect(items).toHaveLength(31);
  });

  it("returns a township with its ancestors, top first", async () => {
    const body = (await get("/api/v1/divisions/370406101")) as {
      division: { name: string; level: string };
      ancestors: Array<{ name: string }>;
    };
    expect(body.division).toMatchObject({ name: "店子镇", level: "township" });
    expect(body.ancestors.map((a) => a.name)).toEqual(["山东省", "枣庄市", "山亭区"]);
  });

  it.each([
    ["山东省/枣庄市/山亭区/店子镇", "370406101"],
    ["山东省枣庄市滕州市级索镇", "370481105"],
    ["山亭区店子镇", "370406101"],
  ])("resolves the name path %s", async (path, code) => {
    const body = (await get(`/api/v1/divisions/resolve?path=${encodeURIComponent(path)}`)) as {
      matched: Array<{ code: string }>;
      unresolved: string[];
    };
    expect(body.unresolved).toEqual([]);
    expect(body.matched.at(-1)?.code).toBe(code);
  });

  it("steps over grouping rows such as 市辖区 in municipalities", async () => {
    const body = (await get(`/api/v1/divisions/resolve?path=${encodeURIComponent("北京市/东城区")}`)) as {
      matched: Array<{ code: string }>;
    };
    expect(body.matched.at(-1)?.code).toBe("110101");
  });

  it("reports the first segment that matches nothing", async () => {
    const body = (await get(`/api/v1/divisions/resolve?path=${encodeURIComponent("山东省/枣庄市/不存在区")}`)) as {
      unresolved: string[];
    };
    expect(body.unresolved).toEqual(["不存在区"]);
  });

  it("answers 401 without a session", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/divisions?parent=3704" });
    expect(response.statusCode).toBe(401);
  });

  it("finds a township by a similar name within a city", async () => {
    const { items } = (await get(`/api/v1/divisions/search?q=${encodeURIComponent("店子")}&within=3704`)) as {
      items: Array<{ code: string }>;
    };
    expect(items[0]?.code).toBe("370406101");
  });
});
