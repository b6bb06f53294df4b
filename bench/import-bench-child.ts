/**
 * One measured run for bench/import-bench.ts, in its own process so that its peak RSS is the import's alone.
 *   migrate TARGET       — creates and migrates TARGET (an embedded data directory or a postgres:// URL),
 *                          in a process of its own so that the migration's memory is not counted;
 *   import TARGET FILE   — opens TARGET, then times `importSourceFile` of FILE as hukou;
 *   copy-embedded DIR FILE — the floor: a plain COPY of FILE into an unindexed table of a fresh embedded
 *                          database (PGlite's own COPY from a blob; the socket server does not speak COPY).
 * Prints one JSON line: { seconds, cpuSeconds, mainThreadCpuSeconds?, summary? } (cpuSeconds: the whole
 * process, every thread; mainThreadCpuSeconds: the thread that parses, validates and sends the rows).
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { migrate } from "../src/db/migrate.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { loadImportLimits } from "../src/modules/registry/source-files/import-limits.ts";
import { importSourceFile } from "../src/modules/registry/import-source-file.ts";

const [mode, target, file] = process.argv.slice(2);
if (!mode || !target) throw new Error("usage: import-bench-child.ts migrate|import|copy-embedded TARGET [FILE]");
const open = () => openDatabase(target.startsWith("postgres://") ? { kind: "server", url: target } : { kind: "embedded", dataDir: target });

if (mode === "migrate") {
  const connection = await open();
  await migrate(connection.db);
  await connection.close();
  process.stdout.write(`${JSON.stringify({ seconds: 0, cpuSeconds: 0 })}\n`);
} else if (!file) {
  throw new Error("FILE is required");
} else if (mode === "import") {
  const connection = await open();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const mainThreadBefore = mainThreadCpuSeconds();
  const outcome = await importSourceFile(
    connection.db,
    { path: file, fileName: "bench-hukou.csv", sourceType: "hukou" },
    { engine: connection.engine, limits: loadImportLimits(process.env) },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const mainThreadCpu = mainThreadCpuSeconds() - mainThreadBefore;
  await connection.close();
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, mainThreadCpuSeconds: mainThreadCpu, summary: outcome.summary, failure: outcome.failure })}\n`);
} else if (mode === "copy-embedded") {
  // Loaded here only: the import's own process (like `renkou import`) runs PGlite on its worker thread alone.
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create({ dataDir: target });
  await db.exec(`create table plain (${Array.from({ length: 9 }, (_, i) => `c${i} text`).join(", ")})`);
  const blob = new Blob([await readFile(file)]);
  const started = performance.now();
  await db.query("copy plain from '/dev/blob' with (format csv, header true)", [], { blob });
  const seconds = (performance.now() - started) / 1000;
  await db.close();
  process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds: 0 })}\n`);
} else {
  throw new Error(`unknown mode ${mode}`);
}

/** CPU time of this process's main thread (utime + stime of its task in proc(5), 100 ticks a second). */
function mainThreadCpuSeconds(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
