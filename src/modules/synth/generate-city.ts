import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import {
  buildWorld,
  type CityCounts,
  type CityJob,
  type CityJobResult,
  countEvents,
  errorPartPath,
  EXTRACTS,
  type ExtractSummary,
  type OutputFormat,
  snapshotWorld,
  TRUTH_JOB,
  type World,
  type WorldSnapshot,
  writeCityJobs,
} from "./city-jobs.ts";
import type { FromWorker, ToWorker } from "./city-jobs-worker.ts";
import { daysFromCivil, formatDay } from "./civil-date.ts";
import { DEMO_PROFILE } from "./demo-profile.ts";
import { ERROR_COUNT_SLOTS, ERROR_HEADERS, type ErrorSummary, summariseErrorCounts } from "./error-log.ts";
import type { ExtractSpec } from "./extracts/extract.ts";
import { type ResolvedProfile, resolveProfile } from "./profile.ts";
import { TRUTH_FILES } from "./truth.ts";

export { OUTPUT_FORMATS, type ExtractSummary, type OutputFormat } from "./city-jobs.ts";

export interface GenerateCityOptions {
  /** People in the city on the first day of the span (the population grows and changes from there). */
  readonly persons: number;
  /** Any safe non-negative integer; same options, same bytes. */
  readonly seed: number;
  readonly outDir: string;
  /** A resolved profile (`resolveProfile`); the defaults when omitted. */
  readonly profile?: ResolvedProfile;
  readonly format?: OutputFormat;
  /**
   * Write part of the files in a worker thread (the bytes are the same either way). Default: from
   * PARALLEL_THRESHOLD persons, where the second core saves more than copying the city to the worker costs.
   */
  readonly parallel?: boolean;
  readonly onProgress?: (progress: SynthProgress) => void;
}

export interface SynthProgress {
  /** population, events, observations, an extract's file name, truth, or done. */
  readonly stage: string;
  /** Stages started so far, out of `total` (both threads' stages count). */
  readonly done: number;
  readonly total: number;
}

export interface SynthSummary {
  readonly generator: "renkou synth";
  readonly formatVersion: 1;
  readonly seed: number;
  readonly startingPersons: number;
  readonly format: OutputFormat;
  readonly span: { readonly from: string; readonly to: string };
  /** The day the extracts were taken (end of the span). */
  readonly extractionDate: string;
  readonly counts: CityCounts;
  readonly extracts: readonly ExtractSummary[];
  readonly truthFiles: readonly string[];
  readonly errors: ErrorSummary;
  readonly profile: ResolvedProfile["profile"];
}

export const EXTRACT_SPECS: readonly ExtractSpec[] = EXTRACTS.map(([spec]) => spec);

/** Size of the demo city the console ships with. */
export const DEMO_PERSONS = 50_000;
export const DEMO_SEED = 20240601;

/** From this many persons, `generateCity` splits the work over two threads by default. */
export const PARALLEL_THRESHOLD = 100_000;

/**
 * Jobs for the worker thread when the work is split. Measured CPU at 1,000,000 persons: household registry
 * ~9 s, hospital workbook ~6 s, marriages ~1 s on this thread; truth tables ~9 s and certificates, newborn
 * registrations and deaths ~5 s on the worker, so the two threads finish together.
 */
const WORKER_JOBS: readonly string[] = [TRUTH_JOB, "birth-certificates", "newborn-registrations", "death-registrations"];

/**
 * Generates the synthetic city into `outDir`: six departmental extracts and `truth/` (manifest.json, true
 * persons, households and events, the SRB table, every row's true person and event ids, every injected
 * error). Deterministic: the same options give the same bytes. Writes files, nothing else.
 */
