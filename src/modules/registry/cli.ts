/**
 * `renkou import` and `renkou batches`: thin commands over the import use case. With --json the last line
 * printed is one JSON object (the import summary, or the batch list), for scripts.
 */
import { resolve } from "node:path";
import { ConfigError, loadConfig } from "../../config.ts";
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand, type CliIo } from "../../cli/command.ts";
import { parseFlags } from "../../cli/parse-flags.ts";
import { DataDirLockedError } from "../../db/embedded/data-dir-lock.ts";
import { migrate } from "../../db/migrate.ts";
import { openDatabase, type DatabaseConnection } from "../../db/open-database.ts";
import { databaseTargetOf } from "../../main.ts";
import { loadImportLimits } from "./source-files/import-limits.ts";
import { importSourceFile } from "./import-source-file.ts";
import { BatchStatus, SOURCE_TYPES, SourceType, TEXT_ENCODINGS, TextEncoding, type ImportProgress } from "./model.ts";
import { renderProgressBar } from "./progress-bar.ts";
import { listBatchPage } from "./service.ts";

async function openMigrated(dataDir: string | undefined, io: CliIo): Promise<DatabaseConnection | undefined> {
  try {
    const database = await openDatabase(databaseTargetOf(loadConfig({ dataDir }, io.env)));
    try {
      await migrate(database.db);
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return undefined;
    }
    throw error;
  }
}

export const importCommand: CliCommand = {
  name: ["import"],
  summary: { zh: "导入部门数据文件", en: "Import a departmental data file" },
  usage: `renkou import --source TYPE FILE [--map HEADER=field ...] [--encoding E] [--sheet NAME] [--data-dir DIR] [--json]
  --source TYPE     ${SOURCE_TYPES.join(" | ")}
  --map H=field     map the column with header H to a standard field (repeatable; H= ignores the column)
  --encoding E      ${TEXT_ENCODINGS.join(" | ")} (CSV only; detected when omitted)
  --sheet NAME      XLSX worksheet (the first one when omitted)
  --data-dir DIR    embedded database directory (default ./data; ignored when DATABASE_URL is set)
  --json            print the result as one JSON object on the last line
  Importing the same file again reports "duplicate"; an interrupted import is completed by running it again.`,
  async run(args, io) {
    const { values, positionals } = parseFlags(
      args,
      {
        source: { type: "string" },
        map: { type: "string", multiple: true },
        encoding: { type: "string" },
        sheet: { type: "string" },
        "data-dir": { type: "string" },
        json: { type: "boolean" },
      },
      true,
    );
    const sourceType = SourceType.safeParse(values.source);
    if (!sourceType.success) throw new UsageError(`--source must be one of ${SOURCE_TYPES.join(", ")}`);
    const encoding = values.encoding === undefined ? undefined : TextEncoding.safeParse(values.encoding);
    if (encoding && !encoding.success) throw new UsageError(`--encoding must be one of ${TEXT_ENCODINGS.join(", ")}`);
    if (positionals.length !== 1) throw new UsageError("give exactly one FILE");
    const path = resolve(io.cwd, positionals[0]!);

    const database = await openMigrated(values["data-dir"], io);
    if (!database) return EXIT_FAILURE;
    const showProgress = io.stderr.isTTY === true && !values.json;
    const started = Date.now();
    let lastDrawn = 0;
    const draw = (progress: ImportProgress) => {
      const now = Date.now();
      if (now - lastDrawn < 100 && progress.phase === "reading") return;
      lastDrawn = now;
      io.stderr.write(`\r${renderProgressBar(progress, (now - started) / 1000)}\u001b[K`);
    };
    try {
      const outcome = await importSourceFile(
        database.db,
        { path, fileName: positionals[0]!, sourceType: sourceType.data, encoding: encoding?.data, sheet: values.sheet, overrides: values.map ?? [] },
        { engine: database.engine, limits: loadImportLimits(io.env), onProgress: showProgress ? draw : undefined },
      );
      if (showProgress) io.stderr.write("\n");
      const { summary, failure } = outcome;
      if (failure) io.stderr.write(`${failure.message.zh}\n${failure.message.en}${failure.detail ? ` (${failure.detail})` : ""} [${failure.code}]\n`);
      if (values.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        io.stdout.write(
          `batch ${summary.batch ?? "-"}: ${summary.status}; ${summary.rows} rows, ${summary.accepted} accepted, ` +
            `${summary.quarantined} quarantined, ${summary.warnings} with warnings\n`,
        );
        for (const [code, count] of Object.entries(summary.errors_by_code)) io.stdout.write(`  ${code}: ${count}\n`);
      }
      return summary.status === "failed" ? EXIT_FAILURE : EXIT_OK;
    } finally {
      await database.close();
    }
  },
};

export const batchesCommand: CliCommand = {
  name: ["batches"],
  summary: { zh: "列出导入批次", en: "List import batches" },
  usage: `renkou batches [--status loading|committed|failed] [--limit N] [--data-dir DIR] [--json]`,
  async run(args, io) {
    const { values } = parseFlags(args, {
      status: { type: "string" },
      limit: { type: "string" },
      "data-dir": { type: "string" },
      json: { type: "boolean" },
    });
    const status = values.status === undefined ? undefined : BatchStatus.safeParse(values.status);
    if (status && !status.success) throw new UsageError("--status must be loading, committed or failed");
    const limit = Number(values.limit ?? 100);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit must be a positive whole number");
    const database = await openMigrated(values["data-dir"], io);
    if (!database) return EXIT_FAILURE;
    try {
      const page = await listBatchPage(database.db, { status: status?.data }, limit, 0);
      if (values.json) {
        io.stdout.write(`${JSON.stringify(page)}\n`);
        return EXIT_OK;
      }
      io.stdout.write("batch  source       status     rows       accepted   quarantined  file\n");
      for (const batch of page.items) {
        io.stdout.write(
          `${String(batch.id).padEnd(6)} ${batch.sourceType.padEnd(12)} ${batch.status.padEnd(10)} ${String(batch.rows).padEnd(10)} ` +
            `${String(batch.accepted).padEnd(10)} ${String(batch.quarantined).padEnd(12)} ${batch.fileName}\n`,
        );
      }
      io.stdout.write(`${page.items.length} of ${page.total} batches\n`);
      return EXIT_OK;
    } finally {
      await database.close();
    }
  },
};

export const registryCommands: readonly CliCommand[] = [importCommand, batchesCommand];
