import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { COMPARISON_LIBRARY } from "./comparison-library.ts";
import { deriveDatabaseFeatures, loadWorkspace } from "./load-workspace.ts";
import type { FieldType } from "./model.ts";
import { prepareLinkInput } from "./prepare-link-input.ts";
import * as store from "./store.ts";

/**
 * Every level of every comparison, executed in SQL: each case is a pair of raw values and the level the
 * pair must take (the first level whose condition holds).
 */
type Case = readonly [left: string, right: string, level: string];

const CASES: Readonly<Record<FieldType, readonly Case[]>> = {
  zh_name: [
    ["张伟", "张伟", "exact"],
    ["张伟", "張偉", "normalised"],
    ["张 伟", "张伟", "normalised"],
    ["阿依古丽·买买提", "阿依古丽•买买提", "normalised"],
    ["张伟", "张玮", "same_pinyin"],
    ["李明", "李敏", "one_char_same_initials"],
    ["张伟", "张强", "one_char"],
    ["王小明", "王明小", "swapped_chars"],
    ["陈晨", "程成", "similar_pinyin"],
    ["张伟", "张建国", "same_surname"],
    ["张伟", "李娜", "else"],
    ["张伟", "", "null"],
  ],
  name: [
    ["michaela", "michaela", "exact"],
    ["Michaela ", "michaela", "exact"],
    ["jon", "john", "levenshtein_1"],
    ["stephen", "steven", "levenshtein_2"],
    ["jacqueline", "jacquelinexyz", "trigram_0.6"],
    ["philip", "felipe", "double_metaphone"],
    ["alexandra", "sandra alex", "trigram_0.3"],
    ["richlands", "richmond", "else"],
    ["", "richmond", "null"],
  ],
  date: [
    ["19800615", "19800615", "exact"],
    ["1980-06-15", "19800615", "exact"],
    ["19800506", "19800605", "day_month_swapped"],
    ["19800630", "19800701", "within_1_day"],
    ["19800615", "19850615", "one_typo"],
    ["19800615", "19080615", "one_typo"],
    ["19800615", "19800622", "same_year_month"],
    ["19800615", "19810301", "within_1_year"],
    ["19800615", "19900101", "else"],
    ["19800615", "", "null"],
  ],
  resident_id: [
    ["11010519491231002X", "11010519491231002X", "exact"],
    ["11010519491231002x", "11010519491231002X", "normalised"],
    ["370402850615002", "370402198506150028", "normalised"],
    ["１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", "normalised"],
    ["11010519491231002X", "11010519491231003X", "one_substitution_or_transposition"],
    ["11010519491231002X", "11010519491231020X", "one_substitution_or_transposition"],
    ["110105194912310011", "370402194912310028", "same_birth_date"],
    ["370403201503133223", "370403201503137347", "else"],
    ["11010519491231002X", "440524188001010014", "else"],
    ["", "440524188001010014", "null"],
  ],
  identifier: [
    ["5304218", "5304218", "exact"],
    ["5304218", "5304219", "one_edit"],
    ["5304218", "5302418", "one_edit"],
    ["5304218", "530421", "one_edit"],
    ["5304218", "1234567", "else"],
    ["5304218", " ", "null"],
  ],
  code: [
    ["A-12", "a12", "exact"],
    ["4223", "4232", "one_edit"],
    ["4223", "2135", "else"],
    ["", "", "null"],
  ],
  sex: [
    ["男", "1", "equal"],
    ["M", "male", "equal"],
    ["男", "女", "different"],
    ["男", "9", "null"],
  ],
  division_code: [
    ["370406101001", "370406101001", "same_village"],
    ["370406101001", "370406101002", "same_township"],
    ["370406101001", "370406101", "same_township"],
    ["370406101", "370406102", "same_county"],
    ["370406", "370481", "same_city"],
    ["370406", "110105", "else"],
    ["", "110105", "null"],
  ],
  phone: [
    ["13812345678", "+86 138-1234-5678", "exact"],
    ["13812345678", "13912345678", "same_last_8"],
    ["13812345678", "13800000000", "else"],
    ["13812345678", "", "null"],
  ],
  text: [
    ["stanley street", "Stanley  Street", "exact"],
    ["stanley street", "stanleystreet", "trigram_0.7"],
    ["winston hills", "winston", "trigram_0.5"],
    ["stanley street", "stanly st", "trigram_0.3"],
    ["richlands", "richmond", "else"],
    ["", "richmond", "null"],
  ],
  address: [
    ["滕州市级索镇小冯屯村279号", "滕州市级索镇 小冯屯村２７９号", "exact"],
    ["滕州市级索镇小冯屯村279号", "滕州市级索镇小冯屯村12号", "same_place"],
    ["滕州市级索镇小冯屯村279号", "滕州市级索镇", "truncated"],
    ["滕州市", "滕州市级索镇小冯屯村279号", "truncated"],
    ["滕州市级索镇小冯屯村279号", "滕州市级索镇大褚庄村10号", "same_first_6"],
    ["滕州市级索镇小冯屯村279号", "滕州市龙阳镇", "same_first_3"],
    ["滕州市级索镇小冯屯村279号", "山亭区店子镇南孟沟村106号", "else"],
    ["", "山亭区店子镇南孟沟村106号", "null"],
  ],
};

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Loads each case as two records (dedupe mode), pairs them, and reads back the level labels from SQL. */
async function levelsInSql(type: FieldType, cases: readonly Case[]): Promise<string[]> {
  const layout: store.WorkspaceLayout = { mode: "dedupe", types: [type], ruleCount: 0 };
  const labels = COMPARISON_LIBRARY[type].levels.map((l) => l.label);
  const rows = cases.flatMap(([left, right], i) => [[`${i}a`, left], [`${i}b`, right]]);
  // A padding record keeps the field from being dropped when every case value is blank.
  const prepared = prepareLinkInput({ label: "cases", idColumn: "id", header: ["id", "v"], rows: [...rows, ["pad", "1"]] }, undefined, [
    { name: "v", leftColumn: "v", rightColumn: "v", type },
  ]);
  if (!prepared.ok) throw new Error(prepared.en);
  return database.db.connection().execute(async (db) => {
    await store.createWorkspace(db, layout);
    const input = await deriveDatabaseFeatures(db, prepared.value);
    await loadWorkspace(db, input, [], [Int32Array.from(input.recordIds, (_, rid) => rid)]);
    await store.insertPairs(db, cases.map((_, i) => [2 * i, 2 * i + 1] as const));
    await store.computePairLevels(db, layout);
    const rows = await store.findPairLevels(db, layout);
    await store.dropWorkspace(db);
    return rows.map((row) => (row.levels[0] === -1 ? "null" : labels[row.levels[0]!]!));
  });
}

describe.each(Object.entries(CASES) as Array<[FieldType, readonly Case[]]>)("%s comparison in SQL", (type, cases) => {
  it("gives every case its expected level", async () => {
    const levels = await levelsInSql(type, cases);
    expect(cases.map(([left, right], i) => `${left} | ${right} → ${levels[i]}`)).toEqual(
      cases.map(([left, right, level]) => `${left} | ${right} → ${level}`),
    );
  });

  it("has a case for every level of the library", () => {
    const expected = [...COMPARISON_LIBRARY[type].levels.map((l) => l.label), "null"];
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(expected));
  });
});
