import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../../config.ts";
import { DataDirLockedError } from "../../db/embedded/data-dir-lock.ts";
import { migrate } from "../../db/migrate.ts";
import { openDatabase, type DatabaseConnection, type DatabaseTarget } from "../../db/open-database.ts";
import { openMemoryWorkspace } from "./link-workspace.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand, type CliIo } from "../../cli/command.ts";
import { parseFlags } from "../../cli/parse-flags.ts";
import { describeParameters, parseParameters, checkParametersFitFields, serialiseParameters } from "./link-parameters.ts";
import { measureAccuracy, type AccuracyMeasures } from "./measure-accuracy.ts";
import { FieldSpec, FieldType, type LinkParameters } from "./model.ts";
import { prepareLinkInputInParallel, type LinkSource } from "./prepare-link-input.ts";
import { readCsvTable } from "./read-csv-table.ts";
import { runLinkage, type LinkOutcome } from "./run-linkage.ts";

const USAGE = `renkou link LEFT.csv [RIGHT.csv] --id COL [--right-id COL] --field LCOL[=RCOL]:TYPE ...
             [--block RULE ...] [--threshold P] [--data-dir DIR] --out PAIRS.csv
             [--clusters CLUSTERS.csv] [--report REPORT.json] [--truth T.csv]
             [--one-to-one] [--params MODEL.json [--retrain]] [--save-params MODEL.json] [--print-params]
             [--explain] [--u-sample N] [--max-pairs-per-rule N] [--lambda-rule RULE [--lambda-recall R]]

  One file: find duplicates within it. Two files: link them. Fellegi–Sunter model, estimated without labels
  (u from random pairs, m and λ by EM); see src/modules/linkage/README.md.

  --field LCOL[=RCOL]:TYPE  compare LCOL (left) with RCOL (right; default the same name). TYPE is one of
                            ${FieldType.options.join(", ")}
  --block RULE              a blocking rule, repeatable (OR-list): "surname & year(date_of_birth)";
                            transforms pinyin() initials() surname() metaphone() birth() year() prefix(f,n)
                            last8(). Default: chosen from the field types and the data's block sizes.
  --threshold P             write pairs with match probability ≥ P (default 0.5)
  --out PAIRS.csv           left_id,right_id,match_probability,match_weight (+ per-field columns with --explain)
  --clusters FILE           cluster_id,side,record_id (connected components; cluster id = smallest record id)
  --report FILE             JSON: parameters, EM diagnostics, blocking pair counts, timings, peak memory
  --truth T.csv             two id columns of true pairs: prints precision, recall and F1
  --one-to-one              two files without duplicates: each record in at most one pair
  --params / --save-params  use a saved model (skips estimation) / save this run's model
  --retrain                 with --params: re-estimate m (and λ) by EM from the saved model, keeping its u,
                            the levels marked "fixed": true and, with "lambdaFixed": true, λ
  --lambda-rule RULE        λ from a deterministic rule (pairs agreeing on it, divided by --lambda-recall,
                            default 1) instead of from EM
  Database: a PostgreSQL server in DATABASE_URL, the embedded database in --data-dir, else an in-memory one.`;

/** Opens the database the run works in; injected so tests can hand in their own. */
export type OpenLinkDatabase = (io: CliIo, dataDir: string | undefined) => Promise<DatabaseConnection>;

