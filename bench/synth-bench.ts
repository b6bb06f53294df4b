/**
 * Benchmark of the synthetic city (`renkou synth`, src/modules/synth): 1,000,000 starting persons with all six
 * extracts and the truth, against the targets of ≤ 60 s wall time and ≤ 2 GB peak RSS on the project's 2-core
 * machine. Run with `npm run bench:synth` (or `node --import tsx bench/synth-bench.ts [--persons N] [--seed S]`).
 *
 * The generation runs in a child process (this script with `--child`), so its wall time includes start-up
 * and its peak RSS is its own: the child reports getrusage's ru_maxrss, and the parent also polls
 * /proc/<pid>/status (VmHWM) as a cross-check. As the peer on the same machine in the same run (DESIGN.md §2.5)
 * the script times writing the same number of bytes with plain Node streams: the I/O floor no generator can
 * beat. The machine's load average before and after is recorded, and the child's CPU time with it: on a busy
 * machine the wall time says more about the neighbours than about the generator. Results go to
 * bench/results/synth.json.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateCity } from "../src/modules/synth/generate-city.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const WORK_DIR = join(HERE, "work", "synth");
const RESULTS = join(HERE, "results", "synth.json");
const TARGET_SECONDS = 60;
const TARGET_RSS_MB = 2048;

interface ChildReport {
  readonly generationSeconds: number;
  /** User + system CPU of the child (all its threads): what the work costs whatever else the machine runs. */
  readonly cpuSeconds: number;
  readonly maxRssMB: number;
  readonly counts: Record<string, number>;
  readonly rows: Record<string, number>;
}

const { values } = parseArgs({
  options: {
    child: { type: "boolean", default: false },
    persons: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: WORK_DIR },
    keep: { type: "boolean", default: false },
  },
});

if (values.child) await runChild(Number(values.persons), Number(values.seed), values.out);
else await runBenchmark(Number(values.persons), Number(values.seed), values.out, values.keep);

/** The measured part: generate the city and report time and peak memory on stdout as JSON. */
async function runChild(persons: number, seed: number, out: string): Promise<void> {
  const started = performance.now();
  const summary = await generateCity({ persons, seed, outDir: out });
  const cpu = process.cpuUsage();
  const report: ChildReport = {
    generationSeconds: (performance.now() - started) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    counts: { ...summary.counts },
    rows: Object.fromEntries(summary.extracts.map((e) => [e.title, e.rows])),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function runBenchmark(persons: number, seed: number, out: string, keep: boolean): Promise<void> {
  await rm(out, { recursive: true, force: true });
  const loadBefore = os.loadavg();
  const started = performance.now();
  const { report, polledPeakMB } = await runChildProcess(persons, seed, out);
  const wallSeconds = (performance.now() - started) / 1000;
  const outputBytes = await directorySize(out);
  const floorSeconds = await timeIoFloor(outputBytes, join(out, "..", "io-floor.bin"));
  if (!keep) await rm(out, { recursive: true, force: true });

  const peakRssMB = Math.max(report.maxRssMB, polledPeakMB);
  const result = {
    benchmark: "synth",
    command: `node --import tsx bench/synth-bench.ts --persons ${persons} --seed ${seed}`,
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.platform()} ${os.release()}`,
      loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
      loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    node: process.version,
    parameters: { persons, seed, format: "native" },
    targets: { wallSeconds: TARGET_SECONDS, peakRssMB: TARGET_RSS_MB },
    results: {
      wallSeconds: round(wallSeconds),
      generationSeconds: round(report.generationSeconds),
      cpuSeconds: round(report.cpuSeconds),
      peakRssMB: Math.round(peakRssMB),
      outputMB: Math.round(outputBytes / 2 ** 20),
      counts: report.counts,
      extractRows: report.rows,
    },
    peer: {
      name: "io-floor",
      description: "writing the same number of bytes with Node fs streams, no generation",
      seconds: round(floorSeconds),
    },
    pass: wallSeconds <= TARGET_SECONDS && peakRssMB <= TARGET_RSS_MB,
  };
  await mkdir(dirname(RESULTS), { recursive: true });
  await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result.results)}\npeer ${result.peer.seconds} s; ${result.pass ? "PASS" : "FAIL"} → ${RESULTS}\n`);
  if (!result.pass) process.exitCode = 1;
}

function runChildProcess(persons: number, seed: number, out: string): Promise<{ report: ChildReport; polledPeakMB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--child", "--persons", String(persons), "--seed", String(seed), "--out", out],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let stdout = "";
    let polledPeakMB = 0;
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const poll = setInterval(() => {
      readFile(`/proc/${child.pid}/status`, "utf8")
        .then((status) => {
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          polledPeakMB = Math.max(polledPeakMB, kb / 1024);
        })
        .catch(() => undefined);
    }, 50);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`generation failed with exit code ${code}`));
      resolve({ report: JSON.parse(stdout.trim().split("\n").pop()!) as ChildReport, polledPeakMB });
    });
  });
}

async function directorySize(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** Time to write `bytes` bytes in 1 MiB chunks through a write stream, honouring backpressure. */
async function timeIoFloor(bytes: number, path: string): Promise<number> {
  const chunk = Buffer.alloc(1 << 20, 0x41);
  const started = performance.now();
  const stream = createWriteStream(path);
  for (let written = 0; written < bytes; written += chunk.length) {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const seconds = (performance.now() - started) / 1000;
  await rm(path, { force: true });
  return seconds;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
