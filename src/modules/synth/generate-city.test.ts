import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCheckCharacter } from "../../kernel/resident-id-check.ts";
import type { ExtractSpec } from "./extracts/extract.ts";
import { EXTRACT_SPECS, generateCity, type SynthSummary } from "./generate-city.ts";
import { ERROR_KINDS, type ResolvedProfile, resolveProfile, SOURCES } from "./profile.ts";

type Table = Record<string, string>[];

const PERSONS = 3000;
const MEASURED_PERSONS = 5000;
const SEED = 7;

/** High error rates, lower completeness and a distorted SRB in 滕州市, so rates can be measured. */
const MEASURED_PROFILE = {
  srb: { rules: [{ area: "370481", srb: 200 }] },
  completeness: {
    hospitalDeliveries: { coverage: 0.8 },
    deathRegistrations: { coverage: 0.7 },
    birthCertificates: { givenHospitalReport: 0.9 },
  },
  errors: {
    rates: {
      nameHomophone: 0.05,
      nameSpace: 0.05,
      idSubstitution: 0.03,
      idTransposition: 0.03,
      idMissing: 0.05,
      dateFormat: 0.05,
      dateDayMonthSwap: 0.05,
      sexCodeVariant: 0.05,
      sexWrong: 0.02,
      addressCoarse: 0.1,
      fieldMissing: 0.05,
    },
    sources: Object.fromEntries(SOURCES.map((source) => [source, { scale: 1 }])),
  },
};

/** The truth column holding the person each ID / name column describes. */
const PERSON_COLUMNS: Readonly<Record<string, readonly (readonly [string, string, string])[]>> = {
  "household-registry": [["公民身份号码", "姓名", "person_id"]],
  "marriage-registrations": [
    ["男方证件号码", "男方姓名", "husband_id"],
    ["女方证件号码", "女方姓名", "wife_id"],
  ],
  "hospital-deliveries": [["产妇身份证号", "产妇姓名", "mother_id"]],
  "birth-certificates": [
    ["母亲身份证件号码", "母亲姓名", "mother_id"],
    ["父亲身份证件号码", "父亲姓名", "father_id"],
  ],
  "newborn-registrations": [
    ["公民身份号码", "姓名", "child_id"],
    ["监护人一公民身份号码", "监护人一姓名", "guardian1_id"],
    ["监护人二公民身份号码", "监护人二姓名", "guardian2_id"],
  ],
  "death-registrations": [["证件号码", "死者姓名", "person_id"]],
};

let root = "";
let cityA = "";
let cityB = "";
let measured = "";
let summaryA: SynthSummary;
let measuredProfile: ResolvedProfile;
let measuredErrors: SynthSummary["errors"];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "renkou-synth-"));
  cityA = join(root, "a");
  cityB = join(root, "b");
  measured = join(root, "measured");
  const resolved = resolveProfile(MEASURED_PROFILE);
  if (!resolved.ok) throw new Error(resolved.detail);
  measuredProfile = resolved.value;
  summaryA = await generateCity({ persons: PERSONS, seed: SEED, outDir: cityA });
  await generateCity({ persons: PERSONS, seed: SEED, outDir: cityB, parallel: true });
  measuredErrors = (await generateCity({ persons: MEASURED_PERSONS, seed: SEED + 1, outDir: measured, profile: measuredProfile })).errors;
}, 120_000);

afterAll(async () => {
  if (root !== "") await rm(root, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of await listFiles(dir)) result[file] = createHash("sha256").update(await readFile(join(dir, file))).digest("hex");
  return result;
}

async function readCsv(path: string, encoding: "utf8" | "gb18030" = "utf8"): Promise<Table> {
  const bytes = await readFile(path);
  const text = encoding === "gb18030" ? iconv.decode(bytes, "gb18030") : bytes.toString("utf8").replace(/^\uFEFF/, "");
  return parse(text, { columns: true, skip_empty_lines: true }) as Table;
}

async function readExtract(dir: string, spec: ExtractSpec): Promise<Table> {
  if (spec.nativeFormat === "csv") return readCsv(join(dir, `${spec.file}.csv`), spec.encoding === "gb18030" ? "gb18030" : "utf8");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, `${spec.file}.xlsx`));
  const rows: Table = [];
  workbook.getWorksheet(spec.sheetName)!.eachRow((row, n) => {
    if (n === 1) return;
    const record: Record<string, string> = {};
    spec.headers.forEach((header, i) => {
      const value = row.getCell(i + 1).value;
      record[header] = value === null || value === undefined ? "" : String(value);
    });
    rows.push(record);
  });
  return rows;
}

