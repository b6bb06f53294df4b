import { expect, test } from "@playwright/test";
import { readE2eUser, signInThroughApi } from "./e2e-users.ts";

// 记录关联 as a case worker on the e2e server's synthetic city: start a run over the whole city with the default
// fields, follow it to the end, read its parameters, weight histogram and EM diagnostics, then open the pairs
// and one pair's waterfall.

test("a case worker runs the linkage model on imported records and reads its parameters and one pair's explanation", async ({ page }) => {
  test.setTimeout(180_000);
  await signInThroughApi(page, readE2eUser("e2e_caseworker"));

  await page.goto("/linkage");
  await expect(page.getByRole("heading", { level: 1, name: "记录关联" })).toBeVisible();
  await page.getByRole("button", { name: "开始比对" }).click();

  const job = page.getByTestId("linkage-job");
  await expect(job).toBeVisible();
  await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100", { timeout: 150_000 });

  const detail = page.getByTestId("linkage-run-detail");
  await expect(detail.getByText("模型参数（每个比较水平的 m、u 与权重）")).toBeVisible();
  await expect(detail.getByRole("img", { name: /候选记录对共/ })).toBeVisible();
  await expect(detail.getByText("EM 诊断")).toBeVisible();
  await page.screenshot({ path: "test-results/linkage-model.png", fullPage: true });

  await detail.getByRole("tab", { name: /记录对/ }).click();
  const firstPair = detail.getByRole("radio").first();
  await firstPair.check();
  const waterfall = page.getByTestId("linkage-waterfall");
  await expect(waterfall.getByRole("img", { name: /匹配权重构成：先验/ })).toBeVisible();
  await expect(detail.getByText(/^\d{4}\*{10}[\dX]{4}/).first()).toBeVisible();
  await page.screenshot({ path: "test-results/linkage-pair.png", fullPage: true });
});
