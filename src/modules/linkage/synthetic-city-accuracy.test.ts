import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { generateCity } from "../synth/generate-city.ts";
import { measureAccuracy } from "./measure-accuracy.ts";
import { prepareLinkInput } from "./prepare-link-input.ts";
import { readCsvTable } from "./read-csv-table.ts";
import { runLinkage } from "./run-linkage.ts";
import { syntheticCityFields, writeSyntheticCityLinkageInput, type SyntheticCityScenario } from "./test-support/synthetic-city-linkage-input.ts";

/**
 * Issue #5's accuracy bar on the synthetic city: every person record of the six departmental extracts
 * deduplicated together with default settings and no labels (the evaluation is defined in README.md,
 * "Accuracy on the synthetic city"). A small city keeps the test fast; `npm run bench:linkage` runs a larger
 * one side by side with Splink.
 */
const PERSONS = 2_000;
const SEED = 7;

let database: TestDatabase;
let workDir: string;
let scenarios: { withIds: SyntheticCityScenario; withoutIds: SyntheticCityScenario };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "renkou-city-linkage-"));
  await generateCity({ persons: PERSONS, seed: SEED, outDir: join(workDir, "city"), format: "csv" });
  scenarios = writeSyntheticCityLinkageInput(join(workDir, "city"), join(workDir, "input"));
  database = await openTestDatabase();
}, 120_000);

afterAll(async () => {
  await database?.close();
  rmSync(workDir, { recursive: true, force: true });
});

async function measure(scenario: SyntheticCityScenario) {
  const table = readCsvTable(readFileSync(scenario.records));
  if (!table.ok) throw new Error(`${scenario.records}: ${table.reason}`);
  const source = { label: "records.csv", idColumn: "record_id", header: table.value.header, rows: table.value.rows };
  const prepared = prepareLinkInput(source, undefined, syntheticCityFields(scenario.withIds));
  if (!prepared.ok) throw new Error(prepared.en);
  const result = await runLinkage(database.db, prepared.value);
  if (!result.ok) throw new Error(result.en);
  return {
    accuracy: measureAccuracy(result.value.pairs.map((p) => [p.leftId, p.rightId] as const), scenario.truePairs, true),
    report: result.value.report,
  };
}

describe("synthetic city: all six extracts deduplicated with default settings", () => {
  it("finds the records of one person with F1 ≥ 0.99 when the ID numbers are present", async () => {
    const { accuracy, report } = await measure(scenarios.withIds);
    expect(report.em?.converged).toBe(true);
    expect(accuracy.f1).toBeGreaterThanOrEqual(0.99);
  }, 120_000);

  it("finds them with F1 ≥ 0.95 when every ID column is removed", async () => {
    const { accuracy } = await measure(scenarios.withoutIds);
    expect(accuracy.f1).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
