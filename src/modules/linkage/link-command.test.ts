import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { UsageError, type CliIo } from "../../cli/command.ts";
import { computeCheckCharacter } from "../../kernel/resident-id-check.ts";
import { createLinkCommand } from "./link-command.ts";

/**
 * The `renkou link` contract: file formats, threshold, truth metrics and the bad-input messages. Synthetic
 * people only: 30 persons in a household register, and a birth register that re-keys 20 of them with typical
 * errors (traditional characters, a homophone, an inserted space, a legacy 15-digit ID, a date typo).
 */
const GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨"];

interface Person {
  readonly id: string;
  readonly name: string;
  readonly dob: string;
  readonly residentId: string;
}

function makePeople(): Person[] {
  return Array.from({ length: 30 }, (_, i) => {
    const dob = `19${60 + (i % 30)}${String((i % 12) + 1).padStart(2, "0")}${String((i % 27) + 1).padStart(2, "0")}`;
    const first17 = `370402${dob}${String(100 + i * 2).padStart(3, "0")}`;
    return {
      id: `H${i + 1}`,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}${GIVEN[(i * 7) % GIVEN.length]}`,
      dob,
      residentId: first17 + computeCheckCharacter(first17),
    };
  });
}

function rekey(person: Person, i: number): string[] {
  let name = person.name;
  let dob = person.dob;
  let id = person.residentId;
  if (i % 5 === 0) name = name.replace("张", "張").replace("刘", "劉").replace("杨", "楊").replace("陈", "陳");
  if (i % 5 === 1) name = `${name.slice(0, 1)} ${name.slice(1)}`;
  if (i % 5 === 2) id = id.slice(0, 6) + id.slice(8, 17);
  if (i % 5 === 3) dob = dob.slice(0, 7) + String((Number(dob[7]) + 1) % 10);
  if (i % 5 === 4) id = `${id.slice(0, 16)}${id[17]}${id[16]}`;
  return [`B${i + 1}`, name, dob, id];
}

const people = makePeople();
let dir: string;
let database: TestDatabase;
const link = createLinkCommand(async () => ({ ...database, close: async () => {} }));

beforeAll(async () => {
  database = await openTestDatabase();
  dir = mkdtempSync(join(tmpdir(), "renkou-link-"));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  write("household.csv", ["编号,姓名,出生日期,身份证号", ...people.map((p) => [p.id, p.name, p.dob, p.residentId].join(","))].join("\n"));
  write("births.csv", ["登记号 , 姓名 , 出生日期 , 公民身份号码", ...people.slice(0, 20).map((p, i) => rekey(p, i).join(" , "))].join("\n"));
  write("truth.csv", ["household,birth", ...people.slice(0, 20).map((p, i) => `${p.id},B${i + 1}`)].join("\n"));
  const dupes = people.slice(0, 10).map((p, i) => rekey(p, i));
  write("combined.csv", ["编号,姓名,出生日期,身份证号", ...people.map((p) => [p.id, p.name, p.dob, p.residentId].join(",")), ...dupes.map((r) => r.join(","))].join("\n"));
  write("combined-truth.csv", ["a,b", ...people.slice(0, 10).map((p, i) => `${p.id},B${i + 1}`)].join("\n"));
  write("empty.csv", "");
  write("one.csv", "编号,姓名\nH1,王伟\n");
  write("dup-ids.csv", "编号,姓名\nH1,王伟\nH2,李娜\nH2,张敏\nH1,刘洋\n");
  write("null-field.csv", ["编号,姓名,电话", ...people.map((p) => `${p.id},${p.name},`)].join("\n"));
}, 120_000);

afterAll(async () => {
  await database.close();
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk) => out.push(String(chunk)));
  stderr.on("data", (chunk) => err.push(String(chunk)));
  const io: CliIo = { stdout, stderr, stdin: new PassThrough(), env: {}, cwd: dir };
  const code = await link.run(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const read = (name: string) => readFileSync(join(dir, name), "utf8");
const ZH_FIELDS = ["--field", "姓名:zh_name", "--field", "出生日期:date"];

describe("renkou link", () => {
  it("links two files with differently named columns and reports precision, recall and F1", async () => {
    const result = await run([
      "household.csv", "births.csv", "--id", "编号", "--right-id", "登记号", ...ZH_FIELDS,
      "--field", "身份证号=公民身份号码:resident_id", "--out", "pairs.csv", "--clusters", "clusters.csv",
      "--report", "report.json", "--truth", "truth.csv",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(read("pairs.csv").split("\n")[0]).toBe("left_id,right_id,match_probability,match_weight");
    expect(result.stdout).toMatch(/precision 1\.0000 {2}recall 1\.0000 {2}F1 1\.0000/);
    expect(read("clusters.csv")).toContain("left:H1,right,B1");
    const report = JSON.parse(read("report.json"));
    expect(report.mode).toBe("link");
    expect(report.em).toMatchObject({ converged: true });
    expect(report.blocking.rules.length).toBeGreaterThan(0);
    expect(report.parameters.comparisons.map((c: { field: string }) => c.field)).toEqual(["姓名", "出生日期", "身份证号"]);
  });

  it("deduplicates one file and writes only pairs at or above the threshold", async () => {
    const result = await run(["combined.csv", "--id", "编号", ...ZH_FIELDS, "--field", "身份证号:resident_id", "--threshold", "0.9", "--out", "dedupe.csv", "--truth", "combined-truth.csv"]);
    expect(result.code).toBe(0);
    const rows = read("dedupe.csv").trim().split("\n").slice(1).map((line) => line.split(","));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => Number(row[2]) >= 0.9)).toBe(true);
    expect(result.stdout).toMatch(/F1 1\.0000/);
  });

  it("names a misspelt column and suggests the header", async () => {
    const result = await run(["household.csv", "--id", "编号", "--field", "姓明:zh_name", "--out", "x.csv"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('column "姓明" not found in household.csv (did you mean "姓名"?)');
  });

  it("reports an empty file", async () => {
    const result = await run(["empty.csv", "--id", "编号", "--field", "姓名:zh_name", "--out", "x.csv"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("empty file");
  });

  it("names the first duplicate id", async () => {
    const result = await run(["dup-ids.csv", "--id", "编号", "--field", "姓名:zh_name", "--out", "x.csv"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('first duplicate "H2"');
  });

  it("drops a field that is empty everywhere, with a warning", async () => {
    const result = await run(["null-field.csv", "--id", "编号", "--field", "姓名:zh_name", "--field", "电话:phone", "--out", "null.csv"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('field "电话" is empty in every record');
  });

  it("handles a single record: header only, with a warning", async () => {
    const result = await run(["one.csv", "--id", "编号", "--field", "姓名:zh_name", "--out", "one-out.csv"]);
    expect(result.code).toBe(0);
    expect(read("one-out.csv")).toBe("left_id,right_id,match_probability,match_weight\n");
    expect(result.stderr).toContain("only one record");
  });

  it.each([
    [["household.csv", "--field", "姓名:zh_name", "--out", "x.csv"], "--id"],
    [["household.csv", "--id", "编号", "--field", "姓名:zh_name"], "--out"],
    [["household.csv", "--id", "编号", "--field", "姓名:chinese", "--out", "x.csv"], "TYPE must be one of"],
    [["household.csv", "--id", "编号", "--field", "姓名:zh_name", "--threshold", "2", "--out", "x.csv"], "--threshold"],
  ])("rejects bad usage %#", async (args, message) => {
    await expect(run(args)).rejects.toThrow(UsageError);
    await expect(run(args)).rejects.toThrow(message);
  });

  it("takes λ from a deterministic rule and its recall when asked", async () => {
    const args = ["household.csv", "births.csv", "--id", "编号", "--right-id", "登记号", ...ZH_FIELDS, "--field", "身份证号=公民身份号码:resident_id"];
    const result = await run([...args, "--lambda-rule", "身份证号", "--lambda-recall", "0.8", "--out", "l.csv", "--report", "l.json"]);
    expect(result.code).toBe(0);
    // 16 of the 20 re-keyed IDs still normalise to the household's (4 carry a transposition); 30 × 20 pairs.
    expect(JSON.parse(read("l.json")).parameters.lambda).toBeCloseTo(16 / 0.8 / 600, 12);
  });

  it("reports each blocking rule's pair count, counted before the run", async () => {
    const result = await run(["household.csv", "--id", "编号", ...ZH_FIELDS, "--block", "surname(姓名)", "--out", "b.csv", "--report", "b.json"]);
    expect(result.code).toBe(0);
    // 30 people, 6 surnames × 5 people: 6 × C(5, 2) = 60 pairs.
    expect(JSON.parse(read("b.json")).blocking.rules).toEqual([
      { rule: "surname(姓名)", estimatedPairs: 60, newPairs: 60, capped: false, maxBlockSize: null, skippedPairs: 0 },
    ]);
  });

  it("caps a rule whose blocks explode, with a warning naming it", async () => {
    const result = await run(["household.csv", "--id", "编号", ...ZH_FIELDS, "--block", "surname(姓名)", "--block", "出生日期", "--max-pairs-per-rule", "25", "--out", "c.csv", "--report", "c.json"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('blocking rule "surname(姓名)" would produce 60 pairs, over the cap of 25');
    expect(JSON.parse(read("c.json")).blocking.rules[0]).toMatchObject({ capped: true, newPairs: 0, skippedPairs: 60 });
  });

  it("refuses more blocking rules than a pair's rule bits can hold", async () => {
    const rules = Array.from({ length: 32 }, (_, k) => ["--block", `prefix(出生日期, ${1 + (k % 8)}) & prefix(姓名, ${1 + Math.floor(k / 8)})`]).flat();
    const result = await run(["household.csv", "--id", "编号", ...ZH_FIELDS, ...rules, "--out", "many.csv"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("at most 31 blocking rules, 32 given");
  });

  it("keeps each record in at most one pair with --one-to-one", async () => {
    const args = ["household.csv", "births.csv", "--id", "编号", "--right-id", "登记号", ...ZH_FIELDS, "--threshold", "0"];
    expect((await run([...args, "--one-to-one", "--out", "o.csv"])).code).toBe(0);
    const rows = read("o.csv").trim().split("\n").slice(1).map((line) => line.split(","));
    expect(new Set(rows.map((r) => r[0])).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r[1])).size).toBe(rows.length);
    expect(rows.length).toBe(20);
  });

  it("retrains from a saved model, keeping what was fixed by hand", async () => {
    const base = ["household.csv", "births.csv", "--id", "编号", "--right-id", "登记号", ...ZH_FIELDS];
    expect((await run([...base, "--out", "r0.csv", "--save-params", "m0.json"])).code).toBe(0);
    const model = JSON.parse(read("m0.json"));
    model.lambda = 0.01;
    model.lambdaFixed = true;
    model.comparisons[0].levels[0] = { ...model.comparisons[0].levels[0], m: 0.5, fixed: true };
    writeFileSync(join(dir, "m1.json"), JSON.stringify(model));
    expect((await run([...base, "--out", "r1.csv", "--params", "m1.json", "--retrain", "--save-params", "m2.json"])).code).toBe(0);
    const retrained = JSON.parse(read("m2.json"));
    expect(retrained.lambda).toBe(0.01);
    expect(retrained.comparisons[0].levels[0]).toMatchObject({ m: 0.5, fixed: true });
    expect(retrained.comparisons[0].levels[1].m).not.toBe(model.comparisons[0].levels[1].m);
  });

  it("closes the database it opened while preparing when the run stops with an error", async () => {
    let closed = 0;
    const counting = createLinkCommand(async () => ({ ...database, close: async () => void closed++ }));
    const io: CliIo = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: dir };
    expect(await counting.run(["dup-ids.csv", "--id", "编号", "--field", "姓名:zh_name", "--out", "x.csv"], io)).toBe(1);
    const base = ["household.csv", "--id", "编号", ...ZH_FIELDS, "--out", "x.csv"];
    expect(await counting.run([...base, "--params", "no-such-model.json"], io)).toBe(1);
    expect(await counting.run(base, io)).toBe(0);
    expect(closed).toBe(3);
  });

  it("saves parameters and reuses them for the same result", async () => {
    const base = ["household.csv", "births.csv", "--id", "编号", "--right-id", "登记号", ...ZH_FIELDS, "--field", "身份证号=公民身份号码:resident_id"];
    expect((await run([...base, "--out", "a.csv", "--save-params", "model.json"])).code).toBe(0);
    expect((await run([...base, "--out", "b.csv", "--params", "model.json"])).code).toBe(0);
    expect(read("b.csv")).toBe(read("a.csv"));
  });
});
