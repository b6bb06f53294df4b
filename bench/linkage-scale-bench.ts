/**
 * `npm run bench:linkage-scale`: deduplicating synthetic persons at scale, renkou against Splink (DuckDB) on
 * the same file, same machine, same run. Writes bench/results/linkage-scale.json.
 *
 *   1,000,000 records  renkou on a PostgreSQL server  vs  Splink        (target: renkou ≤ Splink's wall time)
 *     100,000 records  renkou embedded (PGlite)       vs  Splink        (target: renkou ≤ 60 s)
 *
 * Sizes: `--server-n N` / `--embedded-n N` (or LINKAGE_SCALE_SERVER_N / LINKAGE_SCALE_EMBEDDED_N); 0 skips
 * that run. `--no-splink` skips Splink. The server is BENCH_DATABASE_URL, else the dev server at
 * postgres://postgres@127.0.0.1:55432/postgres, in which a scratch database `renkou_linkage_scale` is created.
 *
 * Both tools run as child processes: renkou through its CLI (`bin/renkou link`, the `runLinkage` code path),
 * Splink through bench/peers/splink_scale_peer.py in bench/.venv (created as bench/linkage-bench.ts does).
 * Wall time: from reading the CSV to the pairs written, interpreter start-up excluded on both sides (each
 * tool's own clock; the process time including start-up is recorded too). Peak memory: each process's peak
 * RSS, and for the server run the PostgreSQL backend's peak RSS (VmHWM, sampled from /proc every 0.5 s; it
 * counts shared buffers the backend touched). Equivalent blocking: the same four rules, on plain columns.
 * F1 is computed by the same code for both from the pairs each wrote at match probability ≥ 0.5.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { measureAccuracy, type AccuracyMeasures } from "../src/modules/linkage/measure-accuracy.ts";
import { writeScalePersons } from "./linkage-scale-persons.ts";
import { ensureSplink, SPLINK_PYTHON } from "./peers/splink-venv.ts";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const REPO_DIR = join(BENCH_DIR, "..");
const WORK_DIR = join(BENCH_DIR, "work");
const THRESHOLD = 0.5;
const SEED = 20261203;
const SCRATCH_DATABASE = "renkou_linkage_scale";

const FIELDS = ["姓名:zh_name", "性别:sex", "出生日期:date", "公民身份号码:resident_id", "现住址编码:division_code", "手机号:phone"];
const BLOCKING = [["公民身份号码"], ["姓名", "出生日期"], ["手机号"], ["出生日期", "现住址编码"]];

function flagValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

function sizeOf(flag: string, env: string, fallback: number): number {
  const text = flagValue(flag) ?? process.env[env];
  const n = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} must be a non-negative integer`);
  return n;
}

function readPairs(path: string): Array<[string, string]> {
  const lines = readFileSync(path, "utf8").split("\n");
  const pairs: Array<[string, string]> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const [a, b] = line.split(",", 2);
    pairs.push([a!.replace(/^"|"$/g, ""), b!.replace(/^"|"$/g, "")]);
  }
  return pairs;
}

/** Peak RSS of a process so far (VmHWM), in MB; undefined when it is gone or not readable. */
function peakRssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far; undefined when it is gone. */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

interface ChildRun {
  readonly processSeconds: number;
  readonly stdout: string;
  readonly peakRssMb: number | null;
  readonly sampledPeakRssMb: Record<string, number>;
  /** Last sample of the child's CPU seconds (up to 0.5 s stale) and of each watched pid's. */
  readonly cpuSeconds: number | null;
  readonly watchedCpuSeconds: Record<string, number>;
}

