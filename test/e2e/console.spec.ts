import { expect, test, type Locator } from "@playwright/test";
import { ModuleKey, type ServerMeta } from "../../src/http/meta-model.ts";
import { zhCN } from "../../web/i18n/zh-CN.ts";
import { AUDITOR_SESSION } from "./e2e-users.ts";

// Any signed-in user sees the overview; the audit administrator's session was made by sign-in.setup.ts.
test.use({ storageState: AUDITOR_SESSION });

async function readCount(figure: Locator): Promise<number> {
  const text = await figure.locator(".ant-statistic-content-value").innerText();
  return Number(text.replace(/[^\d]/g, ""));
}

test("shows the overview in Chinese, switches to English, and keeps English after a reload", async ({ page }) => {
  await page.goto("/");

  await expect(page).toHaveTitle(/人口信息平台/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("banner").getByText("人口信息平台", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
  const divisions = page.getByTestId("figure-divisions");
  await expect(divisions).toContainText("行政区划");
  expect(await readCount(divisions)).toBeGreaterThan(0);
  // The e2e server holds the small synthetic city's six extracts (seed-e2e-city.ts).
  await expect(page.getByTestId("figure-batches")).toContainText("导入批次");
  expect(await readCount(page.getByTestId("figure-batches"))).toBeGreaterThanOrEqual(6);
  await expect(page.getByRole("img", { name: /各级行政区划数量/ }).locator("canvas")).toBeVisible();
  await page.screenshot({ path: "test-results/console-zh.png" });

  await page.getByText("English", { exact: true }).click();

  await expect(page.locator("html")).toHaveAttribute("lang", "en-US");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(divisions).toContainText("Administrative divisions");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Overview" })).toBeVisible();

  await page.reload();

  await expect(page.locator("html")).toHaveAttribute("lang", "en-US");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("figure-divisions")).toContainText("Administrative divisions");
  expect(await readCount(page.getByTestId("figure-divisions"))).toBeGreaterThan(0);
  await expect(page.getByRole("img", { name: /divisions by level/i }).locator("canvas")).toBeVisible();
  await page.screenshot({ path: "test-results/console-en.png" });
});

test("an unknown address shows the 404 page inside the shell, and the menu leads back by keyboard", async ({ page }) => {
  await page.goto("/no-such-page");

  await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
  await expect(page.getByText("/no-such-page")).toBeVisible();
  const overviewLink = page.getByRole("navigation").getByRole("link", { name: "总览" });
  for (let presses = 0; presses < 10; presses++) {
    await page.keyboard.press("Tab");
    if (await overviewLink.evaluate((link) => link === document.activeElement)) break;
  }
  await expect(overviewLink).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
});

test("the menu shows no entry for a module the server does not offer", async ({ page, request }) => {
  const meta = (await (await request.get("/api/v1/meta")).json()) as ServerMeta;
  const absent = ModuleKey.options.filter((key) => !meta.modules.includes(key));

  await page.goto("/");

  const menu = page.getByRole("navigation", { name: "主导航" });
  await expect(menu.getByRole("link", { name: "总览" })).toBeVisible();
  for (const key of absent) await expect(menu.getByRole("link", { name: zhCN[`nav.${key}`] })).toHaveCount(0);
  const [firstAbsent] = absent;
  if (firstAbsent !== undefined) {
    await page.goto(`/${firstAbsent}`);
    await expect(page.getByRole("heading", { level: 1, name: "页面不存在" })).toBeVisible();
  }
});