export async function generateCity(options: GenerateCityOptions): Promise<SynthSummary> {
  if (!Number.isSafeInteger(options.persons) || options.persons < 1) throw new Error("persons must be a positive integer");
  const resolved = options.profile ?? defaultProfile();
  const format = options.format ?? "native";
  const parallel = options.parallel ?? options.persons >= PARALLEL_THRESHOLD;
  const allJobs = [...EXTRACTS.map(([spec]) => spec.file), TRUTH_JOB];
  const workerJobs = parallel ? WORKER_JOBS : [];
  const job = (jobs: readonly string[]): CityJob => ({
    persons: options.persons,
    seed: options.seed,
    outDir: options.outDir,
    format,
    profile: resolved.profile,
    jobs,
  });

  // Stages: three to build the city, one per job, one to join the errors.
  const total = 3 + allJobs.length + 1;
  let done = 0;
  const progress = (stage: string): void => options.onProgress?.({ stage, done: done++, total });

  await mkdir(join(options.outDir, "truth", "rows"), { recursive: true });
  // The worker starts now so that loading its modules overlaps with building the city.
  const worker = parallel ? startCityWorker(progress) : undefined;
  let world: World;
  let here: CityJobResult;
  let there: CityJobResult | undefined;
  try {
    world = buildWorld(job(allJobs), progress);
    worker?.send(job(workerJobs), snapshotWorld(world));
    here = await writeCityJobs(world, job(allJobs.filter((j) => !workerJobs.includes(j))), progress);
    there = worker === undefined ? undefined : await worker.result;
  } catch (error) {
    await worker?.cancel();
    throw error;
  }

  progress("errors");
  await joinErrorParts(options.outDir);
  const errorCounts = new Float64Array(ERROR_COUNT_SLOTS);
  for (const result of [here, there]) result?.errorCounts.forEach((count, i) => (errorCounts[i] = errorCounts[i]! + count));
  const extracts = EXTRACTS.map(([spec]) => [...here.extracts, ...(there?.extracts ?? [])].find((e) => e.source === spec.source)!);

  const summary: SynthSummary = {
    generator: "renkou synth",
    formatVersion: 1,
    seed: options.seed,
    startingPersons: options.persons,
    format,
    span: { from: formatDay(daysFromCivil(resolved.firstYear, 1, 1), "iso"), to: formatDay(world.city.extractionDay, "iso") },
    extractionDate: formatDay(world.city.extractionDay, "iso"),
    counts: countEvents(world.city, world.log),
    extracts,
    truthFiles: [...TRUTH_FILES, ...EXTRACTS.map(([spec]) => `rows/${spec.file}.csv`), "manifest.json"],
    errors: summariseErrorCounts(errorCounts),
    profile: resolved.profile,
  };
  await writeFile(join(options.outDir, "truth", "manifest.json"), `${JSON.stringify(summary, null, 2)}\n`);
  options.onProgress?.({ stage: "done", done: total, total });
  return summary;
}

/** The demo city for the console: DEMO_PERSONS people with a profile whose SRB surveillance has findings. */
export async function generateDemoCity(outDir: string, onProgress?: (progress: SynthProgress) => void): Promise<SynthSummary> {
  const resolved = resolveProfile(DEMO_PROFILE);
  if (!resolved.ok) throw new Error(`the demo profile is invalid: ${resolved.detail}`);
  return generateCity({ persons: DEMO_PERSONS, seed: DEMO_SEED, outDir, profile: resolved.value, ...(onProgress ? { onProgress } : {}) });
}

function defaultProfile(): ResolvedProfile {
  const resolved = resolveProfile({});
  if (!resolved.ok) throw new Error(`the default profile is invalid: ${resolved.detail}`);
  return resolved.value;
}

interface CityWorker {
  send(job: CityJob, world: WorldSnapshot): void;
  readonly result: Promise<CityJobResult>;
  cancel(): Promise<void>;
}

/**
 * A worker thread that writes some of the files from a copy of the world. Workers do not inherit the
 * parent's TypeScript loader, so a small JavaScript bootstrap registers tsx (a runtime dependency) before
 * importing the worker module.
 */
function startCityWorker(onStage: (stage: string) => void): CityWorker {
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./city-jobs-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  const result = new Promise<CityJobResult>((resolve, reject) => {
    let outcome: CityJobResult | undefined;
    worker.on("message", (message: FromWorker) => {
      if (message.type === "stage") onStage(message.stage);
      else if (message.type === "done") outcome = message.result;
    });
    worker.on("error", reject);
    worker.on("exit", (code) => (outcome !== undefined ? resolve(outcome) : reject(new Error(`city worker stopped (exit code ${code})`))));
  });
  // Keep a failing worker from becoming an unhandled rejection while this thread is still busy.
  result.catch(() => undefined);
  return {
    send: (job, world) => worker.postMessage({ type: "world", job, world } satisfies ToWorker),
    result,
    cancel: async () => {
      await worker.terminate();
    },
  };
}

/** Joins the per-extract error parts into truth/errors.csv, in extract order, and removes the parts. */
async function joinErrorParts(outDir: string): Promise<void> {
  const out = createWriteStream(join(outDir, "truth", "errors.csv"));
  out.write(`${ERROR_HEADERS.join(",")}\n`);
  for (const [spec] of EXTRACTS) {
    const part = errorPartPath(outDir, spec.file);
    out.write(await readFile(part));
    await rm(part);
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
