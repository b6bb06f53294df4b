import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { importSourceFile } from "../registry/import-source-file.ts";
import { ImportLimits } from "../registry/source-files/import-limits.ts";
import { listScopeMentions } from "./run-store.ts";

const DELIVERIES = [
  "产妇姓名,产妇身份证号码,丈夫姓名,新生儿性别,新生儿出生日期,报告日期,行政区划代码",
  "刘芳,370402199001010026,王强,女,2024-03-01,2024-03-05,370406101",
  "陈静,370402199102020021,,男,2024-04-01,2024-04-03,370406101",
].join("\n");

describe("listScopeMentions", () => {
  let database: TestDatabase;
  let directory: string;
  let batch: number;
  beforeAll(async () => {
    database = await openTestDatabase();
    directory = mkdtempSync(join(tmpdir(), "renkou-run-store-"));
    const path = join(directory, "deliveries.csv");
    writeFileSync(path, DELIVERIES);
    const { summary } = await importSourceFile(
      database.db,
      { path, fileName: "deliveries.csv", sourceType: "delivery" },
      { engine: database.engine, limits: ImportLimits.parse({}) },
    );
    expect(summary).toMatchObject({ status: "committed", accepted: 2 });
    batch = summary.batch!;
  });
  afterAll(async () => {
    await database.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("gives each parent the other parent named in the same record as partner, and nobody else one", async () => {
    const mentions = await listScopeMentions(database.db, [batch], "370406", []);
    const partners = mentions.map((mention) => [mention.rowNumber, mention.role, mention.nameNorm, mention.partnerName]);
    expect(partners).toEqual(
      expect.arrayContaining([
        [2, "mother", "刘芳", "王强"],
        [2, "father", "王强", "刘芳"],
        [3, "mother", "陈静", null],
      ]),
    );
    expect(mentions.filter((mention) => mention.role === "child").every((mention) => mention.partnerName === null)).toBe(true);
  });
});
