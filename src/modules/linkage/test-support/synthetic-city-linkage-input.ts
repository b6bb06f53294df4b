import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deriveNameFeatures } from "../../../kernel/name-features.ts";
import { parseSex, toGbCode } from "../../../kernel/sex.ts";
import { normaliseDate } from "../field-features.ts";
import type { FieldSpec, FieldType } from "../model.ts";
import { readCsvTable } from "../read-csv-table.ts";

/**
 * The synthetic city (src/modules/synth) as a linkage benchmark: one person record per person named in an
 * extract row, in the roles the import uses (src/modules/registry/README.md), deduplicated all together —
 * the product's question is "which records, in any department, are this person". The true person of every
 * record comes from `truth/rows/` (and `truth/births.csv` for the husband on a delivery report, whose row
 * file lists mother and child only). The same files go to renkou and to Splink (bench/linkage-bench.ts).
 *
 * A record holds what the import would hold for that person: the name as written, sex (the column's, or the
 * role's: a mother is female), birth date (the column's, read into YYYYMMDD as the import reads dates; kept
 * when it is no real date), the ID number as written (typos, 15-digit and full-width forms included), and the
 * row's address (addresses are row-level in the import; the marriage extract has one per spouse) with the
 * province and prefecture (山东省枣庄市) cut, because the hospital extract omits them. `name_pinyin` is the
 * kernel's toneless pinyin of the name: renkou derives it itself and does not read the column; it is there
 * for Splink, which has no Chinese-name comparison. No extract carries a phone number.
 *
 * Left out: people a row mentions without a name or an ID (the baby on a delivery report, an unnamed baby on
 * a birth certificate, an unknown father), since nothing in such a record can identify a person — and so,
 * without IDs, also those whose only identifier was the ID (a name left blank next to an ID number).
 */
export const RECORD_COLUMNS = [
  "record_id",
  "source",
  "role",
  "name",
  "name_pinyin",
  "sex",
  "birth_date",
  "id_number",
  "address",
  "partner_name",
  "partner_name_pinyin",
  "partner_id",
] as const;

const ID_COLUMNS: ReadonlySet<string> = new Set(["id_number", "partner_id"]);

const FIELD_COLUMNS: ReadonlyArray<readonly [string, FieldType]> = [
  ["name", "zh_name"],
  ["sex", "sex"],
  ["birth_date", "date"],
  ["id_number", "resident_id"],
  ["address", "address"],
  ["partner_name", "zh_name"],
  ["partner_id", "resident_id"],
];

const FAMILY_CONTEXT_COLUMNS: ReadonlySet<string> = new Set(["partner_name", "partner_id"]);

/**
 * The compared fields: with IDs, or without (the ID columns are absent from that file); `familyContext: false`
 * leaves out the spouse / co-parent columns (the benchmark's "core fields" comparison).
 */
export function syntheticCityFields(withIds: boolean, familyContext = true): FieldSpec[] {
  return FIELD_COLUMNS.filter(([column]) => (withIds || !ID_COLUMNS.has(column)) && (familyContext || !FAMILY_CONTEXT_COLUMNS.has(column))).map(([column, type]) => ({
    name: column,
    leftColumn: column,
    rightColumn: column,
    type,
  }));
}

export function syntheticCityFieldFlags(withIds: boolean, familyContext = true): string[] {
  return syntheticCityFields(withIds, familyContext).flatMap((f) => ["--field", `${f.name}:${f.type}`]);
}

interface PersonRecord {
  readonly recordId: string;
  readonly source: string;
  readonly role: string;
  readonly personId: string;
  readonly name: string;
  readonly sex: string;
  readonly birthDate: string;
  readonly idNumber: string;
  readonly address: string;
  readonly partnerName: string;
  readonly partnerId: string;
}

interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

function readTable(path: string): Table {
  const table = readCsvTable(readFileSync(path));
  if (!table.ok) throw new Error(`${path}: ${table.reason}`);
  return table.value;
}

/** Cell getter by column name for one table; a missing column is a bug in this helper, so it throws. */
function columnReader(table: Table, path: string): (row: readonly string[], column: string) => string {
  const index = new Map(table.header.map((h, i) => [h, i]));
  return (row, column) => {
    const i = index.get(column);
    if (i === undefined) throw new Error(`${path}: no column ${column}`);
    return (row[i] ?? "").trim();
  };
}

function sexCode(raw: string): string {
  const sex = parseSex(raw);
  return sex.ok && (sex.value === "male" || sex.value === "female") ? toGbCode(sex.value) : "";
}

function birthDate(raw: string): string {
  return raw === "" ? "" : (normaliseDate(raw).norm ?? "");
}

function cityAddress(raw: string): string {
  return raw.replace(/^山东省/, "").replace(/^枣庄市/, "");
}

