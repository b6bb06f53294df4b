/**
 * Seeds the e2e server's database with a small synthetic city (DESIGN.md §10: synthetic data only), imported
 * through the ordinary import path, so the browser tests meet real-looking personal data and the log check
 * (log-privacy.check.ts) has generated names and ID numbers to look for. The city stays in E2E_CITY_DIR,
 * truth included. Runs before the server starts; the embedded database admits one process at a time.
 */
import { join } from "node:path";
import { migrate } from "../../src/db/migrate.ts";
import { openDatabase } from "../../src/db/open-database.ts";
import { parseCivilDate } from "../../src/kernel/dates.ts";
import { sourceTypeOfExtract } from "../../src/modules/demo/source-type-of-extract.ts";
import { importSourceFile } from "../../src/modules/registry/import-source-file.ts";
import { ImportLimits } from "../../src/modules/registry/source-files/import-limits.ts";
import { generateCity } from "../../src/modules/synth/generate-city.ts";

export const E2E_CITY_DIR = "test-results/e2e-city";
/** Enough people for births in every county, few enough to generate and import in seconds. */
const E2E_CITY_PERSONS = 3_000;
const E2E_CITY_SEED = 20_251_203;

export async function seedE2eCity(root: string, dataDir: string): Promise<{ batches: number; rows: number }> {
  const cityDir = join(root, E2E_CITY_DIR);
  const city = await generateCity({ persons: E2E_CITY_PERSONS, seed: E2E_CITY_SEED, outDir: cityDir, parallel: false });
  const extractionDate = parseCivilDate(city.extractionDate);
  const database = await openDatabase({ kind: "embedded", dataDir: join(root, dataDir) });
  let batches = 0;
  let rows = 0;
  try {
    await migrate(database.db);
    for (const extract of city.extracts) {
      for (const file of extract.files) {
        const { summary, failure } = await importSourceFile(
          database.db,
          { path: join(cityDir, file.path), fileName: file.path, sourceType: sourceTypeOfExtract(extract.source) },
          { engine: database.engine, limits: ImportLimits.parse({}), asOf: extractionDate.ok ? extractionDate.value : undefined },
        );
        if (summary.status !== "committed") throw new Error(`e2e city: ${file.path} did not import: ${failure?.code ?? summary.status}`);
        batches++;
        rows += summary.rows;
      }
    }
  } finally {
    await database.close();
  }
  return { batches, rows };
}
