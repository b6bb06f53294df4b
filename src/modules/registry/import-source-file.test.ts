import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import type { IsoDate } from "../../kernel/dates.ts";
import { ImportLimits } from "./source-files/import-limits.ts";
import { importSourceFile, type ImportOptions, type ImportRequest } from "./import-source-file.ts";
import type { ImportProgress } from "./model.ts";

const dir = mkdtempSync(join(tmpdir(), "renkou-import-test-"));
const LIMITS = ImportLimits.parse({});
const AS_OF = "2024-06-30" as IsoDate;

const HEADER = "姓名,公民身份号码,出生日期,性别,行政区划代码";
const GOOD_ROWS = [
  "张伟,370402198506150028,1985-06-15,女,370406101",
  "欧阳娜娜,11010519491231002X,1949-12-31,女,370406101",
  "李强,440524188001010014,1880-01-01,男,370406",
];
const BAD_ROW = "王五,370402198506150027,1985-06-15,女,370406101";
const hukouCsv = (...rows: string[]) => `${HEADER}\n${rows.join("\n")}\n`;

let fileCounter = 0;
function writeFile(content: string | Uint8Array, name = `f${++fileCounter}.csv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function writeXlsx(sheets: Record<string, string[][]>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  const path = join(dir, `f${++fileCounter}.xlsx`);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe("importSourceFile", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  const run = (path: string, request: Partial<ImportRequest> = {}, options: Partial<ImportOptions> = {}) =>
    importSourceFile(
      database.db,
      { path, fileName: "test.csv", sourceType: "hukou", ...request },
      { engine: database.engine, limits: LIMITS, asOf: AS_OF, ...options },
    );
  const countRows = async (table: "source_record" | "mention" | "quarantine_row", batch: number) =>
    Number((await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(table)} where batch_id = ${batch}`.execute(database.db)).rows[0]!.n);

  it("stores good rows, quarantines bad ones with their reasons, and commits the batch", async () => {
    const { summary } = await run(writeFile(hukouCsv(...GOOD_ROWS, BAD_ROW)));
    expect(summary).toMatchObject({ status: "committed", rows: 4, accepted: 3, quarantined: 1, errors_by_code: { id_invalid: 1 } });
    const batch = summary.batch!;
    expect(await countRows("source_record", batch)).toBe(3);
    expect(await countRows("mention", batch)).toBe(3);
    const quarantined = await database.db.selectFrom("quarantine_row").selectAll().where("batch_id", "=", batch).executeTakeFirstOrThrow();
    expect(quarantined).toMatchObject({ row_number: 5, codes: ["id_invalid"], raw: BAD_ROW.split(","), status: "open" });
    const message = quarantined.messages[0]!;
    expect(message.zh).toContain("第 5 行");
    expect(message.en).toContain("公民身份号码");
    expect(JSON.stringify(quarantined.messages)).not.toContain("370402198506150027");
  });

  it("reports the same file imported again as a duplicate and changes nothing", async () => {
    const path = writeFile(hukouCsv(GOOD_ROWS[0]!, GOOD_ROWS[1]!));
    const first = await run(path);
    const before = await countRows("source_record", first.summary.batch!);
    const again = await run(path);
    expect(again.summary).toEqual({ ...first.summary, status: "duplicate" });
    expect(await countRows("source_record", first.summary.batch!)).toBe(before);
  });

  it.each([
    ["UTF-8", (text: string) => Buffer.from(text, "utf8"), undefined],
    ["UTF-8 with a byte-order mark", (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]), undefined],
    ["GB18030", (text: string) => iconv.encode(text, "gb18030"), undefined],
    ["GBK, named by the user", (text: string) => iconv.encode(text, "gbk"), "gb18030" as const],
  ])("reads %s", async (_case, encode, encoding) => {
    const name = `张伟${fileCounter}`;
    const { summary } = await run(writeFile(encode(hukouCsv(...GOOD_ROWS).replace("张伟", name))), { encoding });
    expect(summary).toMatchObject({ status: "committed", accepted: 3 });
    const names = await database.db.selectFrom("mention").select("name_norm").where("batch_id", "=", summary.batch!).orderBy("row_number").execute();
    expect(names.map((row) => row.name_norm)).toEqual([name, "欧阳娜娜", "李强"]);
  });

  it("reads the first worksheet of a workbook, or the one named", async () => {
    const rows = [HEADER.split(","), ...GOOD_ROWS.map((row) => row.split(","))];
    const path = await writeXlsx({ 第一页: rows, 户籍: rows.slice(0, 2) });
    expect((await run(path)).summary).toMatchObject({ status: "committed", accepted: 3 });
    const named = await run(path, { sheet: "户籍", sourceType: "persons" });
    expect(named.summary).toMatchObject({ status: "committed", accepted: 1 });
    expect((await run(path, { sheet: "没有", sourceType: "marriage" })).failure).toMatchObject({ code: "xlsx_sheet_not_found" });
  });

  it("quarantines a row identical to an earlier one", async () => {
    const { summary } = await run(writeFile(hukouCsv(GOOD_ROWS[2]!, "  " + GOOD_ROWS[2]!.replace("李强", "李强 "), GOOD_ROWS[0]!)));
    expect(summary).toMatchObject({ accepted: 2, quarantined: 1, errors_by_code: { duplicate_row: 1 } });
  });

  it("applies mapping overrides, and fails a file whose required fields are unmapped", async () => {
    const text = `XM,ZJHM,CSRQ,XINGBIE\n${GOOD_ROWS[0]!.split(",").slice(0, 4).join(",")}\n`;
    const failed = await run(writeFile(text));
    expect(failed.summary.status).toBe("failed");
    expect(failed.failure).toMatchObject({ code: "required_field_unmapped", detail: "sex" });
    const mapped = await run(writeFile(text), { overrides: ["ZJHM=id_number", "XINGBIE=sex"] });
    expect(mapped.failure).toBeNull();
    expect(mapped.summary).toMatchObject({ status: "committed", accepted: 1 });
  });

  const bigXlsxBomb = () => {
    // One deflated entry of 50 MiB of zeros (~1000:1), well past the ratio limit; the rest of a workbook is irrelevant.
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    const data = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(50 * 1024 * 1024, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(50 * 1024 * 1024, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(local.length + name.length + data.length, 16);
    return Buffer.concat([local, name, data, central, name, end]);
  };

  it.each([
    ["a CSV cut off inside a quoted field", () => writeFile(`${HEADER}\n张伟,"3704`), {}, "file_truncated"],
    ["a CSV cut off inside its last row", () => writeFile(`${hukouCsv(GOOD_ROWS[0]!)}李强,44052`), {}, "file_truncated"],
    ["a CSV cut off inside a character", () => writeFile(Buffer.from(`${hukouCsv(GOOD_ROWS[0]!)}李`).subarray(0, -1)), {}, "file_truncated"],
    ["a GBK file read as UTF-8", () => writeFile(iconv.encode(hukouCsv(...GOOD_ROWS), "gbk")), { encoding: "utf-8" }, "encoding_invalid"],
    ["a binary file", () => writeFile(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])), {}, "file_binary"],
    ["a single very long line", () => writeFile(`${HEADER}\n${"x".repeat(300_000)}\n`), {}, "line_too_long"],
    ["a zip bomb", () => writeFile(bigXlsxBomb(), "bomb.xlsx"), {}, "xlsx_zip_bomb"],
    ["more rows than allowed", () => writeFile(hukouCsv(...GOOD_ROWS)), { limits: { ...LIMITS, maxRows: 2 } }, "too_many_rows"],
    ["more bytes than allowed", () => writeFile(hukouCsv(...GOOD_ROWS)), { limits: { ...LIMITS, maxFileBytes: 100 } }, "file_too_large"],
    ["a header without rows", () => writeFile(`${HEADER}\n`), {}, "file_empty"],
  ])("rejects %s with a clear error and stores nothing", async (_case, makeFile, options, code) => {
    const { encoding, limits } = options as { encoding?: "utf-8"; limits?: ImportLimits };
    const outcome = await run(makeFile(), { encoding }, { limits: limits ?? LIMITS, chunkRows: 1 });
    expect(outcome.summary.status).toBe("failed");
    expect(outcome.failure?.code).toBe(code);
    expect(outcome.failure?.message.zh).toBeTruthy();
    if (outcome.summary.batch !== null) {
      for (const table of ["source_record", "mention", "quarantine_row"] as const) expect(await countRows(table, outcome.summary.batch)).toBe(0);
    }
  });

  it("rejects a workbook cut off in transfer", async () => {
    const path = await writeXlsx({ s: [HEADER.split(","), GOOD_ROWS[0]!.split(",")] });
    const bytes = readFileSync(path);
    expect((await run(writeFile(bytes.subarray(0, bytes.length / 2), "cut.xlsx"))).failure?.code).toBe("file_truncated");
  });

  it("completes an interrupted import when it is run again, storing each row once", async () => {
    const rows = Array.from({ length: 9 }, (_, i) => `${GOOD_ROWS[i % 3]!.replace(",", `${i},`)}`);
    const path = writeFile(hukouCsv(...rows));
    let chunks = 0;
    const crash = (progress: ImportProgress) => {
      if (progress.phase === "reading" && progress.rowsRead > 0 && ++chunks === 3) throw new Error("simulated crash");
    };
    await expect(run(path, {}, { chunkRows: 2, onProgress: crash })).rejects.toThrow("simulated crash");
    const interrupted = await database.db.selectFrom("source_batch").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(interrupted.status).toBe("loading");
    expect(interrupted.rows_loaded).toBeGreaterThan(0);
    const { summary } = await run(path, {}, { chunkRows: 2 });
    expect(summary).toMatchObject({ batch: interrupted.id, status: "committed", rows: 9, accepted: 9 });
    expect(await countRows("source_record", interrupted.id)).toBe(9);
  });

  it("imports different files at the same time", async () => {
    const files = [0, 1, 2].map((n) => writeFile(hukouCsv(...GOOD_ROWS.map((row) => row.replace(",", `${n}x,`)))));
    const outcomes = await Promise.all(files.map((path) => run(path, {}, { chunkRows: 1 })));
    expect(outcomes.map((outcome) => outcome.summary.status)).toEqual(["committed", "committed", "committed"]);
    expect(new Set(outcomes.map((outcome) => outcome.summary.batch)).size).toBe(3);
  });

  it("lets only one of two simultaneous imports of the same file load it", async () => {
    const path = writeFile(hukouCsv(...GOOD_ROWS.map((row) => row.replace(",", "同时,"))));
    const outcomes = await Promise.all([run(path, {}, { chunkRows: 1 }), run(path, {}, { chunkRows: 1 })]);
    const statuses = outcomes.map((outcome) => outcome.failure?.code ?? outcome.summary.status).sort();
    expect([["committed", "duplicate"], ["committed", "import_in_progress"]]).toContainEqual(statuses);
  });
});