interface RoleSpec {
  readonly role: string;
  readonly truthColumn: string;
  readonly name: string;
  readonly id?: string;
  readonly birthDate?: string;
  /** A sex column, or the role's fixed GB code. */
  readonly sex: { readonly column: string } | { readonly code: "1" | "2" };
  readonly address?: string;
  /** The spouse or co-parent named in the same row (name, ID column). */
  readonly partner?: { readonly name: string; readonly id?: string };
}

interface ExtractSpec {
  readonly source: string;
  readonly file: string;
  readonly roles: readonly RoleSpec[];
}

const EXTRACTS: readonly ExtractSpec[] = [
  {
    source: "household-registry",
    file: "household-registry.csv",
    roles: [{ role: "subject", truthColumn: "person_id", name: "姓名", id: "公民身份号码", birthDate: "出生日期", sex: { column: "性别" }, address: "住址" }],
  },
  {
    source: "marriage-registrations",
    file: "marriage-registrations.csv",
    roles: [
      { role: "subject", truthColumn: "husband_id", name: "男方姓名", id: "男方证件号码", birthDate: "男方出生日期", sex: { code: "1" }, address: "男方户籍地址", partner: { name: "女方姓名", id: "女方证件号码" } },
      { role: "spouse", truthColumn: "wife_id", name: "女方姓名", id: "女方证件号码", birthDate: "女方出生日期", sex: { code: "2" }, address: "女方户籍地址", partner: { name: "男方姓名", id: "男方证件号码" } },
    ],
  },
  {
    source: "hospital-deliveries",
    file: "hospital-deliveries.csv",
    roles: [
      { role: "mother", truthColumn: "mother_id", name: "产妇姓名", id: "产妇身份证号", sex: { code: "2" }, address: "现住址", partner: { name: "丈夫姓名" } },
      { role: "father", truthColumn: "father_id", name: "丈夫姓名", sex: { code: "1" }, address: "现住址", partner: { name: "产妇姓名", id: "产妇身份证号" } },
    ],
  },
  {
    source: "birth-certificates",
    file: "birth-certificates.csv",
    roles: [
      { role: "child", truthColumn: "child_id", name: "新生儿姓名", birthDate: "出生日期", sex: { column: "性别" }, address: "母亲住址" },
      { role: "mother", truthColumn: "mother_id", name: "母亲姓名", id: "母亲身份证件号码", sex: { code: "2" }, address: "母亲住址", partner: { name: "父亲姓名", id: "父亲身份证件号码" } },
      { role: "father", truthColumn: "father_id", name: "父亲姓名", id: "父亲身份证件号码", sex: { code: "1" }, address: "母亲住址", partner: { name: "母亲姓名", id: "母亲身份证件号码" } },
    ],
  },
  {
    source: "newborn-registrations",
    file: "newborn-registrations.csv",
    roles: [
      { role: "child", truthColumn: "child_id", name: "姓名", id: "公民身份号码", birthDate: "出生日期", sex: { column: "性别" }, address: "户籍地址" },
      { role: "mother", truthColumn: "guardian1_id", name: "监护人一姓名", id: "监护人一公民身份号码", sex: { code: "2" }, address: "户籍地址", partner: { name: "监护人二姓名", id: "监护人二公民身份号码" } },
      { role: "father", truthColumn: "guardian2_id", name: "监护人二姓名", id: "监护人二公民身份号码", sex: { code: "1" }, address: "户籍地址", partner: { name: "监护人一姓名", id: "监护人一公民身份号码" } },
    ],
  },
  {
    source: "death-registrations",
    file: "death-registrations.csv",
    roles: [{ role: "subject", truthColumn: "person_id", name: "死者姓名", id: "证件号码", birthDate: "出生日期", sex: { column: "性别" }, address: "户籍地址" }],
  },
];

/** The father of each birth event (`B<n>`), for the delivery report's husband. */
function readFathers(cityDir: string): Map<string, string> {
  const path = join(cityDir, "truth", "births.csv");
  const births = readTable(path);
  const cell = columnReader(births, path);
  return new Map(births.rows.map((row) => [cell(row, "event_id"), cell(row, "father_id")]));
}