const openLinkDatabase: OpenLinkDatabase = async (io, dataDir) => {
  const config = loadConfig({ dataDir }, io.env);
  // CSV-to-CSV linkage needs no stored data: without a server or a data directory it runs in memory, where
  // only the foundation migration (the pg_trgm and fuzzystrmatch extensions) is needed.
  const target: DatabaseTarget = config.databaseUrl
    ? { kind: "server", url: config.databaseUrl, poolSize: config.poolSize }
    : dataDir !== undefined
      ? { kind: "embedded", dataDir: config.dataDir }
      : { kind: "memory" };
  if (target.kind === "memory") return openMemoryWorkspace();
  const database = await openDatabase(target);
  try {
    await migrate(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
};

export function createLinkCommand(open: OpenLinkDatabase = openLinkDatabase): CliCommand {
  return {
    name: ["link"],
    summary: { zh: "记录链接与去重（CSV）", en: "Link or deduplicate records in CSV files" },
    usage: USAGE,
    run: (args, io) => runLinkCommand(args, io, open),
  };
}

export const linkCommand: CliCommand = createLinkCommand();

function parseLinkFlags(args: readonly string[]) {
  const { values, positionals } = parseFlags(
    args,
    {
      id: { type: "string" },
      "right-id": { type: "string" },
      field: { type: "string", multiple: true },
      block: { type: "string", multiple: true },
      threshold: { type: "string" },
      "data-dir": { type: "string" },
      out: { type: "string" },
      clusters: { type: "string" },
      report: { type: "string" },
      truth: { type: "string" },
      "one-to-one": { type: "boolean" },
      params: { type: "string" },
      retrain: { type: "boolean" },
      "save-params": { type: "string" },
      "print-params": { type: "boolean" },
      explain: { type: "boolean" },
      "u-sample": { type: "string" },
      "lambda-rule": { type: "string" },
      "lambda-recall": { type: "string" },
      "max-pairs-per-rule": { type: "string" },
    },
    true,
  );
  if (positionals.length < 1 || positionals.length > 2) throw new UsageError("give one CSV file (deduplicate) or two (link)");
  if (values.id === undefined) throw new UsageError("--id COL is required");
  if (values.out === undefined) throw new UsageError("--out PAIRS.csv is required");
  if (!values.field || values.field.length === 0) throw new UsageError("at least one --field LCOL[=RCOL]:TYPE is required");
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new UsageError("--threshold must be a probability between 0 and 1");
  const lambdaRecall = values["lambda-recall"] === undefined ? 1 : Number(values["lambda-recall"]);
  if (!(lambdaRecall > 0 && lambdaRecall <= 1)) throw new UsageError("--lambda-recall must be in (0, 1]");
  return {
    lambdaRule: values["lambda-rule"] === undefined ? undefined : { rule: values["lambda-rule"], recall: lambdaRecall },
    files: positionals,
    id: values.id,
    rightId: values["right-id"] ?? values.id,
    fields: values.field.map(parseFieldFlag),
    blockingRules: values.block,
    threshold,
    dataDir: values["data-dir"],
    out: values.out,
    clusters: values.clusters,
    report: values.report,
    truth: values.truth,
    oneToOne: values["one-to-one"] ?? false,
    params: values.params,
    retrain: values.retrain ?? false,
    saveParams: values["save-params"],
    printParams: values["print-params"] ?? false,
    explain: values.explain ?? false,
    uSampleSize: positiveInteger(values["u-sample"], "--u-sample"),
    maxPairsPerRule: positiveInteger(values["max-pairs-per-rule"], "--max-pairs-per-rule"),
  };
}

function positiveInteger(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}

/** `身份证号=公民身份号码:resident_id` → left 身份证号, right 公民身份号码, type resident_id. */
export function parseFieldFlag(text: string): FieldSpec {
  const colon = text.lastIndexOf(":");
  if (colon < 0) throw new UsageError(`--field ${text}: expected LCOL[=RCOL]:TYPE`);
  const type = FieldType.safeParse(text.slice(colon + 1).trim());
  if (!type.success) throw new UsageError(`--field ${text}: TYPE must be one of ${FieldType.options.join(", ")}`);
  const columns = text.slice(0, colon);
  const equals = columns.indexOf("=");
  const left = (equals < 0 ? columns : columns.slice(0, equals)).trim();
  const right = (equals < 0 ? columns : columns.slice(equals + 1)).trim();
  if (left === "" || right === "") throw new UsageError(`--field ${text}: a column name is empty`);
  return { name: left, leftColumn: left, rightColumn: right, type: type.data };
}

async function runLinkCommand(args: readonly string[], io: CliIo, open: OpenLinkDatabase): Promise<number> {
  const flags = parseLinkFlags(args);
  const started = performance.now();
  const failWith = (message: { zh: string; en: string }) => {
    io.stderr.write(`error: ${message.en}\n错误：${message.zh}\n`);
    return EXIT_FAILURE;
  };

  if (flags.retrain && flags.params === undefined) throw new UsageError("--retrain needs --params MODEL.json");
  const sources: LinkSource[] = [];
  for (const [i, file] of flags.files.entries()) {
    const table = await readTable(resolve(io.cwd, file));
    if (!table.ok) return failWith(table.message);
    sources.push({ label: file, idColumn: i === 0 ? flags.id : flags.rightId, header: table.header, rows: table.rows });
  }
  // The database opens (the embedded engine starts, migrations are checked) while the records are prepared:
  // on a large file both take seconds, and they use different cores.
  const opening: Promise<{ ok: true; database: DatabaseConnection } | { ok: false; error: unknown }> = open(io, flags.dataDir).then(
    (database) => ({ ok: true, database }),
    (error: unknown) => ({ ok: false, error }),
  );
  const failClosing = async (message: { zh: string; en: string }) => {
    const opened = await opening;
    if (opened.ok) await opened.database.close();
    return failWith(message);
  };
  const prepared = await prepareLinkInputInParallel(sources[0]!, sources[1], flags.fields);
  // The parsed rows (a million arrays of strings) are not needed any more; this function lives until the end
  // of the run, so without this the garbage collector would go through them again at every major collection.
  sources.length = 0;
  if (!prepared.ok) return failClosing(prepared);

  let parameters: LinkParameters | undefined;
  if (flags.params !== undefined) {
    const path = resolve(io.cwd, flags.params);
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text === undefined) return failClosing({ zh: `无法读取模型参数文件 ${path}`, en: `cannot read the parameters file ${path}` });
    const loaded = parseParameters(text);
    const fitting = loaded.ok ? checkParametersFitFields(loaded.value, prepared.value.fields) : loaded;
    if (!fitting.ok) return failClosing({ zh: `模型参数文件不可用：${fitting.detail ?? ""}`, en: `unusable parameters file: ${fitting.detail ?? ""}` });
    parameters = fitting.value;
  }

  const opened = await opening;
  if (!opened.ok) {
    const error = opened.error;
    if (error instanceof DataDirLockedError || error instanceof ConfigError) return failWith({ zh: error.message, en: error.message });
    throw error;
  }
  const database = opened.database;
  let outcome: LinkOutcome;
  try {
    const result = await runLinkage(database.db, prepared.value, {
      blockingRules: flags.blockingRules,
      threshold: flags.threshold,
      parameters,
      retrain: flags.retrain,
      oneToOne: flags.oneToOne,
      explain: flags.explain,
      uSampleSize: flags.uSampleSize,
      maxPairsPerRule: flags.maxPairsPerRule,
      lambdaRule: flags.lambdaRule,
    });
    if (!result.ok) return failWith(result);
    outcome = result.value;
  } finally {
    await database.close();
  }

  for (const warning of outcome.report.warnings) io.stderr.write(`warning: ${warning.en}\n警告：${warning.zh}\n`);
  if (prepared.value.leftCount + prepared.value.rightCount < 2) {
    io.stderr.write("warning: only one record: there is nothing to compare\n警告：只有一条记录，无可比对\n");
  }
  await writeFile(resolve(io.cwd, flags.out), formatPairs(outcome, flags.explain));
  if (flags.clusters !== undefined) await writeFile(resolve(io.cwd, flags.clusters), formatClusters(outcome));
  if (flags.saveParams !== undefined) await writeFile(resolve(io.cwd, flags.saveParams), serialiseParameters(outcome.report.parameters));
  if (flags.printParams) io.stdout.write(`${describeParameters(outcome.report.parameters)}\n`);

  let accuracy: AccuracyMeasures | undefined;
  if (flags.truth !== undefined) {
    const truth = await readTable(resolve(io.cwd, flags.truth));
    if (!truth.ok) return failWith(truth.message);
    const truePairs = truth.rows.filter((row) => row.length >= 2).map((row) => [row[0]!, row[1]!] as const);
    accuracy = measureAccuracy(
      outcome.pairs.map((p) => [p.leftId, p.rightId] as const),
      truePairs,
      outcome.report.mode === "dedupe",
    );
    io.stdout.write(
      `precision ${accuracy.precision.toFixed(4)}  recall ${accuracy.recall.toFixed(4)}  F1 ${accuracy.f1.toFixed(4)}` +
        `  (true positives ${accuracy.truePositives}, false positives ${accuracy.falsePositives}, false negatives ${accuracy.falseNegatives})\n`,
    );
  }
  const wallMs = Math.round(performance.now() - started);
  if (flags.report !== undefined) {
    const report = {
      ...outcome.report,
      files: flags.files,
      accuracy: accuracy ?? null,
      wallMs,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    await writeFile(resolve(io.cwd, flags.report), `${JSON.stringify(report, null, 2)}\n`);
  }
  io.stdout.write(
    `${outcome.report.mode}: ${outcome.report.blocking.blockedPairs} candidate pairs, ${outcome.pairs.length} at or above ` +
      `${outcome.report.threshold}, ${outcome.report.clusters} clusters, ${(wallMs / 1000).toFixed(1)} s\n`,
  );
  return EXIT_OK;
}

type TableRead =
  | { ok: true; header: readonly string[]; rows: readonly (readonly string[])[] }
  | { ok: false; message: { zh: string; en: string } };

async function readTable(path: string): Promise<TableRead> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { ok: false, message: { zh: `无法读取文件 ${path}`, en: `cannot read file ${path}` } };
  }
  const table = readCsvTable(bytes);
  if (table.ok) return { ok: true, header: table.value.header, rows: table.value.rows };
  return table.reason === "empty_file"
    ? { ok: false, message: { zh: `文件为空：${path}`, en: `empty file: ${path}` } }
    : { ok: false, message: { zh: `CSV 格式错误：${path}：${table.detail ?? ""}`, en: `malformed CSV in ${path}: ${table.detail ?? ""}` } };
}

