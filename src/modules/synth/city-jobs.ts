import { join } from "node:path";
import { City, type CitySnapshot } from "./city.ts";
import { yearStart } from "./civil-date.ts";
import { CharacterTraits, Corruptor } from "./corruption.ts";
import { ERROR_COUNT_SLOTS, ErrorLog } from "./error-log.ts";
import { type EventLog, type EventLogSnapshot, restoreEventLog, snapshotEventLog } from "./event-log.ts";
import { simulateEvents } from "./events.ts";
import { BIRTH_CERTIFICATES, writeBirthCertificates } from "./extracts/birth-certificates.ts";
import { DEATH_REGISTRATIONS, writeDeathRegistrations } from "./extracts/death-registrations.ts";
import type { ExtractContext, ExtractSpec } from "./extracts/extract.ts";
import { HOSPITAL_DELIVERIES, writeHospitalDeliveries } from "./extracts/hospital-deliveries.ts";
import { HOUSEHOLD_REGISTRY, writeHouseholdRegistry } from "./extracts/household-registry.ts";
import { MARRIAGE_REGISTRATIONS, writeMarriageRegistrations } from "./extracts/marriage-registrations.ts";
import { NEWBORN_REGISTRATIONS, writeNewbornRegistrations } from "./extracts/newborn-registrations.ts";
import { type Observations, observeEvents } from "./observations.ts";
import { buildPopulation } from "./population.ts";
import { type Profile, type ResolvedProfile, resolveProfile, type SourceName } from "./profile.ts";
import { Random } from "./random.ts";
import { writeTruth } from "./truth.ts";
import { CsvTableWriter } from "./writers/csv-table-writer.ts";
import { FanOutSink, type TableSink } from "./writers/table-sink.ts";
import { XlsxTableWriter } from "./writers/xlsx-table-writer.ts";

/** `native`: each department's habitual format (README.md); `csv` / `xlsx`: all in one; `both`: each twice. */
export type OutputFormat = "native" | "csv" | "xlsx" | "both";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["native", "csv", "xlsx", "both"];

type ExtractWriter = (context: ExtractContext) => Promise<void>;

/** The six extracts in the order of the summary and of truth/errors.csv. */
export const EXTRACTS: readonly (readonly [ExtractSpec, ExtractWriter])[] = [
  [HOUSEHOLD_REGISTRY, writeHouseholdRegistry],
  [MARRIAGE_REGISTRATIONS, writeMarriageRegistrations],
  [HOSPITAL_DELIVERIES, writeHospitalDeliveries],
  [BIRTH_CERTIFICATES, writeBirthCertificates],
  [NEWBORN_REGISTRATIONS, writeNewbornRegistrations],
  [DEATH_REGISTRATIONS, writeDeathRegistrations],
];

/** A job is an extract's file name, or "truth" for the truth tables. */
export const TRUTH_JOB = "truth";

/** What a thread needs to write some of the files. Plain data: it crosses to workers. */
export interface CityJob {
  readonly persons: number;
  readonly seed: number;
  readonly outDir: string;
  readonly format: OutputFormat;
  readonly profile: Profile;
  readonly jobs: readonly string[];
}

export interface ExtractSummary {
  readonly source: SourceName;
  readonly title: string;
  readonly files: readonly { readonly path: string; readonly format: "csv" | "xlsx"; readonly encoding?: string }[];
  readonly rows: number;
}

export interface CityCounts {
  readonly persons: number;
  readonly households: number;
  readonly births: number;
  readonly deaths: number;
  readonly marriages: number;
  readonly moves: number;
  readonly migrationsIn: number;
  readonly migrationsOut: number;
}

export interface CityJobResult {
  readonly extracts: readonly ExtractSummary[];
  /** ErrorLog counts of the extracts written here (see ErrorLog.counts). */
  readonly errorCounts: readonly number[];
}

/** The generated city: its people, what happened, and what the departments saw. */
export interface World {
  readonly city: City;
  readonly log: EventLog;
  readonly observations: Observations;
  readonly profile: ResolvedProfile;
}

/** The world as plain data for a worker thread (typed arrays and string arrays; structured cloning copies them). */
export interface WorldSnapshot {
  readonly city: CitySnapshot;
  readonly log: EventLogSnapshot;
  readonly observations: Observations;
}

/** Where the errors of one extract go before they are joined into truth/errors.csv. */
export function errorPartPath(outDir: string, file: string): string {
  return join(outDir, "truth", `errors.${file}.part`);
}

function resolved(job: CityJob): ResolvedProfile {
  const result = resolveProfile(job.profile);
  if (!result.ok) throw new Error(`invalid profile: ${result.detail}`);
  return result.value;
}

/** Builds the city and runs the span; `onStage` hears each stage as it starts. */
export function buildWorld(job: CityJob, onStage: (stage: string) => void): World {
  const profile = resolved(job);
  const startDay = yearStart(profile.firstYear);
  const extractionDay = yearStart(profile.lastYear + 1) - 1;
  onStage("population");
  const city = buildPopulation(job.persons, startDay, extractionDay, profile.profile.population.floatingShare, job.seed);
  onStage("events");
  const log = simulateEvents(city, profile, job.seed);
  onStage("observations");
  const observations = observeEvents(city, log, profile, job.seed);
  return { city, log, observations, profile };
}

export function snapshotWorld(world: World): WorldSnapshot {
  return { city: world.city.snapshot(), log: snapshotEventLog(world.log), observations: world.observations };
}

