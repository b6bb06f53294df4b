/**
 * Seeds the synthetic demo city into an empty embedded database through the same import path users take
 * (generate the six departmental extracts, then import each file), and records the batches as demo data.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Db, DatabaseEngine } from "../../db/database.ts";
import { importSourceFile } from "../registry/import-source-file.ts";
import { loadImportLimits } from "../registry/source-files/import-limits.ts";
import { generateDemoCity } from "../synth/generate-city.ts";
import { parseCivilDate } from "../../kernel/dates.ts";
import { sourceTypeOfExtract } from "./source-type-of-extract.ts";
import { recordDemoBatch } from "./store.ts";

export interface DemoSeedProgress {
  readonly stage: "generating" | "importing" | "done";
  readonly detail: string;
}

export interface DemoSeedResult {
  readonly batches: number;
  readonly rows: number;
  readonly accepted: number;
  readonly quarantined: number;
}

export async function seedDemoCity(
  db: Db,
  options: { readonly engine: DatabaseEngine; readonly workDir: string; readonly onProgress?: (progress: DemoSeedProgress) => void },
): Promise<DemoSeedResult> {
  const cityDir = join(options.workDir, "demo-city");
  await rm(cityDir, { recursive: true, force: true });
  await mkdir(cityDir, { recursive: true });
  const city = await generateDemoCity(cityDir, (progress) =>
    options.onProgress?.({ stage: "generating", detail: progress.stage }),
  );
  const limits = loadImportLimits(process.env);
  // Judge dates against the day the extracts were taken, as a department's own import would.
  const extractionDate = parseCivilDate(city.extractionDate);
  const asOf = extractionDate.ok ? extractionDate.value : undefined;
  const totals = { batches: 0, rows: 0, accepted: 0, quarantined: 0 };
  for (const extract of city.extracts) {
    for (const file of extract.files) {
      options.onProgress?.({ stage: "importing", detail: extract.title });
      const outcome = await importSourceFile(
        db,
        { path: join(cityDir, file.path), fileName: file.path, sourceType: sourceTypeOfExtract(extract.source) },
        { engine: options.engine, limits, asOf },
      );
      const summary = outcome.summary;
      if (summary.status === "failed" || summary.batch === null) {
        throw new Error(`demo extract ${file.path} failed to import: ${outcome.failure?.code ?? "unknown"}`);
      }
      await recordDemoBatch(db, summary.batch);
      totals.batches++;
      totals.rows += summary.rows;
      totals.accepted += summary.accepted;
      totals.quarantined += summary.quarantined;
    }
  }
  await rm(cityDir, { recursive: true, force: true });
  options.onProgress?.({ stage: "done", detail: `${totals.batches} batches` });
  return totals;
}
