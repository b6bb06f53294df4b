import { ConfigError, loadConfig } from "../config.ts";
import { DataDirLockedError } from "../db/embedded/data-dir-lock.ts";
import { migrate } from "../db/migrate.ts";
import { openDatabase } from "../db/open-database.ts";
import { databaseTargetOf } from "../main.ts";
import { EXIT_FAILURE, EXIT_OK, type CliCommand } from "./command.ts";
import { parseFlags } from "./parse-flags.ts";

export const migrateCommand: CliCommand = {
  name: ["migrate"],
  summary: { zh: "更新数据库结构", en: "Apply database migrations" },
  usage: `renkou migrate [--data-dir DIR] [--json]

  Applies pending migrations (src/db/migrations) to the embedded database in DIR, or to DATABASE_URL.`,
  async run(args, io) {
    const { values } = parseFlags(args, { "data-dir": { type: "string" }, json: { type: "boolean" } });
    let database;
    try {
      database = await openDatabase(databaseTargetOf(loadConfig({ dataDir: values["data-dir"] }, io.env)));
    } catch (error) {
      if (error instanceof DataDirLockedError || error instanceof ConfigError) {
        io.stderr.write(`${error.message}\n`);
        return EXIT_FAILURE;
      }
      throw error;
    }
    try {
      const report = await migrate(database.db);
      if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        for (const name of report.applied) io.stdout.write(`applied ${name}\n`);
        io.stdout.write(`${report.applied.length} applied, ${report.alreadyApplied} already applied\n`);
      }
      return EXIT_OK;
    } finally {
      await database.close();
    }
  },
};
