import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import type { GrantScope } from "../access/roles.ts";
import { executeRun, failInterruptedRuns, getRun, listPairs, listRuns } from "./run-service.ts";
import { StartRunRequest } from "./run-model.ts";
import * as runStore from "./run-store.ts";
import { importSyntheticMentions, TRUE_PAIRS, type ImportedMentions } from "./test-support/imported-mentions.ts";

const caseWorker = (jurisdiction: string) => ({ grants: [{ role: "case_worker", jurisdiction }] as GrantScope[] });
const CITY = caseWorker("3704");

describe("linkage runs on imported mentions", () => {
  let database: TestDatabase;
  let batches: ImportedMentions;
  beforeAll(async () => {
    database = await openTestDatabase();
    batches = await importSyntheticMentions(database.db, database.engine);
  });
  afterAll(async () => {
    await database.close();
  });

  async function run(region: string, overrides: Partial<StartRunRequest> = {}, actor = CITY) {
    const request = StartRunRequest.parse({ region, scope: { batchIds: [batches.hukouBatch, batches.personsBatch] }, ...overrides });
    const runId = await runStore.insertRun(database.db, request, "test");
    const failure = await executeRun(database.db, actor, runId, request, undefined);
    return { runId, failure };
  }

  it("finds the register's persons again in the other department's list and stores the run with its report", async () => {
    const { runId, failure } = await run("3704");
    expect(failure).toBeNull();
    const detail = await getRun(database.db, CITY, runId);
    expect(detail).toMatchObject({ status: "succeeded", mentions: 25, region: "3704", fields: ["name", "sex", "birth_date", "id_number", "division_code"] });
    expect(detail.report!.mode).toBe("dedupe");
    expect(detail.report!.parameters.comparisons.map((c) => c.field)).toEqual(detail.fields);
    expect(detail.report!.em!.sessions.length).toBeGreaterThan(0);

    const pairs = await listPairs(database.db, CITY, runId, { limit: 100, offset: 0, minProbability: 0, maxProbability: 1 });
    const found = new Set(pairs.items.map((pair) => [pair.left, pair.right].map((m) => `${m.sourceType}:${m.rowNumber}`).sort().join("|")));
    for (const truth of TRUE_PAIRS) expect(found, `hukou row ${truth.hukouRow}`).toContain(`hukou:${truth.hukouRow}|persons:${truth.personsRow}`);
    expect(pairs.total).toBe(TRUE_PAIRS.length);
    expect(detail.pairs).toBe(TRUE_PAIRS.length);
  });

  it("explains every pair as the prior plus each comparison's weight, with names and ID numbers masked", async () => {
    const { runId } = await run("3704");
    const { items } = await listPairs(database.db, CITY, runId, { limit: 100, offset: 0, minProbability: 0, maxProbability: 1 });
    for (const pair of items) {
      const sum = pair.priorWeight + pair.contributions.reduce((total, c) => total + c.weight + c.tfAdjustment, 0);
      expect(sum).toBeCloseTo(pair.matchWeight, 6);
      expect(pair.contributions.map((c) => c.field)).toEqual(["name", "sex", "birth_date", "id_number", "division_code"]);
      for (const side of [pair.left, pair.right]) {
        expect(side.name).toMatch(/^.\*+$/u);
        expect(side.idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
      }
    }
  });

  it("shows a county case worker only the pairs whose two persons both lie in the county", async () => {
    const { runId } = await run("3704");
    const county = caseWorker("370481");
    const { items, total } = await listPairs(database.db, county, runId, { limit: 100, offset: 0, minProbability: 0, maxProbability: 1 });
    expect(total).toBe(TRUE_PAIRS.filter((pair) => pair.county === "370481").length);
    for (const pair of items) expect([pair.left.divisionCode, pair.right.divisionCode].every((code) => code?.startsWith("370481"))).toBe(true);
  });

  it("reads only the mentions filed within the run's region", async () => {
    const { runId } = await run("370481");
    const detail = await getRun(database.db, CITY, runId);
    expect(detail.mentions).toBe(7);
    expect(detail.pairs).toBe(TRUE_PAIRS.filter((pair) => pair.county === "370481").length);
  });

  it("hides runs of another county from its list and its reads", async () => {
    const { runId } = await run("370481");
    const other = caseWorker("370406");
    expect((await listRuns(database.db, other, { limit: 50, offset: 0 })).items.map((r) => r.id)).not.toContain(runId);
    await expect(getRun(database.db, other, runId)).rejects.toMatchObject({ code: "run_not_found", status: 404 });
    await expect(listPairs(database.db, other, runId, { limit: 10, offset: 0, minProbability: 0, maxProbability: 1 })).rejects.toMatchObject({
      code: "run_not_found",
    });
  });

  it("records a failed run with its reason when the scope holds fewer than two mentions", async () => {
    const { runId, failure } = await run("370406101", { scope: { batchIds: [batches.personsBatch], sourceTypes: [], roles: ["spouse"] } });
    expect(failure?.code).toBe("too_few_mentions");
    expect(await getRun(database.db, CITY, runId)).toMatchObject({ status: "failed", failure: { code: "too_few_mentions" }, mentions: 0 });
  });

  it("reuses saved parameters as they are: the same pairs, no EM", async () => {
    const first = await run("3704");
    const parameters = (await getRun(database.db, CITY, first.runId)).report!.parameters;
    const request = StartRunRequest.parse({ region: "3704", scope: { sourceTypes: ["hukou", "persons"] } });
    const runId = await runStore.insertRun(database.db, request, "test");
    expect(await executeRun(database.db, CITY, runId, request, parameters)).toBeNull();
    const detail = await getRun(database.db, CITY, runId);
    expect(detail.report!.em).toBeNull();
    expect(detail.report!.parameters).toEqual(parameters);
    expect(detail.pairs).toBe(TRUE_PAIRS.length);
  });

  it("marks a run left running by a stopped process as interrupted, and leaves finished runs alone", async () => {
    const finished = await run("3704");
    const request = StartRunRequest.parse({ region: "3704", scope: { sourceTypes: ["hukou"] } });
    const orphan = await runStore.insertRun(database.db, request, "test");
    expect(await failInterruptedRuns(database.db)).toBe(1);
    expect(await getRun(database.db, CITY, orphan)).toMatchObject({ status: "failed", failure: { code: "run_interrupted" } });
    expect(await getRun(database.db, CITY, finished.runId)).toMatchObject({ status: "succeeded" });
    expect(await failInterruptedRuns(database.db)).toBe(0);
  });
});