/**
 * CSV cell: quoted when needed; a text starting with = + - @ gets a leading apostrophe so a spreadsheet does
 * not run it as a formula (DESIGN.md §9). Numbers (e.g. -3.2) are left alone.
 */
export function formatCsvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function formatPairs(outcome: LinkOutcome, explain: boolean): string {
  const fields = outcome.report.parameters.comparisons.map((c) => c.field);
  const header = ["left_id", "right_id", "match_probability", "match_weight"];
  if (explain) for (const field of fields) header.push(`${field}_level`, `${field}_weight`);
  const lines = [header.map(formatCsvCell).join(",")];
  for (const pair of outcome.pairs) {
    const cells = [pair.leftId, pair.rightId, pair.matchProbability.toPrecision(6), pair.matchWeight.toFixed(4)];
    for (const c of pair.contributions ?? []) cells.push(c.level, (c.weight + c.tfAdjustment).toFixed(4));
    lines.push(cells.map(formatCsvCell).join(","));
  }
  return `${lines.join("\n")}\n`;
}

function formatClusters(outcome: LinkOutcome): string {
  const lines = ["cluster_id,side,record_id"];
  for (const member of outcome.clusters) lines.push([member.clusterId, member.side, member.recordId].map(formatCsvCell).join(","));
  return `${lines.join("\n")}\n`;
}
