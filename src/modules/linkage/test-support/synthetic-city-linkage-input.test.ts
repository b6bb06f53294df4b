import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateCity } from "../../synth/generate-city.ts";
import { readCsvTable } from "../read-csv-table.ts";
import { findSyntheticCityTruePairs, readSyntheticCityRecords, writeSyntheticCityLinkageInput } from "./synthetic-city-linkage-input.ts";

let workDir: string;
let cityDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), "renkou-city-input-"));
  cityDir = join(workDir, "city");
  await generateCity({ persons: 800, seed: 3, outDir: cityDir, format: "csv" });
}, 60_000);

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function truthIdNumbers(): Map<string, string> {
  const table = readCsvTable(readFileSync(join(cityDir, "truth", "persons.csv")));
  if (!table.ok) throw new Error(table.reason);
  const person = table.value.header.indexOf("person_id");
  const id = table.value.header.indexOf("id_number");
  return new Map(table.value.rows.map((row) => [row[person]!, row[id]!]));
}

describe("synthetic city linkage input", () => {
  it("gives every hukou row's record the ID number of its true person (the registry makes no ID errors)", () => {
    const ids = truthIdNumbers();
    const hukou = readSyntheticCityRecords(cityDir).filter((r) => r.source === "household-registry");
    expect(hukou.length).toBeGreaterThan(500);
    expect(hukou.filter((r) => r.idNumber !== ids.get(r.personId))).toEqual([]);
  });

  it("assigns nearly every written ID number to the person it belongs to, in every source and role", () => {
    const ids = truthIdNumbers();
    const withId = readSyntheticCityRecords(cityDir).filter((r) => r.idNumber !== "");
    const roles = new Set(withId.map((r) => `${r.source}/${r.role}`));
    expect(roles).toContain("hospital-deliveries/mother");
    expect(roles).toContain("newborn-registrations/father");
    expect(roles).toContain("birth-certificates/father");
    const agreeing = withId.filter((r) => r.idNumber === ids.get(r.personId)).length;
    // What differs are the departments' recorded ID errors (a few per cent at most), not misassigned roles.
    expect(agreeing / withId.length).toBeGreaterThan(0.97);
  });

  it("never pairs two people named in the same row", () => {
    const records = readSyntheticCityRecords(cityDir);
    const rowOf = (id: string) => id.replace(/-[a-z]+$/, "");
    const pairs = findSyntheticCityTruePairs(records);
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.filter(([a, b]) => rowOf(a) === rowOf(b))).toEqual([]);
  });

  it("drops the ID columns and the records left without a name from the scenario without IDs", () => {
    const files = writeSyntheticCityLinkageInput(cityDir, join(workDir, "input"));
    const table = readCsvTable(readFileSync(files.withoutIds.records));
    if (!table.ok) throw new Error(table.reason);
    expect(table.value.header).not.toContain("id_number");
    expect(table.value.header).not.toContain("partner_id");
    const name = table.value.header.indexOf("name");
    expect(table.value.rows.filter((row) => row[name] === "")).toEqual([]);
    expect(files.withIds.recordCount).toBeGreaterThanOrEqual(files.withoutIds.recordCount);
  });
});
