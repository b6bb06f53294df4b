import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { generateCity } from "../synth/generate-city.ts";
import { ImportLimits } from "./source-files/import-limits.ts";
import { importSourceFile, type ImportOutcome } from "./import-source-file.ts";
import type { SourceType } from "./model.ts";

/** The six departments' extracts of the synthetic city and the source type each is imported as. */
const EXTRACTS: ReadonlyArray<[SourceType, string]> = [
  ["hukou", "household-registry"],
  ["marriage", "marriage-registrations"],
  ["delivery", "hospital-deliveries"],
  ["birth_cert", "birth-certificates"],
  ["newborn_reg", "newborn-registrations"],
  ["death", "death-registrations"],
];

interface TruthError {
  readonly source: string;
  readonly row: string;
  readonly field: string;
  readonly kind: string;
}

/**
 * Injected errors that must send a household-registry row to quarantine: the registry is the reference, so a
 * birth date or sex that disagrees with the ID number, a bad ID, or a missing required field is an error.
 */
function hukouMustQuarantine(error: TruthError): boolean {
  if (error.kind === "date_day_month_swap" || error.kind === "sex_wrong") return true;
  if (["id_substitution", "id_transposition", "id_missing"].includes(error.kind)) return true;
  return error.kind === "field_missing" && ["姓名", "公民身份号码", "出生日期", "性别"].includes(error.field);
}

describe("a round trip through the synthetic city's extracts", () => {
  let database: TestDatabase;
  let dir: string;
  const outcomes = new Map<SourceType, ImportOutcome>();
  let truth: TruthError[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "renkou-city-"));
    const summary = await generateCity({ persons: 3000, seed: 1, outDir: dir });
    database = await openTestDatabase();
    for (const [sourceType, name] of EXTRACTS) {
      const file = summary.extracts.find((extract) => extract.files[0]!.path.startsWith(name))!.files[0]!;
      outcomes.set(
        sourceType,
        await importSourceFile(database.db, { path: join(dir, file.path), fileName: file.path, sourceType }, { engine: database.engine, limits: ImportLimits.parse({}) }),
      );
    }
    truth = parse(readFileSync(join(dir, "truth", "errors.csv")), { columns: true }) as TruthError[];
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  /** Data row n of a file is row n + 1 in the import (the header is row 1). */
  async function quarantinedRows(sourceType: SourceType): Promise<number[]> {
    const batch = outcomes.get(sourceType)!.summary.batch!;
    const rows = await database.db.selectFrom("quarantine_row").select("row_number").where("batch_id", "=", batch).orderBy("row_number").execute();
    return rows.map((row) => row.row_number - 1);
  }

  it("commits every extract with every header mapped by the built-in dictionaries", () => {
    for (const [sourceType] of EXTRACTS) expect(outcomes.get(sourceType)!.summary.status, sourceType).toBe("committed");
  });

  it("quarantines exactly the household-registry rows whose injected errors break the reference identity", async () => {
    const expected = [...new Set(truth.filter((e) => e.source === "household-registry" && hukouMustQuarantine(e)).map((e) => Number(e.row)))].sort((a, b) => a - b);
    expect(await quarantinedRows("hukou")).toEqual(expected);
    const summary = outcomes.get("hukou")!.summary;
    expect(summary.accepted).toBe(summary.rows - expected.length);
  });

  it("quarantines event rows only where an injected date error made the dates impossible", async () => {
    for (const [sourceType, name] of EXTRACTS.slice(1)) {
      const swapped = new Set(truth.filter((e) => e.source === name && e.kind === "date_day_month_swap").map((e) => Number(e.row)));
      for (const row of await quarantinedRows(sourceType)) expect(swapped.has(row), `${sourceType} row ${row}`).toBe(true);
      const codes = Object.keys(outcomes.get(sourceType)!.summary.errors_by_code);
      const errors = codes.filter((code) => !["id_invalid", "id_missing", "id_sex_mismatch", "id_birth_date_mismatch", "duplicate_source_id", "event_date_missing", "division_unknown"].includes(code));
      expect(errors.every((code) => ["birth_after_event", "death_before_birth", "registered_before_event"].includes(code)), `${sourceType}: ${errors.join()}`).toBe(true);
    }
  });

  it("flags as invalid exactly the ID numbers the departments mistyped", () => {
    for (const [sourceType, name] of EXTRACTS.slice(1)) {
      const mistyped = truth.filter((e) => e.source === name && (e.kind === "id_substitution" || e.kind === "id_transposition")).length;
      expect(outcomes.get(sourceType)!.summary.errors_by_code.id_invalid ?? 0, sourceType).toBe(mistyped);
    }
  });
});