function byKey(table: Table, key: string): Map<string, Record<string, string>> {
  return new Map(table.map((row) => [row[key]!, row]));
}

function isValidId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id) || computeCheckCharacter(id.slice(0, 17)) !== id[17]) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Log-ratio interval of the SRB (DOMAIN.md §5) at the given z. */
function srbInterval(boys: number, girls: number, z: number): [number, number] {
  const centre = Math.log(boys / girls);
  const half = z * Math.sqrt(1 / boys + 1 / girls);
  return [100 * Math.exp(centre - half), 100 * Math.exp(centre + half)];
}

/** Completed years between two ISO dates. */
function completedYears(from: string, to: string): number {
  return Number(to.slice(0, 4)) - Number(from.slice(0, 4)) - (to.slice(5) < from.slice(5) ? 1 : 0);
}

function withinTolerance(observed: number, trials: number, p: number): boolean {
  return Math.abs(observed / trials - p) <= 4.5 * Math.sqrt((p * (1 - p)) / trials) + 1e-9;
}

describe("generateCity", () => {
  it("writes the same bytes for the same arguments, whether or not a worker thread writes part of them", async () => {
    const [a, b] = await Promise.all([hashes(cityA), hashes(cityB)]);
    expect(Object.keys(a).length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });

  it("writes six departmental extracts, at least one in GB18030 and one in XLSX", async () => {
    const files = await listFiles(cityA);
    expect(summaryA.extracts.map((e) => e.title)).toEqual(["户籍", "婚姻登记", "住院分娩", "出生医学证明", "新生儿入户", "死亡登记"]);
    expect(files).toContain("hospital-deliveries.xlsx");
    expect(summaryA.extracts.flatMap((e) => e.files).some((f) => f.encoding === "gb18030")).toBe(true);
    const registry = iconv.decode(await readFile(join(cityA, "household-registry.csv")), "gb18030");
    expect(registry.startsWith("户号,公民身份号码,姓名")).toBe(true);
    for (const extract of summaryA.extracts) expect(extract.rows).toBeGreaterThan(10);
  });

  it("writes truth tables that parse back with the same number of cells in every row", async () => {
    for (const file of await listFiles(join(cityA, "truth"))) {
      if (!file.endsWith(".csv")) continue;
      const text = await readFile(join(cityA, "truth", file), "utf8");
      const rows = parse(text, { relax_column_count: false }) as string[][];
      expect(rows.length, file).toBeGreaterThan(1);
    }
  });

  it("gives every extract row a truth row naming persons and events that exist", async () => {
    const persons = byKey(await readCsv(join(cityA, "truth", "persons.csv")), "person_id");
    const events = new Set<string>();
    for (const file of ["births", "deaths", "marriages"]) {
      for (const row of await readCsv(join(cityA, "truth", `${file}.csv`))) events.add(row.event_id!);
    }
    for (const spec of EXTRACT_SPECS) {
      const rows = await readExtract(cityA, spec);
      const truth = await readCsv(join(cityA, "truth", "rows", `${spec.file}.csv`));
      expect(truth.map((t) => t.row), spec.file).toEqual(rows.map((_, i) => String(i + 1)));
      const missing = truth.flatMap((t) =>
        Object.entries(t).filter(([column, value]) => (column.endsWith("_id") && column !== "event_id" ? value !== "" && !persons.has(value) : column === "event_id" && !events.has(value))),
      );
      expect(missing, spec.file).toEqual([]);
    }
  });

  it("lists in 户籍 exactly the people the truth says the registry lists", async () => {
    const persons = await readCsv(join(cityA, "truth", "persons.csv"));
    const listed = persons.filter((p) => p.in_household_registry === "1").map((p) => p.person_id).sort();
    const rows = (await readCsv(join(cityA, "truth", "rows", "household-registry.csv"))).map((r) => r.person_id).sort();
    expect(rows).toEqual(listed);
    const deadButListed = persons.filter((p) => p.in_household_registry === "1" && p.death_date !== "");
    expect(deadButListed.length).toBeGreaterThan(0);
    const households = byKey(await readCsv(join(cityA, "truth", "households.csv")), "household_id");
    const outsideRegistry = persons.filter((p) => p.in_household_registry === "1" && households.get(p.household_id!)?.hukou_in_city !== "1");
    expect(outsideRegistry.map((p) => p.person_id)).toEqual([]);
  });

  it("keeps the true events consistent with the people in them", async () => {
    const persons = byKey(await readCsv(join(cityA, "truth", "persons.csv")), "person_id");
    const problems: string[] = [];
    const births = await readCsv(join(cityA, "truth", "births.csv"));
    for (const birth of births) {
      const mother = persons.get(birth.mother_id!)!;
      const child = persons.get(birth.child_id!)!;
      const motherAge = completedYears(mother.birth_date!, birth.birth_date!);
      if (mother.sex !== "2" || motherAge < 15 || motherAge > 55 || String(motherAge) !== birth.mother_age) {
        problems.push(`${birth.event_id}: mother ${mother.sex} aged ${motherAge}`);
      }
      if (child.birth_date !== birth.birth_date || child.mother_id !== birth.mother_id || child.sex !== birth.sex) problems.push(`${birth.event_id}: child`);
      if (mother.death_date !== "" && mother.death_date! < birth.birth_date!) problems.push(`${birth.event_id}: mother dead`);
      if (birth.father_id !== "" && persons.get(birth.father_id!)!.sex !== "1") problems.push(`${birth.event_id}: father`);
    }
    // A mother's children in the span have consecutive birth orders; twins share the delivery and the day.
    const previous = new Map<string, Record<string, string>>();
    for (const birth of births) {
      const before = previous.get(birth.mother_id!);
      if (before !== undefined && Number(birth.birth_order) !== Number(before.birth_order) + 1) problems.push(`${birth.event_id}: order`);
      if (birth.twin_index === "2" && (before === undefined || before.delivery_id !== birth.delivery_id || before.birth_date !== birth.birth_date)) problems.push(`${birth.event_id}: twin`);
      previous.set(birth.mother_id!, birth);
    }
    for (const death of await readCsv(join(cityA, "truth", "deaths.csv"))) {
      const person = persons.get(death.person_id!)!;
      if (person.death_date !== death.death_date || death.death_date! < person.birth_date!) problems.push(`${death.event_id}: dates`);
    }
    for (const marriage of await readCsv(join(cityA, "truth", "marriages.csv"))) {
      const husband = persons.get(marriage.husband_id!)!;
      const wife = persons.get(marriage.wife_id!)!;
      const age = (p: Record<string, string>): number => completedYears(p.birth_date!, marriage.marriage_date!);
      if (husband.sex !== "1" || wife.sex !== "2" || age(husband) < 22 || age(wife) < 20) problems.push(`${marriage.event_id}: spouses`);
      for (const p of [husband, wife]) if (p.death_date !== "" && p.death_date! < marriage.marriage_date!) problems.push(`${marriage.event_id}: dead spouse`);
    }
    expect(problems).toEqual([]);
  });

  it("writes IDs and names as the truth has them, except where an error is recorded; every such ID is valid", async () => {
    const persons = byKey(await readCsv(join(cityA, "truth", "persons.csv")), "person_id");
    const errors = new Set((await readCsv(join(cityA, "truth", "errors.csv"))).map((e) => `${e.source}|${e.row}|${e.field}`));
    const problems: string[] = [];
    let checked = 0;
    for (const spec of EXTRACT_SPECS) {
      const rows = await readExtract(cityA, spec);
      const truth = await readCsv(join(cityA, "truth", "rows", `${spec.file}.csv`));
      rows.forEach((row, i) => {
        for (const [idField, nameField, truthColumn] of PERSON_COLUMNS[spec.file]!) {
          const person = persons.get(truth[i]![truthColumn]!);
          if (person === undefined) continue;
          const rowNumber = i + 1;
          if (!errors.has(`${spec.file}|${rowNumber}|${idField}`)) {
            checked++;
            if (row[idField] !== person.id_number || !isValidId(row[idField]!)) problems.push(`${spec.file} row ${rowNumber} ${idField}: ${row[idField]}`);
          }
          if (!errors.has(`${spec.file}|${rowNumber}|${nameField}`) && row[nameField] !== person.surname! + person.given_name!) {
            problems.push(`${spec.file} row ${rowNumber} ${nameField}: ${row[nameField]} ≠ ${person.surname}${person.given_name}`);
          }
        }
      });
    }
    expect(checked).toBeGreaterThan(5000);
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it("records every written error with the value the extract holds", async () => {
    const errors = await readCsv(join(cityA, "truth", "errors.csv"));
    const extracts = new Map<string, Table>();
    for (const spec of EXTRACT_SPECS) extracts.set(spec.file, await readExtract(cityA, spec));
    const mismatches = errors.filter((e) => {
      const written = extracts.get(e.source!)![Number(e.row) - 1]![e.field!];
      // Excel turns digit-only text in numeric columns into numbers; none of the corrupted fields is numeric.
      return written !== e.written_value || e.written_value === e.true_value;
    });
    expect(errors.length).toBeGreaterThan(100);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe("generateCity with a measured profile", () => {
  it("injects each kind of error at the profile's rate for each source", () => {
    const counts = measuredErrors;
    let compared = 0;
    for (const source of SOURCES) {
      for (const kind of ERROR_KINDS) {
        const count = counts[source][kind.code];
        if (count === undefined || count.opportunities < 300) continue;
        const rate = measuredProfile.errorRates[source][kind.key];
        compared++;
        expect(withinTolerance(count.injected, count.opportunities, rate), `${source} ${kind.code}: ${count.injected}/${count.opportunities} vs ${rate}`).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it("records events in each source at the profile's completeness", async () => {
    const completeness = measuredProfile.profile.completeness;
    const cutoff = new Date(Date.UTC(measuredProfile.lastYear, 9, 1)).toISOString().slice(0, 10);
    const births = (await readCsv(join(measured, "truth", "births.csv"))).filter((b) => b.birth_date! < cutoff && b.twin_index === "1");
    const reported = births.filter((b) => b.hospital_report_date !== "");
    expect(withinTolerance(reported.length, births.length, completeness.hospitalDeliveries.coverage)).toBe(true);
    const certified = reported.filter((b) => b.certificate_number !== "");
    expect(withinTolerance(certified.length, reported.length, completeness.birthCertificates.givenHospitalReport)).toBe(true);
    const deaths = (await readCsv(join(measured, "truth", "deaths.csv"))).filter((d) => d.death_date! < cutoff);
    const registered = deaths.filter((d) => d.report_date !== "");
    expect(withinTolerance(registered.length, deaths.length, completeness.deathRegistrations.coverage)).toBe(true);
  });

  it("gives births the profile's SRB: 200 in 滕州市, natural elsewhere", async () => {
    const births = await readCsv(join(measured, "truth", "births.csv"));
    const count = (inTengzhou: boolean): [number, number] => {
      const group = births.filter((b) => b.township_code!.startsWith("370481") === inTengzhou);
      return [group.filter((b) => b.sex === "1").length, group.filter((b) => b.sex === "2").length];
    };
    const [tengzhouLow, tengzhouHigh] = srbInterval(...count(true), 3.29);
    expect(tengzhouLow < 200 && 200 < tengzhouHigh, `滕州市 99.9% interval ${tengzhouLow}–${tengzhouHigh}`).toBe(true);
    expect(srbInterval(...count(true), 1.96)[0], "滕州市 95% interval excludes the natural 105").toBeGreaterThan(105);
    const [low, high] = srbInterval(...count(false), 3.29);
    expect(low < 105 && 105 < high, `elsewhere 99.9% interval ${low}–${high}`).toBe(true);
  });

  it("sums the SRB truth table to the births", async () => {
    const births = await readCsv(join(measured, "truth", "births.csv"));
    const srb = await readCsv(join(measured, "truth", "srb.csv"));
    expect(srb.reduce((sum, cell) => sum + Number(cell.boys) + Number(cell.girls), 0)).toBe(births.length);
    expect(srb.find((cell) => cell.township_code === "370481105" && cell.year === "2020" && cell.birth_order === "3+")?.profile_srb).toBe("200");
    expect(srb).toHaveLength(66 * 10 * 3);
  });
});
