/**
 * `npm run bench:linkage`: renkou's linkage against Splink (DuckDB) on the FEBRL files, same machine, same run,
 * same fields and blocking, default settings and no labels on both sides. Writes bench/results/linkage.json.
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
import { FEBRL_DIR, FEBRL_FIELDS, FEBRL_FIELD_FLAGS, findFebrlTruePairs } from "../src/modules/linkage/test-support/febrl.ts";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const WORK_DIR = join(BENCH_DIR, "work");
const VENV = join(BENCH_DIR, ".venv");
const PYTHON = join(VENV, "bin", "python");
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

function ensureSplink(): void {
  if (!existsSync(PYTHON)) execFileSync("python3", ["-m", "venv", VENV], { stdio: "inherit" });
  try {
    execFileSync(PYTHON, ["-c", "import splink"], { stdio: "ignore" });
  } catch {
    execFileSync(join(VENV, "bin", "pip"), ["install", "--quiet", "splink"], { stdio: "inherit" });
  }
}

function readIds(path: string): string[] {
  const table = readCsvTable(readFileSync(path));
  if (!table.ok) throw new Error(`${path}: ${table.reason}`);
  const idIndex = table.value.header.indexOf("rec_id");
  return table.value.rows.map((row) => row[idIndex]!);
}

function readPairs(path: string): Array<[string, string]> {
  const table = readCsvTable(readFileSync(path));
  if (!table.ok) return [];
  return table.value.rows.map((row) => [row[0]!, row[1]!]);
}

/** renkou on a PostgreSQL server as well, when `BENCH_DATABASE_URL` names one (a scratch database). */
const SERVER_URL = process.env.BENCH_DATABASE_URL;

async function runRenkou(paths: readonly string[], slug: string, databaseUrl = "") {
  const engine = databaseUrl === "" ? "embedded" : "server";
  const out = join(WORK_DIR, `${slug}-renkou-${engine}-pairs.csv`);
  const report = join(WORK_DIR, `${slug}-renkou-${engine}-report.json`);
  const sink = { write: () => true } as unknown as NodeJS.WritableStream;
  const started = performance.now();
  const code = await linkCommand.run(
    [...paths, "--id", "rec_id", ...FEBRL_FIELD_FLAGS, "--out", out, "--report", report],
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

/** renkou's rules as Splink column lists; rules with transforms have no plain-column equivalent and are left out. */
function toSplinkBlocking(rules: readonly string[]): string[][] {
  const columns = new Set(FEBRL_FIELDS.map((f) => f.name));
  return rules
    .map((rule) => rule.split("&").map((term) => term.trim()))
    .filter((terms) => terms.every((term) => columns.has(term)));
}

function runSplink(paths: readonly string[], blocking: string[][], slug: string) {
  const out = join(WORK_DIR, `${slug}-splink-pairs.csv`);
  const config = join(WORK_DIR, `${slug}-splink-config.json`);
  writeFileSync(
    config,
    JSON.stringify({
      files: paths,
      id: "rec_id",
      fields: FEBRL_FIELDS.map((f) => ({ column: f.name, type: f.type })),
      blocking,
      threshold: THRESHOLD,
      out,
    }),
  );
  const started = performance.now();
  const stdout = execFileSync(PYTHON, [join(BENCH_DIR, "peers", "splink_peer.py"), config], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
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

async function main(): Promise<void> {
  mkdirSync(WORK_DIR, { recursive: true });
  mkdirSync(join(BENCH_DIR, "results"), { recursive: true });
  ensureSplink();
  const results = [];
  for (const dataset of DATASETS) {
    const slug = dataset.files[0]!.replace(".csv", "");
    const paths = dataset.files.map((f) => join(FEBRL_DIR, f));
    const ids = paths.map(readIds);
    const truth = findFebrlTruePairs(ids[0]!, ids[1]);
    const dedupe = paths.length === 1;
    const renkou = await runRenkou(paths, slug);
    const blocking = toSplinkBlocking(renkou.rules);
    const splink = runSplink(paths, blocking, slug);
    const renkouAccuracy = measureAccuracy(renkou.pairs, truth, dedupe);
    const splinkAccuracy = measureAccuracy(splink.pairs, truth, dedupe);
    const server = SERVER_URL === undefined ? undefined : await runRenkou(paths, slug, SERVER_URL);
    const serverAccuracy = server === undefined ? undefined : measureAccuracy(server.pairs, truth, dedupe);
    const row = {
      dataset: dataset.name,
      truePairs: truth.length,
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
    results.push(row);
    console.log(
      `${dataset.name.padEnd(20)} renkou F1 ${row.renkou.f1.toFixed(4)} in ${row.renkou.seconds.toFixed(1)} s | ` +
        `Splink F1 ${row.splink.f1.toFixed(4)} in ${row.splink.seconds.toFixed(1)} s | time ratio ${row.wallTimeRatioRenkouOverSplink}` +
        (row.renkouServer ? ` | renkou on server F1 ${row.renkouServer.f1.toFixed(4)} in ${row.renkouServer.seconds.toFixed(1)} s` : ""),
    );
  }
  const output = {
    benchmark: "linkage: FEBRL, renkou vs Splink, default settings, no labels",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    renkouEngine: "embedded PostgreSQL (PGlite, in memory); renkouServer: PostgreSQL server (BENCH_DATABASE_URL), when given",
    loadAverageAtStart: loadavg()[0],
    threshold: THRESHOLD,
    renkouPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    results,
  };
  writeFileSync(join(BENCH_DIR, "results", "linkage.json"), `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote ${join(BENCH_DIR, "results", "linkage.json")}`);
}

await main();
