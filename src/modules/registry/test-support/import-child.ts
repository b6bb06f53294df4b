/**
 * Test support: runs one import in a child process against an embedded database directory, printing a line
 * per progress report, so a test can kill it with SIGKILL in the middle of an import and then run it again.
 * Usage: node --import tsx import-child.ts TARGET FILE SOURCE_TYPE CHUNK_ROWS, where TARGET is an embedded
 * data directory or a postgres:// URL.
 * Last line: {"summary": …, "stored": rows in source_record for the batch, "before": the batch as found}.
 */
import { sql } from "kysely";
import { migrate } from "../../../db/migrate.ts";
import { openDatabase } from "../../../db/open-database.ts";
import { ImportLimits } from "../source-files/import-limits.ts";
import { importSourceFile } from "../import-source-file.ts";
import { SourceType } from "../model.ts";

const [target, file, sourceType, chunkRows] = process.argv.slice(2);
const connection = await openDatabase(
  target!.startsWith("postgres://") ? { kind: "server", url: target!, poolSize: 2 } : { kind: "embedded", dataDir: target! },
);
await migrate(connection.db);
const before = await connection.db.selectFrom("source_batch").select(["id", "status", "rows_loaded"]).executeTakeFirst();
process.stdout.write(`ready ${JSON.stringify(before ?? null)}\n`);
const outcome = await importSourceFile(
  connection.db,
  { path: file!, fileName: file!, sourceType: SourceType.parse(sourceType) },
  {
    engine: connection.engine,
    limits: ImportLimits.parse({}),
    chunkRows: Number(chunkRows),
    onProgress: (progress) => process.stdout.write(`rows ${progress.rowsRead}\n`),
  },
);
const stored = outcome.summary.batch
  ? Number((await sql<{ n: number }>`select count(*)::int8 as n from source_record where batch_id = ${outcome.summary.batch}`.execute(connection.db)).rows[0]!.n)
  : 0;
process.stdout.write(`${JSON.stringify({ summary: outcome.summary, stored, before: before ?? null })}\n`);
await connection.close();
