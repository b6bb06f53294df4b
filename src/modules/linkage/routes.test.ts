import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { createSignedInUser, type SignedInUser } from "../access/test-support/signed-in-user.ts";
import type { LinkParameters } from "./model.ts";
import type { PairPage, RunDetail, RunJob, RunPage, SavedModel } from "./run-model.ts";
import { importSyntheticMentions, TRUE_PAIRS, type ImportedMentions } from "./test-support/imported-mentions.ts";

describe("linkage routes", () => {
  let t: TestApp;
  let cityWorker: SignedInUser;
  let countyWorker: SignedInUser;
  let otherCountyWorker: SignedInUser;
  let analyst: SignedInUser;
  let batches: ImportedMentions;
  let runId: number;
  beforeAll(async () => {
    t = await startTestApp();
    batches = await importSyntheticMentions(t.database.db, t.database.engine);
    cityWorker = await createSignedInUser(t.database.db, [{ role: "case_worker", jurisdiction: "3704" }]);
    countyWorker = await createSignedInUser(t.database.db, [{ role: "programme_staff", jurisdiction: "370481" }]);
    otherCountyWorker = await createSignedInUser(t.database.db, [{ role: "case_worker", jurisdiction: "370406" }]);
    analyst = await createSignedInUser(t.database.db, [{ role: "analyst", jurisdiction: "3704" }]);
  });
  afterAll(async () => {
    await t.close();
  });

  const request = (as: SignedInUser, method: "GET" | "POST", url: string, payload?: unknown) =>
    t.app.inject({ method, url, headers: as.headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  async function waitForRun(as: SignedInUser, id: number): Promise<RunJob> {
    for (let i = 0; i < 400; i++) {
      const job = (await request(as, "GET", `/api/v1/linkage/runs/${id}/job`)).json() as RunJob;
      if (job.phase === "done" || job.phase === "failed") return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the linkage run did not finish");
  }

  const startBody = (region: string) => ({ region, scope: { batchIds: [batches.hukouBatch, batches.personsBatch] } });

  it("starts a run in the background and reports its stages until done", async () => {
    const started = await request(cityWorker, "POST", "/api/v1/linkage/runs", startBody("3704"));
    expect(started.statusCode, started.body).toBe(202);
    runId = (started.json() as RunJob).runId;
    const job = await waitForRun(cityWorker, runId);
    expect(job.failure).toBeNull();
    expect(job.stages.map((s) => s.phase)).toEqual(expect.arrayContaining(["reading", "blocking", "compare", "estimateM", "predict", "storing", "done"]));
  });

  it("lists the run and shows its report and parameters to an analyst", async () => {
    const page = (await request(analyst, "GET", "/api/v1/linkage/runs")).json() as RunPage;
    expect(page.items.map((r) => r.id)).toContain(runId);
    const detail = await request(analyst, "GET", `/api/v1/linkage/runs/${runId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const run = detail.json() as RunDetail;
    expect(run).toMatchObject({ status: "succeeded", mentions: 25, pairs: TRUE_PAIRS.length, createdBy: cityWorker.username });
    expect(run.report!.blocking.rules.length).toBeGreaterThan(0);
    expect(run.report!.weightHistogram.reduce((total, bin) => total + bin.pairs, 0)).toBe(run.report!.blocking.blockedPairs);
    const parameters = (await request(analyst, "GET", `/api/v1/linkage/runs/${runId}/parameters`)).json() as LinkParameters;
    expect(parameters).toEqual(run.report!.parameters);
    const nameExact = run.parameterLevels.find((level) => level.field === "name" && level.level === "exact")!;
    expect(nameExact.weight).toBeCloseTo(Math.log2(nameExact.m / nameExact.u), 10);
    expect(run.parameterLevels).toHaveLength(parameters.comparisons.reduce((total, c) => total + c.levels.length, 0));
  });

  it("refuses pairs to an analyst", async () => {
    const response = await request(analyst, "GET", `/api/v1/linkage/runs/${runId}/pairs`);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "forbidden" });
  });

  it("gives a case worker the pairs, masked, with each comparison's contribution", async () => {
    const response = await request(cityWorker, "GET", `/api/v1/linkage/runs/${runId}/pairs?limit=5`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as PairPage;
    expect(page.total).toBe(TRUE_PAIRS.length);
    expect(page.items).toHaveLength(5);
    expect(page.items[0]!.contributions).toHaveLength(5);
    expect(response.body).not.toMatch(/王建国|370406198003120111/);
  });

  it("shows a county's staff only the pairs inside their county", async () => {
    const page = (await request(countyWorker, "GET", `/api/v1/linkage/runs/${runId}/pairs`)).json() as PairPage;
    expect(page.total).toBe(TRUE_PAIRS.filter((pair) => pair.county === "370481").length);
  });

  it("hides a county's run from another county", async () => {
    const started = await request(countyWorker, "POST", "/api/v1/linkage/runs", startBody("370481"));
    expect(started.statusCode, started.body).toBe(202);
    const countyRun = (started.json() as RunJob).runId;
    await waitForRun(countyWorker, countyRun);
    const pairs = await request(otherCountyWorker, "GET", `/api/v1/linkage/runs/${countyRun}/pairs`);
    expect(pairs.statusCode).toBe(404);
    expect(pairs.json()).toMatchObject({ code: "run_not_found" });
  });

  it("refuses to start a run over a region outside the caller's jurisdiction", async () => {
    const response = await request(countyWorker, "POST", "/api/v1/linkage/runs", startBody("370406"));
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: "outside_jurisdiction" });
  });

  it.each([
    [{ threshold: 2 }, "invalid_request"],
    [{ region: "37040" }, "invalid_request"],
    [{ fields: ["name", "nickname"] }, "invalid_request"],
    [{ blockingRules: ["pinyin(nickname)"] }, "blocking_rule_invalid"],
    [{ modelId: 999999 }, "model_not_found"],
  ])("refuses a bad start request %j with %s", async (change, code) => {
    const response = await request(cityWorker, "POST", "/api/v1/linkage/runs", { ...startBody("3704"), ...change });
    expect(response.json()).toMatchObject({ code });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
  });

  it("saves a model fixed by hand and runs with it as it is", async () => {
    const parameters = (await request(cityWorker, "GET", `/api/v1/linkage/runs/${runId}/parameters`)).json() as LinkParameters;
    const edited: LinkParameters = { ...parameters, lambda: 0.01, lambdaFixed: true };
    const saved = await request(cityWorker, "POST", "/api/v1/linkage/models", { name: "手工模型", parameters: edited });
    expect(saved.statusCode, saved.body).toBe(201);
    const model = saved.json() as SavedModel;
    expect(model.parameters).toEqual(edited);
    expect(((await request(analyst, "GET", "/api/v1/linkage/models")).json() as { items: SavedModel[] }).items.map((m) => m.id)).toContain(model.id);

    const started = await request(cityWorker, "POST", "/api/v1/linkage/runs", { ...startBody("3704"), modelId: model.id });
    const job = await waitForRun(cityWorker, (started.json() as RunJob).runId);
    expect(job.failure).toBeNull();
    const run = (await request(cityWorker, "GET", `/api/v1/linkage/runs/${job.runId}`)).json() as RunDetail;
    expect(run.report!.parameters).toEqual(edited);
    expect(run.report!.em).toBeNull();
  });

  it("refuses parameters that are not a model", async () => {
    const response = await request(cityWorker, "POST", "/api/v1/linkage/models", { name: "x", parameters: { format: "other", lambda: 2 } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: "invalid_request" });
  });
});
