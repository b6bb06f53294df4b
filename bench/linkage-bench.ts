/**
 * `npm run bench:linkage`: renkou's linkage against Splink (DuckDB) on the FEBRL files and on the synthetic
 * city, same machine, same run, same fields and blocking, default settings and no labels on both sides.
 * Writes bench/results/linkage.json.
 *
 *   npm run bench:linkage                      both parts
 *   npm run bench:linkage -- --only febrl      FEBRL only   (the city's earlier results are kept in the file)
 *   npm run bench:linkage -- --only city       city only    (the FEBRL results are kept)
 *   --city-persons N (default 20000), --city-seed S (default 20240601)
 *
 * The synthetic city: `generateCity` (src/modules/synth) writes the six extracts as CSV, and
 * `writeSyntheticCityLinkageInput` turns them into one file of person records per scenario (with the ID
 * columns, and without) plus the true pairs (src/modules/linkage/README.md, "Accuracy on the synthetic
 * city"). The same files go to both tools.
 *
 * renkou runs through its CLI command in this process (embedded in-memory PostgreSQL, and a PostgreSQL server
 * too when BENCH_DATABASE_URL names a scratch database); Splink runs in a
 * virtual environment this script creates (bench/.venv, `pip install splink`). Both wall times cover reading
 * the CSVs to writing the pairs; interpreter start-up is excluded on both sides. F1 is computed by the same
 * code for both, from the pairs each wrote at match probability ≥ 0.5.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { linkCommand } from "../src/modules/linkage/link-command.ts";
import { measureAccuracy, type AccuracyMeasures } from "../src/modules/linkage/measure-accuracy.ts";
import { readCsvTable } from "../src/modules/linkage/read-csv-table.ts";
import type { FieldSpec } from "../src/modules/linkage/model.ts";
import { FEBRL_DIR, FEBRL_FIELDS, FEBRL_FIELD_FLAGS, findFebrlTruePairs } from "../src/modules/linkage/test-support/febrl.ts";
import {
  syntheticCityFieldFlags,
  syntheticCityFields,
  writeSyntheticCityLinkageInput,
  type SyntheticCityScenario,
} from "../src/modules/linkage/test-support/synthetic-city-linkage-input.ts";
import { generateCity } from "../src/modules/synth/generate-city.ts";
import { ensureSplink, SPLINK_PYTHON } from "./peers/splink-venv.ts";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const WORK_DIR = join(BENCH_DIR, "work");
const THRESHOLD = 0.5;

interface Dataset {
  readonly name: string;
  readonly files: readonly string[];
}

const DATASETS: readonly Dataset[] = [
  { name: "febrl4a-4b (link)", files: ["dataset4a.csv", "dataset4b.csv"] },
  { name: "febrl1 (dedupe)", files: ["dataset1.csv"] },
  { name: "febrl2 (dedupe)", files: ["dataset2.csv"] },
  { name: "febrl3 (dedupe)", files: ["dataset3.csv"] },
];

function readIds(path: string, idColumn: string): string[] {
  const table = readCsvTable(readFileSync(path));
  if (!table.ok) throw new Error(`${path}: ${table.reason}`);
  const idIndex = table.value.header.indexOf(idColumn);
  return table.value.rows.map((row) => row[idIndex]!);
}

function flagValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** What one run compares: the files, their id column, the fields (as CLI flags and as specs). */
interface LinkTask {
  readonly paths: readonly string[];
  readonly slug: string;
  readonly idColumn: string;
  readonly fields: readonly FieldSpec[];
  readonly fieldFlags: readonly string[];
  /** Blocking keys with a transform that a plain column of the file provides for Splink: `pinyin(name)` → `name_pinyin`. */
  readonly transformColumns?: Readonly<Record<string, string>>;
  /** Splink's extra inputs per compared column (the pinyin column of a Chinese name). */
  readonly splinkFieldExtras?: Readonly<Record<string, Record<string, string | boolean>>>;
}

function readPairs(path: string): Array<[string, string]> {
  const table = readCsvTable(readFileSync(path));
  if (!table.ok) return [];
  return table.value.rows.map((row) => [row[0]!, row[1]!]);
}

/** renkou on a PostgreSQL server as well, when `BENCH_DATABASE_URL` names one (a scratch database). */
const SERVER_URL = process.env.BENCH_DATABASE_URL;

