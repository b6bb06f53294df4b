import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { measureAccuracy } from "./measure-accuracy.ts";
import { prepareLinkInput, type LinkSource } from "./prepare-link-input.ts";
import { readCsvTable } from "./read-csv-table.ts";
import { runLinkage } from "./run-linkage.ts";
import { FEBRL_DIR, FEBRL_FIELDS, findFebrlTruePairs } from "./test-support/febrl.ts";

/**
 * Accuracy on public benchmarks with default settings and no labels (the bigger FEBRL files and the
 * comparison with Splink live in `npm run bench:linkage`).
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  await database.close();
});

function loadFebrl(file: string): LinkSource {
  const table = readCsvTable(readFileSync(join(FEBRL_DIR, file)));
  if (!table.ok) throw new Error(`${file}: ${table.reason}`);
  return { label: file, idColumn: "rec_id", header: table.value.header, rows: table.value.rows };
}

async function measure(files: string[]) {
  const sources = files.map(loadFebrl);
  const prepared = prepareLinkInput(sources[0]!, sources[1], FEBRL_FIELDS);
  if (!prepared.ok) throw new Error(prepared.en);
  const result = await runLinkage(database.db, prepared.value);
  if (!result.ok) throw new Error(result.en);
  const ids = sources.map((s) => s.rows.map((row) => row[0]!));
  const truth = findFebrlTruePairs(ids[0]!, ids[1]);
  return {
    accuracy: measureAccuracy(result.value.pairs.map((p) => [p.leftId, p.rightId] as const), truth, files.length === 1),
    report: result.value.report,
  };
}

describe("FEBRL accuracy with default settings", () => {
  it("links dataset4a to dataset4b with F1 ≥ 0.98", async () => {
    const { accuracy, report } = await measure(["dataset4a.csv", "dataset4b.csv"]);
    expect(report.em?.converged).toBe(true);
    expect(accuracy.f1).toBeGreaterThanOrEqual(0.98);
  }, 180_000);

  it("deduplicates dataset1 with F1 ≥ 0.95", async () => {
    const { accuracy } = await measure(["dataset1.csv"]);
    expect(accuracy.f1).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
