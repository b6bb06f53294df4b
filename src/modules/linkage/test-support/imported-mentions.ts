/**
 * Test support: a small synthetic population imported through the registry, so linkage tests run on real
 * `mention` rows. A household register (户籍, 14 persons in two counties: 山亭区 370406 and 滕州市 370481) and a
 * person list from another department that names 9 of them again — some exactly, some re-keyed (a homophone,
 * day and month swapped, an ID typo) — and 2 persons the register does not hold. All names and ID numbers are
 * made up; the ID check digits follow GB 11643 so the import accepts them.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseEngine, Db } from "../../../db/database.ts";
import type { IsoDate } from "../../../kernel/dates.ts";
import { computeCheckCharacter } from "../../../kernel/resident-id-check.ts";
import { importSourceFile } from "../../registry/import-source-file.ts";
import { ImportLimits } from "../../registry/source-files/import-limits.ts";

interface SyntheticPerson {
  readonly name: string;
  readonly sex: "男" | "女";
  readonly birth: string;
  readonly division: string;
  readonly sequence: string;
}

const PERSONS: readonly SyntheticPerson[] = [
  { name: "王建国", sex: "男", birth: "19800312", division: "370406101", sequence: "011" },
  { name: "李秀英", sex: "女", birth: "19821105", division: "370406101", sequence: "022" },
  { name: "张伟", sex: "男", birth: "19900707", division: "370406101", sequence: "031" },
  { name: "刘芳", sex: "女", birth: "19950612", division: "370406101", sequence: "042" },
  { name: "陈志强", sex: "男", birth: "19780130", division: "370406102", sequence: "051" },
  { name: "杨丽", sex: "女", birth: "19880418", division: "370406102", sequence: "062" },
  { name: "赵明", sex: "男", birth: "20010909", division: "370406102", sequence: "071" },
  { name: "黄婷婷", sex: "女", birth: "19930225", division: "370406102", sequence: "082" },
  { name: "周海涛", sex: "男", birth: "19850616", division: "370406103", sequence: "091" },
  { name: "吴桂兰", sex: "女", birth: "19700801", division: "370406103", sequence: "102" },
  { name: "徐磊", sex: "男", birth: "19920314", division: "370481001", sequence: "111" },
  { name: "孙燕", sex: "女", birth: "19870527", division: "370481001", sequence: "122" },
  { name: "胡军", sex: "男", birth: "19830919", division: "370481002", sequence: "131" },
  { name: "朱红梅", sex: "女", birth: "19911111", division: "370481002", sequence: "142" },
];

const withCheck = (first17: string) => first17 + computeCheckCharacter(first17);

function idOf(person: SyntheticPerson): string {
  return withCheck(`${person.division.slice(0, 6)}${person.birth}${person.sequence}`);
}

const iso = (yyyymmdd: string) => `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;

/** The ID with one digit of the sequence changed (and a valid check digit, so it is a different person's number). */
function idWithTypo(person: SyntheticPerson): string {
  const id = idOf(person);
  return withCheck(`${id.slice(0, 15)}${(Number(id[15]) + 1) % 10}${id[16]}`);
}

export const HUKOU_CSV = [
  "姓名,公民身份号码,出生日期,性别,行政区划代码",
  ...PERSONS.map((p) => [p.name, idOf(p), iso(p.birth), p.sex, p.division].join(",")),
].join("\n");

/** Person list rows: index into PERSONS (or a new person) and how the row was re-keyed. */
const p = (i: number) => PERSONS[i]!;
export const PERSONS_CSV = [
  "姓名,身份证号,出生日期,性别,行政区划代码",
  [p(0).name, idOf(p(0)), iso(p(0).birth), p(0).sex, p(0).division],
  [p(1).name, idOf(p(1)), iso(p(1).birth), p(1).sex, p(1).division],
  ["张玮", idOf(p(2)), iso(p(2).birth), p(2).sex, p(2).division],
  [p(3).name, idOf(p(3)), `${p(3).birth.slice(0, 4)}-${p(3).birth.slice(6, 8)}-${p(3).birth.slice(4, 6)}`, p(3).sex, p(3).division],
  [p(4).name, idWithTypo(p(4)), iso(p(4).birth), p(4).sex, p(4).division],
  [p(5).name, idOf(p(5)), iso(p(5).birth), p(5).sex, p(5).division],
  [p(8).name, idOf(p(8)), iso(p(8).birth), p(8).sex, p(8).division],
  [p(10).name, idOf(p(10)), iso(p(10).birth), p(10).sex, p(10).division],
  [p(12).name, idOf(p(12)), iso(p(12).birth), p(12).sex, p(12).division],
  ["郑小龙", withCheck("37040619940606015"), "1994-06-06", "男", "370406103"],
  ["钱玉珍", withCheck("37048119660303016"), "1966-03-03", "女", "370481002"],
]
  .map((row) => (Array.isArray(row) ? row.join(",") : row))
  .join("\n");

/** Pairs a correct run must find: (register row, person-list row), both numbered as spreadsheets do (header = 1). */
export const TRUE_PAIRS: ReadonlyArray<{ readonly hukouRow: number; readonly personsRow: number; readonly county: string }> = [
  [0, 2],
  [1, 3],
  [2, 4],
  [3, 5],
  [4, 6],
  [5, 7],
  [8, 8],
  [10, 9],
  [12, 10],
].map(([person, personsRow]) => ({ hukouRow: person! + 2, personsRow: personsRow!, county: PERSONS[person!]!.division.slice(0, 6) }));

export interface ImportedMentions {
  readonly hukouBatch: number;
  readonly personsBatch: number;
}

/** Imports both files into `db` and returns their batch ids. */
export async function importSyntheticMentions(db: Db, engine: DatabaseEngine): Promise<ImportedMentions> {
  const dir = mkdtempSync(join(tmpdir(), "renkou-linkage-mentions-"));
  const batches: number[] = [];
  for (const [name, sourceType, content] of [
    ["户籍.csv", "hukou", HUKOU_CSV],
    ["人员名单.csv", "persons", PERSONS_CSV],
  ] as const) {
    const path = join(dir, name);
    writeFileSync(path, `${content}\n`);
    const { summary } = await importSourceFile(
      db,
      { path, fileName: name, sourceType },
      { engine, limits: ImportLimits.parse({}), asOf: "2024-06-30" as IsoDate },
    );
    if (summary.status !== "committed" || summary.batch === null || summary.quarantined > 0) {
      throw new Error(`synthetic import of ${name} did not commit cleanly: ${JSON.stringify(summary)}`);
    }
    batches.push(summary.batch);
  }
  return { hukouBatch: batches[0]!, personsBatch: batches[1]! };
}