export function restoreWorld(snapshot: WorldSnapshot, job: CityJob): World {
  return {
    city: City.restore(snapshot.city, Random.derive(job.seed, "id-numbers")),
    log: restoreEventLog(snapshot.log),
    observations: snapshot.observations,
    profile: resolved(job),
  };
}

/** Writes the job's files (extracts by file name, and "truth") from the world. */
export async function writeCityJobs(world: World, job: CityJob, onStage: (stage: string) => void): Promise<CityJobResult> {
  const { city, log, observations, profile } = world;
  const mine = EXTRACTS.filter(([spec]) => job.jobs.includes(spec.file));
  const traits = new CharacterTraits(mine.length > 0 ? await loadTraditionalConverter() : (text) => text);
  const extracts: ExtractSummary[] = [];
  const errorCounts = new Float64Array(ERROR_COUNT_SLOTS);
  for (const [spec, write] of mine) {
    onStage(spec.file);
    const errors = new ErrorLog(new CsvTableWriter(errorPartPath(job.outDir, spec.file), [], "utf8"));
    extracts.push(await writeExtract(spec, write, { city, log, observations, resolved: profile, job, traits, errors }));
    await errors.close();
    errors.counts.forEach((count, i) => (errorCounts[i] = errorCounts[i]! + count));
  }
  if (job.jobs.includes(TRUTH_JOB)) {
    onStage(TRUTH_JOB);
    await writeTruth(join(job.outDir, "truth"), city, log, observations, profile);
  }
  return { extracts, errorCounts: Array.from(errorCounts) };
}

interface ExtractJob {
  readonly city: City;
  readonly log: EventLog;
  readonly observations: Observations;
  readonly resolved: ResolvedProfile;
  readonly job: CityJob;
  readonly traits: CharacterTraits;
  readonly errors: ErrorLog;
}

async function writeExtract(spec: ExtractSpec, write: ExtractWriter, work: ExtractJob): Promise<ExtractSummary> {
  const { job } = work;
  const files: { path: string; format: "csv" | "xlsx"; encoding?: string }[] = [];
  const sinks: TableSink[] = [];
  const csv = job.format === "csv" || job.format === "both" || (job.format === "native" && spec.nativeFormat === "csv");
  const xlsx = job.format === "xlsx" || job.format === "both" || (job.format === "native" && spec.nativeFormat === "xlsx");
  if (csv) {
    files.push({ path: `${spec.file}.csv`, format: "csv", encoding: spec.encoding });
    sinks.push(new CsvTableWriter(join(job.outDir, `${spec.file}.csv`), spec.headers, spec.encoding, spec.lineEnding, spec.quoting));
  }
  if (xlsx) {
    files.push({ path: `${spec.file}.xlsx`, format: "xlsx" });
    // Workbook and ZIP entry times: the first moment after the extraction day, so bytes never depend on the clock.
    const timestamp = new Date(Date.UTC(work.resolved.lastYear + 1, 0, 1));
    sinks.push(new XlsxTableWriter(join(job.outDir, `${spec.file}.xlsx`), spec.sheetName, spec.headers, new Set(spec.numericColumns), timestamp));
  }
  const rows = sinks.length === 1 ? sinks[0]! : new FanOutSink(sinks);
  const truth = new CsvTableWriter(join(job.outDir, "truth", "rows", `${spec.file}.csv`), ["row", ...spec.truthHeaders], "utf8", "\n", "none");
  const corrupt = new Corruptor(
    Random.derive(job.seed, `errors:${spec.file}`),
    work.resolved.errorRates[spec.source],
    work.errors,
    spec.source,
    spec.file,
    work.traits,
    work.city.places,
  );
  const truthCells = new Array<string>(spec.truthHeaders.length + 1).fill("");
  let row = 0;
  const context: ExtractContext = {
    city: work.city,
    log: work.log,
    observations: work.observations,
    random: Random.derive(job.seed, `habits:${spec.file}`),
    corrupt,
    nextRow() {
      row++;
      corrupt.row = row;
      return row;
    },
    emit(cells, truthValues) {
      truthCells[0] = String(row);
      for (let i = 0; i < truthValues.length; i++) truthCells[i + 1] = truthValues[i]!;
      const rowsWait = rows.write(cells);
      const truthWait = truth.write(truthCells);
      return rowsWait || truthWait || work.errors.blocked;
    },
    async drain() {
      await rows.drain();
      await truth.drain();
      await work.errors.drain();
    },
  };
  await write(context);
  const written = await rows.close();
  await truth.close();
  return { source: spec.source, title: spec.title, files, rows: written };
}

export function countEvents(city: City, log: EventLog): CityCounts {
  let migrationsIn = 0;
  const direction = log.migrations.col("direction");
  for (let g = 0; g < log.migrations.size; g++) if (direction[g] === 1) migrationsIn++;
  return {
    persons: city.persons.size,
    households: city.households.size,
    births: log.births.size,
    deaths: log.deaths.size,
    marriages: log.marriages.size,
    moves: log.moves.size,
    migrationsIn,
    migrationsOut: log.migrations.size - migrationsIn,
  };
}

/** opencc-js's Simplified → Traditional converter, loaded only when extracts are written (about 0.3 s). */
async function loadTraditionalConverter(): Promise<(text: string) => string> {
  const opencc = await import("opencc-js/cn2t");
  return opencc.Converter({ from: "cn", to: "t" });
}