async function runRenkou(task: LinkTask, databaseUrl = "") {
  const engine = databaseUrl === "" ? "embedded" : "server";
  const out = join(WORK_DIR, `${task.slug}-renkou-${engine}-pairs.csv`);
  const report = join(WORK_DIR, `${task.slug}-renkou-${engine}-report.json`);
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const started = performance.now();
  const code = await linkCommand.run(
    [...task.paths, "--id", task.idColumn, ...task.fieldFlags, "--out", out, "--report", report],
    { stdout: sink, stderr: process.stderr, stdin: process.stdin, env: { ...process.env, DATABASE_URL: databaseUrl }, cwd: process.cwd() },
  );
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`renkou link exited ${code}`);
  const parsed = JSON.parse(readFileSync(report, "utf8")) as {
    blocking: { rules: Array<{ rule: string }>; blockedPairs: number };
    em: unknown;
    timingsMs: unknown;
  };
  return { seconds, pairs: readPairs(out), rules: parsed.blocking.rules.map((r) => r.rule), blockedPairs: parsed.blocking.blockedPairs, em: parsed.em, timingsMs: parsed.timingsMs };
}

/**
 * renkou's rules as Splink column lists. A transform becomes the file's column that holds it (the city's
 * `name_pinyin` is the kernel's pinyin of `name`, which is what `pinyin(name)` blocks on); rules with other
 * transforms have no plain-column equivalent and are left out. renkou blocks on normalised values (an ID in
 * its 18-digit form); the Splink peer cleans those columns the same way before blocking.
 */
function toSplinkBlocking(rules: readonly string[], task: LinkTask): string[][] {
  const columns = new Set(task.fields.map((f) => f.name));
  return rules
    .map((rule) => rule.split("&").map((term) => term.trim().replace(/\s+/g, "")))
    .map((terms) => terms.map((term) => task.transformColumns?.[term] ?? term))
    .filter((terms) => terms.every((term) => columns.has(term) || Object.values(task.transformColumns ?? {}).includes(term)));
}

