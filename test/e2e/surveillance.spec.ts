import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { currentTotp, E2E_USERS_FILE } from "./e2e-users.ts";

// 出生监测 on the e2e server, which holds no births (--no-demo): the page opens for an analyst, its filters are
// reachable by keyboard, and it says there is nothing yet instead of drawing empty charts. Surveillance is
// aggregates-only, so it needs an account with an aggregates role: `e2e_analyst` (analyst, 3704) in
// E2E_ACCOUNTS of e2e-users.ts. Until that account exists the test is skipped, saying why.

interface Account {
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
}

function findAnalyst(): Account | undefined {
  const users = JSON.parse(readFileSync(E2E_USERS_FILE, "utf8")) as Record<string, Account>;
  return users.e2e_analyst;
}

test("an analyst opens 出生监测 and, with no births imported, sees the empty state", async ({ page }) => {
  const analyst = findAnalyst();
  test.skip(analyst === undefined, "no e2e_analyst account in test/e2e/e2e-users.ts E2E_ACCOUNTS");
  const signIn = await page.request.post("/api/v1/auth/login", {
    data: { username: analyst!.username, password: analyst!.password, totp: currentTotp(analyst!) },
  });
  expect(signIn.status()).toBe(200);

  await page.goto("/surveillance");

  await expect(page.getByRole("heading", { level: 1, name: "出生监测" })).toBeVisible();
  await expect(page.getByTestId("surveillance-empty")).toContainText("该地区尚无出生数据");
  const filters = page.getByRole("group", { name: "筛选条件" });
  const focusInFilters = () => filters.evaluate((group) => group.contains(document.activeElement));
  for (let presses = 0; presses < 30 && !(await focusInFilters()); presses++) await page.keyboard.press("Tab");
  expect(await focusInFilters()).toBe(true);
  const firstBirthOrder = filters.getByRole("radio", { name: "一孩" });
  // antd's Segmented hides its radio inputs; a person clicks the visible label.
  await filters.getByText("一孩", { exact: true }).click();
  await expect(firstBirthOrder).toBeChecked();
  await expect(page.getByTestId("surveillance-empty")).toBeVisible();
  await page.screenshot({ path: "test-results/surveillance-empty.png" });
});
