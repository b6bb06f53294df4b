import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { computeCheckCharacter } from "../../src/kernel/resident-id-check.ts";
import { E2E_SERVER_LOG, readE2eUser, signInThroughApi } from "./e2e-users.ts";
import ExcelJS from "exceljs";

// 数据导入 as a case worker, one story: upload a small synthetic household-registry CSV whose ID column has a
// header the dictionary does not know, map it by hand in the preview, import it, read the counts, open the
// batch's quarantine, export it to XLSX, then show the bad row's full values (with a reason) and correct it,
// first wrongly, then rightly.

/** A valid synthetic resident ID (GB 11643) of a person registered in 枣庄市市中区 (370402). */
function residentId(birthDate: string, sequence: number): string {
  const first17 = `370402${birthDate.replaceAll("-", "")}${String(sequence).padStart(3, "0")}`;
  return first17 + computeCheckCharacter(first17);
}

/** Header = row 1; the bad row (30 February) is row 5. The note makes the file new on every run. */
function householdCsv(): string {
  const note = `e2e ${Date.now()}`;
  const rows = [
    ["姓名", "证件编号", "出生日期", "性别", "备注"],
    ["测试甲", residentId("1985-03-12", 1), "1985-03-12", "男", note],
    ["测试乙", residentId("1990-07-01", 2), "1990-07-01", "女", note],
    ["测试丙", residentId("2001-11-30", 5), "2001-11-30", "男", note],
    ["测试丁", residentId("2019-02-28", 3), "2019-02-30", "男", note],
  ];
  return `${rows.map((row) => row.join(",")).join("\n")}\n`;
}