function runSplink(task: LinkTask, blocking: string[][]) {
  const out = join(WORK_DIR, `${task.slug}-splink-pairs.csv`);
  const config = join(WORK_DIR, `${task.slug}-splink-config.json`);
  writeFileSync(
    config,
    JSON.stringify({
      files: task.paths,
      id: task.idColumn,
      fields: task.fields.map((f) => ({ column: f.name, type: f.type, ...task.splinkFieldExtras?.[f.name] })),
      blocking,
      threshold: THRESHOLD,
      out,
    }),
  );
  const started = performance.now();
  const stdout = execFileSync(SPLINK_PYTHON, [join(BENCH_DIR, "peers", "splink_peer.py"), config], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const processSeconds = (performance.now() - started) / 1000;
  const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as { splink_version: string; seconds: number; peak_rss_mb: number };
  return { seconds: result.seconds, processSeconds, version: result.splink_version, peakRssMb: result.peak_rss_mb, pairs: readPairs(out) };
}

function round(x: number, digits = 4): number {
  return Number(x.toFixed(digits));
}

function summarise(a: AccuracyMeasures) {
  return { precision: round(a.precision), recall: round(a.recall), f1: round(a.f1), truePositives: a.truePositives, falsePositives: a.falsePositives, falseNegatives: a.falseNegatives };
}

async function compare(task: LinkTask, name: string, truth: Array<[string, string]>, dedupe: boolean) {
  const renkou = await runRenkou(task);
  const blocking = toSplinkBlocking(renkou.rules, task);
  const splink = runSplink(task, blocking);
  const renkouAccuracy = measureAccuracy(renkou.pairs, truth, dedupe);
  const splinkAccuracy = measureAccuracy(splink.pairs, truth, dedupe);
  const server = SERVER_URL === undefined ? undefined : await runRenkou(task, SERVER_URL);
  const serverAccuracy = server === undefined ? undefined : measureAccuracy(server.pairs, truth, dedupe);
  const row = {
    dataset: name,
    truePairs: truth.length,
    renkouBlocking: renkou.rules,
    blocking,
    renkou: { ...summarise(renkouAccuracy), seconds: round(renkou.seconds, 2), blockedPairs: renkou.blockedPairs, em: renkou.em, timingsMs: renkou.timingsMs },
    renkouServer:
      server === undefined || serverAccuracy === undefined
        ? null
        : { ...summarise(serverAccuracy), seconds: round(server.seconds, 2), timingsMs: server.timingsMs, wallTimeRatioOverSplink: round(server.seconds / splink.seconds, 2) },
    splink: { ...summarise(splinkAccuracy), seconds: round(splink.seconds, 2), processSeconds: round(splink.processSeconds, 2), peakRssMb: splink.peakRssMb, version: splink.version },
    f1AtLeastSplink: renkouAccuracy.f1 >= splinkAccuracy.f1,
    wallTimeRatioRenkouOverSplink: round(renkou.seconds / splink.seconds, 2),
  };
  console.log(
    `${name.padEnd(28)} renkou F1 ${row.renkou.f1.toFixed(4)} in ${row.renkou.seconds.toFixed(1)} s | ` +
      `Splink F1 ${row.splink.f1.toFixed(4)} in ${row.splink.seconds.toFixed(1)} s | time ratio ${row.wallTimeRatioRenkouOverSplink}` +
      (row.renkouServer ? ` | renkou on server F1 ${row.renkouServer.f1.toFixed(4)} in ${row.renkouServer.seconds.toFixed(1)} s` : ""),
  );
  return row;
}

async function runFebrl() {
  const results = [];
  for (const dataset of DATASETS) {
    const paths = dataset.files.map((f) => join(FEBRL_DIR, f));
    const ids = paths.map((path) => readIds(path, "rec_id"));
    const truth = findFebrlTruePairs(ids[0]!, ids[1]);
    const task: LinkTask = { paths, slug: dataset.files[0]!.replace(".csv", ""), idColumn: "rec_id", fields: FEBRL_FIELDS, fieldFlags: FEBRL_FIELD_FLAGS };
    results.push(await compare(task, dataset.name, truth, paths.length === 1));
  }
  return results;
}

async function runSyntheticCity(persons: number, seed: number) {
  const cityDir = join(WORK_DIR, `city-${persons}-${seed}`);
  const started = performance.now();
  const summary = await generateCity({ persons, seed, outDir: cityDir, format: "csv" });
  const scenarios = writeSyntheticCityLinkageInput(cityDir, join(cityDir, "linkage-input"));
  console.log(`synthetic city: ${persons} persons, seed ${seed}, generated and prepared in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const results = [];
  const runs: Array<[SyntheticCityScenario, boolean]> = [
    [scenarios.withIds, true],
    [scenarios.withoutIds, true],
    [scenarios.withIds, false],
    [scenarios.withoutIds, false],
  ];
  for (const [scenario, familyContext] of runs) {
    const label = `${scenario.withIds ? "with IDs" : "without IDs"}${familyContext ? "" : ", core fields"}`;
    const task: LinkTask = {
      paths: [scenario.records],
      slug: `city-${persons}-${scenario.withIds ? "with-ids" : "without-ids"}${familyContext ? "" : "-core"}`,
      idColumn: "record_id",
      fields: syntheticCityFields(scenario.withIds, familyContext),
      fieldFlags: syntheticCityFieldFlags(scenario.withIds, familyContext),
      transformColumns: { "pinyin(name)": "name_pinyin", "pinyin(partner_name)": "partner_name_pinyin" },
      splinkFieldExtras: { name: { pinyin_column: "name_pinyin" }, partner_name: { pinyin_column: "partner_name_pinyin", context: true }, partner_id: { context: true } },
    };
    const row = await compare(task, `city ${persons} ${label} (dedupe)`, scenario.truePairs, true);
    results.push({ ...row, records: scenario.recordCount, familyContext });
  }
  return { persons, seed, truthCounts: summary.counts, results };
}

interface PreviousResults {
  readonly results?: unknown;
  readonly syntheticCity?: unknown;
}

async function main(): Promise<void> {
  const only = flagValue("--only");
  if (only !== undefined && only !== "febrl" && only !== "city") throw new Error(`--only must be febrl or city, not ${only}`);
  const persons = Number(flagValue("--city-persons") ?? 20_000);
  const seed = Number(flagValue("--city-seed") ?? 20_240_601);
  mkdirSync(WORK_DIR, { recursive: true });
  mkdirSync(join(BENCH_DIR, "results"), { recursive: true });
  const resultsPath = join(BENCH_DIR, "results", "linkage.json");
  const previous: PreviousResults = existsSync(resultsPath) ? (JSON.parse(readFileSync(resultsPath, "utf8")) as PreviousResults) : {};
  ensureSplink();
  const results = only === "city" ? (previous.results ?? []) : await runFebrl();
  const syntheticCity = only === "febrl" ? (previous.syntheticCity ?? null) : await runSyntheticCity(persons, seed);
  const output = {
    benchmark: "linkage: FEBRL and the synthetic city, renkou vs Splink, default settings, no labels",
    date: new Date().toISOString(),
    ranParts: only ?? "febrl and city",
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    renkouEngine: "embedded PostgreSQL (PGlite, in memory); renkouServer: PostgreSQL server (BENCH_DATABASE_URL), when given",
    loadAverageAtStart: loadavg()[0],
    threshold: THRESHOLD,
    renkouPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    results,
    syntheticCity,
  };
  writeFileSync(resultsPath, `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote ${resultsPath}`);
}

await main();