/** Runs a command, sampling its own peak RSS and that of any extra pids `watch` returns. */
async function runChild(command: string, args: readonly string[], env: NodeJS.ProcessEnv, watch?: () => number[]): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: REPO_DIR, env, stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  let peak = 0;
  let cpu: number | null = null;
  const watched: Record<string, number> = {};
  const watchedCpu: Record<string, number> = {};
  const sample = () => {
    if (child.pid !== undefined) {
      peak = Math.max(peak, peakRssOf(child.pid) ?? 0);
      cpu = cpuSecondsOf(child.pid) ?? cpu;
    }
    for (const pid of watch?.() ?? []) {
      const rss = peakRssOf(pid);
      if (rss !== undefined) watched[pid] = Math.max(watched[pid] ?? 0, rss);
      const seconds = cpuSecondsOf(pid);
      if (seconds !== undefined) watchedCpu[pid] = seconds;
    }
  };
  const timer = setInterval(sample, 500);
  const code: number = await new Promise((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${command} ${args.slice(0, 3).join(" ")} … exited ${code}`);
  return {
    processSeconds: (performance.now() - started) / 1000,
    stdout,
    peakRssMb: peak > 0 ? peak : null,
    sampledPeakRssMb: watched,
    cpuSeconds: cpu,
    watchedCpuSeconds: watchedCpu,
  };
}

function serverUrls(): { admin: string; scratch: string } {
  const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:55432/postgres";
  const url = new URL(admin);
  url.pathname = `/${SCRATCH_DATABASE}`;
  return { admin, scratch: url.toString() };
}

function psql(url: string, query: string): string {
  return execFileSync("psql", [url, "-Atc", query], { encoding: "utf8" }).trim();
}

async function runRenkou(csv: string, slug: string, databaseUrl: string | undefined) {
  const engine = databaseUrl === undefined ? "embedded" : "server";
  const out = join(WORK_DIR, `${slug}-renkou-${engine}-pairs.csv`);
  const reportPath = join(WORK_DIR, `${slug}-renkou-${engine}-report.json`);
  const args = [join(REPO_DIR, "bin", "renkou"), "link", csv, "--id", "编号", ...FIELDS.flatMap((f) => ["--field", f])];
  for (const rule of BLOCKING) args.push("--block", rule.join(" & "));
  args.push("--out", out, "--report", reportPath);
  const env = { ...process.env, DATABASE_URL: databaseUrl ?? "" };
  // The server's backends for the scratch database (the run holds one connection; pg_stat_activity lists it).
  const backendPids = new Set<number>();
  const watch =
    databaseUrl === undefined
      ? undefined
      : () => {
          try {
            const text = psql(serverUrls().admin, `select pid from pg_stat_activity where datname = '${SCRATCH_DATABASE}' and backend_type = 'client backend'`);
            for (const line of text.split("\n")) if (line !== "") backendPids.add(Number(line));
          } catch {
            // a failed sample is skipped
          }
          return [...backendPids];
        };
  const run = await runChild(process.execPath, args, env, watch);
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as {
    blocking: { blockedPairs: number; rules: unknown };
    em: { converged: boolean; iterations: number } | null;
    timingsMs: Record<string, number>;
    wallMs: number;
    peakRssMb: number;
    pairsAtOrAboveThreshold: number;
    warnings: Array<{ en: string }>;
  };
  const backendPeaks = Object.values(run.sampledPeakRssMb);
  return {
    engine,
    seconds: report.wallMs / 1000,
    processSeconds: run.processSeconds,
    peakRssMb: Math.max(report.peakRssMb, run.peakRssMb ?? 0),
    serverBackendPeakRssMb: backendPeaks.length > 0 ? Math.max(...backendPeaks) : null,
    cpuSeconds: run.cpuSeconds,
    serverBackendCpuSeconds: Object.keys(run.watchedCpuSeconds).length > 0 ? round(Object.values(run.watchedCpuSeconds).reduce((a, b) => a + b, 0), 2) : null,
    blockedPairs: report.blocking.blockedPairs,
    blockingRules: report.blocking.rules,
    emConverged: report.em?.converged ?? null,
    timingsMs: report.timingsMs,
    // Reading the CSV, checking and encoding the records, computing their features (before the engine) and
    // writing the pairs (after it): the part of the wall time that is not in timingsMs.
    outsideEngineMs: report.wallMs - (report.timingsMs.total ?? 0),
    warnings: report.warnings.map((w) => w.en),
    pairs: readPairs(out),
  };
}

async function runSplink(csv: string, slug: string) {
  const out = join(WORK_DIR, `${slug}-splink-pairs.csv`);
  const config = join(WORK_DIR, `${slug}-splink-config.json`);
  writeFileSync(
    config,
    JSON.stringify({
      file: csv,
      id: "编号",
      name: "姓名",
      sex: "性别",
      date: "出生日期",
      resident_id: "公民身份号码",
      division: "现住址编码",
      phone: "手机号",
      blocking: BLOCKING,
      threshold: THRESHOLD,
      out,
    }),
  );
  const run = await runChild(SPLINK_PYTHON, [join(BENCH_DIR, "peers", "splink_scale_peer.py"), config], process.env);
  const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as {
    splink_version: string;
    duckdb_version: string;
    seconds: number;
    peak_rss_mb: number;
    cpu_seconds: number;
    stages: Record<string, number>;
  };
  return {
    seconds: result.seconds,
    processSeconds: run.processSeconds,
    version: result.splink_version,
    duckdbVersion: result.duckdb_version,
    peakRssMb: Math.max(result.peak_rss_mb, run.peakRssMb ?? 0),
    cpuSeconds: round(result.cpu_seconds, 2),
    stagesMs: result.stages,
    pairs: readPairs(out),
  };
}

function round(x: number, digits = 4): number {
  return Number(x.toFixed(digits));
}

function summarise(a: AccuracyMeasures) {
  return { precision: round(a.precision), recall: round(a.recall), f1: round(a.f1), truePositives: a.truePositives, falsePositives: a.falsePositives, falseNegatives: a.falseNegatives };
}

async function benchmarkSize(records: number, engine: "server" | "embedded", withSplink: boolean) {
  const slug = `scale-${records}`;
  const csv = join(WORK_DIR, `${slug}.csv`);
  const truthPath = join(WORK_DIR, `${slug}-truth.csv`);
  const generated = performance.now();
  const { truePairs, persons } = await writeScalePersons(records, SEED, csv, truthPath);
  console.log(`${records} records (${persons} persons, ${truePairs} true pairs) written in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
  const truth = readPairs(truthPath);
  const loadAtStart = loadavg();

  let databaseUrl: string | undefined;
  if (engine === "server") {
    const { admin, scratch } = serverUrls();
    psql(admin, `drop database if exists ${SCRATCH_DATABASE}`);
    psql(admin, `create database ${SCRATCH_DATABASE}`);
    databaseUrl = scratch;
  }
  const renkou = await runRenkou(csv, slug, databaseUrl);
  const renkouAccuracy = measureAccuracy(renkou.pairs, truth, true);
  console.log(`  renkou (${engine}) F1 ${renkouAccuracy.f1.toFixed(4)} in ${renkou.seconds.toFixed(1)} s, peak RSS ${renkou.peakRssMb} MB`);
  if (engine === "server") psql(serverUrls().admin, `drop database if exists ${SCRATCH_DATABASE}`);
  const loadBetween = loadavg();
  const splink = withSplink ? await runSplink(csv, slug) : null;
  const splinkAccuracy = splink === null ? null : measureAccuracy(splink.pairs, truth, true);
  if (splink !== null && splinkAccuracy !== null) {
    console.log(`  Splink F1 ${splinkAccuracy.f1.toFixed(4)} in ${splink.seconds.toFixed(1)} s, peak RSS ${splink.peakRssMb} MB`);
  }
  const { pairs: _renkouPairs, ...renkouRest } = renkou;
  const splinkRest = splink === null ? null : (({ pairs: _p, ...rest }) => rest)(splink);
  return {
    records,
    persons,
    truePairs,
    engine,
    blocking: BLOCKING,
    loadAverage: { atStart: loadAtStart.map((x) => round(x, 2)), beforeSplink: loadBetween.map((x) => round(x, 2)), atEnd: loadavg().map((x) => round(x, 2)) },
    renkou: { ...summarise(renkouAccuracy), ...renkouRest, seconds: round(renkou.seconds, 2), processSeconds: round(renkou.processSeconds, 2) },
    splink:
      splinkRest === null || splinkAccuracy === null
        ? null
        : { ...summarise(splinkAccuracy), ...splinkRest, seconds: round(splinkRest.seconds, 2), processSeconds: round(splinkRest.processSeconds, 2) },
    wallTimeRatioRenkouOverSplink: splink === null ? null : round(renkou.seconds / splink.seconds, 2),
    cpuTimeRatioRenkouOverSplink:
      splink === null || renkou.cpuSeconds === null ? null : round((renkou.cpuSeconds + (renkou.serverBackendCpuSeconds ?? 0)) / splink.cpuSeconds, 2),
    peakRssRatioRenkouOverSplink: splink === null ? null : round((renkou.peakRssMb + (renkou.serverBackendPeakRssMb ?? 0)) / splink.peakRssMb, 2),
    targets:
      engine === "server"
        ? { target: "wall time ≤ Splink's", met: splink === null ? null : renkou.seconds <= splink.seconds }
        : { target: "wall time ≤ 60 s", met: renkou.seconds <= 60 },
  };
}

async function main(): Promise<void> {
  const serverN = sizeOf("--server-n", "LINKAGE_SCALE_SERVER_N", 1_000_000);
  const embeddedN = sizeOf("--embedded-n", "LINKAGE_SCALE_EMBEDDED_N", 100_000);
  const withSplink = !process.argv.includes("--no-splink");
  mkdirSync(WORK_DIR, { recursive: true });
  mkdirSync(join(BENCH_DIR, "results"), { recursive: true });
  if (withSplink) ensureSplink();
  const results = [];
  if (embeddedN > 0) results.push(await benchmarkSize(embeddedN, "embedded", withSplink));
  if (serverN > 0) results.push(await benchmarkSize(serverN, "server", withSplink));
  let serverVersion: string | null = null;
  try {
    serverVersion = serverN > 0 ? psql(serverUrls().admin, "show server_version") : null;
  } catch {
    serverVersion = null;
  }
  const output = {
    benchmark: "linkage at scale: deduplicating synthetic persons, renkou vs Splink (DuckDB), default model settings, no labels",
    command: "npm run bench:linkage-scale [-- --server-n N --embedded-n N --no-splink]",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, postgresServer: serverVersion },
    fields: FIELDS,
    threshold: THRESHOLD,
    seed: SEED,
    results,
  };
  writeFileSync(join(BENCH_DIR, "results", "linkage-scale.json"), `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote ${join(BENCH_DIR, "results", "linkage-scale.json")}`);
}

await main();
