import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxTableWriter } from "./xlsx-table-writer.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "renkou-xlsx-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const STAMP = new Date(Date.UTC(2025, 0, 1));

async function writeSample(name: string): Promise<string> {
  const path = join(dir, name);
  const writer = new XlsxTableWriter(path, "分娩登记", ["产妇姓名", "产妇年龄", "产妇身份证号"], new Set([1]), STAMP);
  writer.write(["张丽", "29", "370402198506150028"]);
  writer.write(["王静", "年龄不详", ""]);
  expect(await writer.close()).toBe(2);
  return path;
}

/** [DOS time, DOS date] of every central-directory entry. */
function entryTimes(zip: Buffer): number[][] {
  const times: number[][] = [];
  for (let i = 0; i + 4 <= zip.length; i++) {
    if (zip.readUInt32LE(i) === 0x02014b50) times.push([zip.readUInt16LE(i + 12), zip.readUInt16LE(i + 14)]);
  }
  return times;
}

describe("XlsxTableWriter", () => {
  it("writes the same bytes twice, with every ZIP entry stamped with the given time", async () => {
    const first = await readFile(await writeSample("a.xlsx"));
    const second = await readFile(await writeSample("b.xlsx"));
    expect(first.equals(second)).toBe(true);
    const dosDate = ((2025 - 1980) << 9) | (1 << 5) | 1;
    const times = entryTimes(first);
    expect(times.length).toBeGreaterThan(5);
    expect(times.every(([time, date]) => time === 0 && date === dosDate)).toBe(true);
  });

  it("keeps IDs as text and turns digit strings in numeric columns into numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await writeSample("c.xlsx"));
    const sheet = workbook.getWorksheet("分娩登记")!;
    expect(sheet.getRow(2).values).toEqual([undefined, "张丽", 29, "370402198506150028"]);
    expect(sheet.getRow(3).getCell(2).value).toBe("年龄不详");
    expect(workbook.created.toISOString()).toBe(STAMP.toISOString());
  });
});