test("a case worker previews, maps, imports a household file and corrects its quarantined row", async ({ page }) => {
  test.setTimeout(120_000);
  await signInThroughApi(page, readE2eUser("e2e_caseworker"));

  await page.goto("/");
  await page.getByRole("navigation").getByRole("link", { name: "数据导入" }).click();
  await expect(page).toHaveURL(/\/registry\/import$/);
  await expect(page.getByRole("heading", { level: 1, name: "数据导入" })).toBeVisible();

  // Upload: 户籍 is the default source; the file goes through the drop zone's file input.
  await expect(page.getByLabel("数据来源")).toBeVisible();
  await page.locator('input[type="file"]').setInputFiles({
    name: "hukou-e2e.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(householdCsv(), "utf8"),
  });

  // Preview: detected encoding, the unknown ID header leaves a required field missing, samples are masked.
  const preview = page.getByTestId("registry-preview");
  await expect(preview).toContainText("UTF-8（自动识别）");
  await expect(page.getByTestId("registry-missing-required")).toContainText("身份证号码");
  await expect(page.getByRole("button", { name: "开始导入" })).toBeDisabled();
  const samples = page.getByTestId("registry-samples");
  await expect(samples).toContainText("测**");
  await expect(samples).not.toContainText("测试甲");
  await expect(preview).toContainText("以下列未对应标准字段，将原样保留在原始记录中：证件编号、备注");

  // Mapping editor: 证件编号 → 身份证号码; the preview refreshes with the override and the import opens.
  await page.getByRole("combobox", { name: "“证件编号”对应的标准字段" }).click();
  await page.keyboard.type("id_number");
  await page.locator('.ant-select-item-option[title="身份证号码（必需） · id_number"]').click();
  await expect(page.getByTestId("registry-missing-required")).toHaveCount(0);
  await expect(page.getByTestId("registry-mapping").getByRole("row", { name: /证件编号/ })).toContainText("手动指定");
  await expect(preview).toContainText("以下列未对应标准字段，将原样保留在原始记录中：备注");
  // Validation under the new mapping, row by row: the impossible birth date would be quarantined.
  await expect(samples.getByRole("row", { name: /将隔离/ })).toContainText("2019-02-30 不可能");
  await expect(samples).toContainText("可导入");
  await page.screenshot({ path: "test-results/registry-preview.png", fullPage: true });

  // Import with its progress, then the result.
  await page.getByRole("button", { name: "开始导入" }).click();
  const result = page.getByTestId("registry-result");
  await expect(result).toContainText("hukou-e2e.csv 已导入", { timeout: 60_000 });
  await expect(page.getByTestId("registry-result-rows")).toContainText("4");
  await expect(page.getByTestId("registry-result-accepted")).toContainText("3");
  await expect(page.getByTestId("registry-result-quarantined")).toContainText("1");
  await expect(page.getByTestId("registry-code-counts").getByRole("row", { name: /date_impossible/ })).toContainText("日期不可能");
  await page.screenshot({ path: "test-results/registry-result.png", fullPage: true });

  // The batch and its quarantine.
  await result.getByRole("button", { name: /查看批次 #\d+ 和隔离行/ }).click();
  await expect(page).toHaveURL(/\/registry\/batches\/\d+$/);
  const quarantine = page.getByTestId("registry-quarantine");
  const badRow = quarantine.getByRole("row", { name: /日期不可能/ });
  await expect(badRow).toContainText("第 5 行「出生日期」（birth_date）的日期 2019-02-30 不可能");
  await expect(badRow).toContainText("待处理");

  // Export for the sending department: an XLSX file, and the row is marked exported.
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出隔离行（XLSX）" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^quarantine-batch-\d+\.xlsx$/);
  const workbook = await readFile(await download.path());
  expect(workbook.subarray(0, 2).toString("latin1")).toBe("PK");
  await expect(badRow).toContainText("已导出");
  expect(await workbookText(workbook)).not.toContain(residentId("2019-02-28", 3));

  // The department needs the values as it sent them: an unmasked export, with a reason.
  await page.getByRole("button", { name: "导出完整信息…" }).click();
  const exportDialog = page.getByRole("dialog", { name: "导出未脱敏的隔离行" });
  await exportDialog.getByLabel("导出理由").fill("退回医院核对出生日期");
  const downloadingFull = page.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "导出隔离行（XLSX）" }).click();
  const fullWorkbook = await readFile(await (await downloadingFull).path());
  expect(await workbookText(fullWorkbook)).toContain(residentId("2019-02-28", 3));

  // Correct and re-submit: a still impossible date is refused with the new finding, a real date is stored.
  await page.getByRole("button", { name: "更正第 5 行" }).click();
  const dialog = page.getByRole("dialog", { name: "更正第 5 行" });
  await expect(dialog.getByLabel("证件编号")).toHaveValue(/^3704\*+003X$/);
  await dialog.getByLabel("查看完整信息的理由").fill("核对出生日期");
  await dialog.getByRole("button", { name: "显示完整信息" }).click();
  await expect(dialog).toContainText("已显示该行的完整信息");
  await expect(dialog.getByLabel("证件编号")).toHaveValue(residentId("2019-02-28", 3));
  await dialog.getByLabel("出生日期").fill("2019-13-01");
  await dialog.getByRole("button", { name: "重新提交" }).click();
  await expect(dialog).toContainText("更正后的行仍有错误，未保存");
  await expect(dialog.getByTestId("registry-resubmit-issues")).toContainText("2019-13-01");
  await dialog.getByLabel("出生日期").fill("2019-02-28");
  await dialog.getByRole("button", { name: "重新提交" }).click();
  await expect(dialog.getByTestId("registry-resubmit-stored")).toContainText("第 5 行已更正并保存");
  await page.screenshot({ path: "test-results/registry-resubmitted.png" });
  await dialog.getByRole("button", { name: "关闭" }).click();

  await expect(page.getByTestId("registry-batch-accepted")).toContainText("4");
  await expect(page.getByTestId("registry-batch-quarantined")).toContainText("0");
  await expect(page.getByTestId("registry-batch-resubmitted")).toContainText("1");
  await expect(quarantine.getByRole("row", { name: /日期不可能/ })).toContainText("已更正");

  // The batches list shows the batch with its counts after the correction.
  await page.getByRole("tab", { name: "导入批次" }).click();
  const batchRow = page.getByTestId("registry-batches").getByRole("row", { name: /hukou-e2e\.csv/ });
  await expect(batchRow).toContainText("已提交");
  await expect(batchRow).toContainText("户籍");

  // The same page in English.
  await page.getByText("English", { exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data import" })).toBeVisible();
  await expect(batchRow).toContainText("Household registry");
  await expect(batchRow).toContainText("Committed");
  await page.getByText("中文", { exact: true }).click();

  // Neither the upload, the preview, the unmasking nor the correction put the row's name or ID in the server log.
  const log = await readFile(E2E_SERVER_LOG, "utf8");
  for (const secret of ["测试丁", encodeURIComponent("测试丁"), residentId("2019-02-28", 3)]) expect(log).not.toContain(secret);
});

/** Every cell of a workbook's first sheet, as one text. */
async function workbookText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return JSON.stringify(workbook.worksheets[0]!.getSheetValues());
}