/** Every person record of the city's six extracts (CSV; generate with `--format csv`), with its true person. */
export function readSyntheticCityRecords(cityDir: string): PersonRecord[] {
  const fathers = readFathers(cityDir);
  const records: PersonRecord[] = [];
  for (const extract of EXTRACTS) {
    const path = join(cityDir, extract.file);
    const truthPath = join(cityDir, "truth", "rows", extract.file);
    const data = readTable(path);
    const truth = readTable(truthPath);
    const cell = columnReader(data, path);
    const truthCell = columnReader(truth, truthPath);
    if (truth.rows.length !== data.rows.length) throw new Error(`${truthPath}: ${truth.rows.length} rows for ${data.rows.length} in ${path}`);
    data.rows.forEach((row, index) => {
      const truthRow = truth.rows[index]!;
      for (const spec of extract.roles) {
        const personId = spec.truthColumn === "father_id" && extract.source === "hospital-deliveries" ? (fathers.get(truthCell(truthRow, "event_id")) ?? "") : truthCell(truthRow, spec.truthColumn);
        const name = cell(row, spec.name);
        const idNumber = spec.id === undefined ? "" : cell(row, spec.id);
        if (name === "" && idNumber === "") continue;
        if (personId === "") throw new Error(`${truthPath}: row ${index + 1} names a ${spec.role} without a true person`);
        records.push({
          recordId: `${extract.source}-${index + 1}-${spec.role}`,
          source: extract.source,
          role: spec.role,
          personId,
          name,
          sex: "code" in spec.sex ? spec.sex.code : sexCode(cell(row, spec.sex.column)),
          birthDate: spec.birthDate === undefined ? "" : birthDate(cell(row, spec.birthDate)),
          idNumber,
          address: spec.address === undefined ? "" : cityAddress(cell(row, spec.address)),
          partnerName: spec.partner === undefined ? "" : cell(row, spec.partner.name),
          partnerId: spec.partner?.id === undefined ? "" : cell(row, spec.partner.id),
        });
      }
    });
  }
  return records;
}

/** Every two records of the same true person (unordered, each pair once). */
export function findSyntheticCityTruePairs(records: readonly PersonRecord[]): Array<[string, string]> {
  const byPerson = new Map<string, string[]>();
  for (const record of records) {
    const members = byPerson.get(record.personId);
    if (members === undefined) byPerson.set(record.personId, [record.recordId]);
    else members.push(record.recordId);
  }
  const pairs: Array<[string, string]> = [];
  for (const members of byPerson.values()) {
    for (let a = 0; a < members.length; a++) for (let b = a + 1; b < members.length; b++) pairs.push([members[a]!, members[b]!]);
  }
  return pairs;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvText(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvCell).join(",")];
  for (const row of rows) lines.push(row.map(csvCell).join(","));
  return `${lines.join("\n")}\n`;
}

/** One scenario's files: the records to deduplicate and every true pair among them. */
export interface SyntheticCityScenario {
  readonly withIds: boolean;
  /** The records (UTF-8 CSV; without IDs the `id_number` column is absent). */
  readonly records: string;
  /** `left_id,right_id`: every two records of the same true person. */
  readonly truth: string;
  readonly recordCount: number;
  readonly truePairs: Array<[string, string]>;
}

/**
 * Writes both scenarios into `outDir`: `records-with-ids.csv` + `truth-with-ids.csv`, and
 * `records-without-ids.csv` + `truth-without-ids.csv` (the ID column removed, and the records left with no
 * name dropped).
 */
export function writeSyntheticCityLinkageInput(cityDir: string, outDir: string): { withIds: SyntheticCityScenario; withoutIds: SyntheticCityScenario } {
  mkdirSync(outDir, { recursive: true });
  const all = readSyntheticCityRecords(cityDir);
  const write = (withIds: boolean): SyntheticCityScenario => {
    const slug = withIds ? "with-ids" : "without-ids";
    const records = withIds ? all : all.filter((r) => r.name !== "");
    const columns = RECORD_COLUMNS.filter((c) => withIds || !ID_COLUMNS.has(c));
    const rows = records.map((r) => {
      const values: Record<(typeof RECORD_COLUMNS)[number], string> = {
        record_id: r.recordId,
        source: r.source,
        role: r.role,
        name: r.name,
        name_pinyin: deriveNameFeatures(r.name).pinyin.replace(/ /g, ""),
        sex: r.sex,
        birth_date: r.birthDate,
        id_number: r.idNumber,
        address: r.address,
        partner_name: r.partnerName,
        partner_name_pinyin: deriveNameFeatures(r.partnerName).pinyin.replace(/ /g, ""),
        partner_id: r.partnerId,
      };
      return columns.map((c) => values[c]);
    });
    const recordsPath = join(outDir, `records-${slug}.csv`);
    const truthPath = join(outDir, `truth-${slug}.csv`);
    writeFileSync(recordsPath, csvText(columns, rows));
    const truePairs = findSyntheticCityTruePairs(records);
    writeFileSync(truthPath, csvText(["left_id", "right_id"], truePairs));
    return { withIds, records: recordsPath, truth: truthPath, recordCount: records.length, truePairs };
  };
  return { withIds: write(true), withoutIds: write(false) };
}
