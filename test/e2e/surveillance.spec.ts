import { expect, test } from "@playwright/test";
import { currentTotp, readE2eUser } from "./e2e-users.ts";

// 出生监测 on the e2e server, which holds a small synthetic city (seed-e2e-city.ts): the page opens for an
// analyst (surveillance is aggregates-only, so an administrator's session would be refused), shows the city's
// headline figures, and its filters are reachable by keyboard.

test("an analyst opens 出生监测 and sees the synthetic city's births", async ({ page }) => {
  const analyst = readE2eUser("e2e_analyst");
  const signIn = await page.request.post("/api/v1/auth/login", {
    data: { username: analyst.username, password: analyst.password, totp: currentTotp(analyst) },
  });
  expect(signIn.status()).toBe(200);

  await page.goto("/surveillance");

  await expect(page.getByRole("heading", { level: 1, name: "出生监测" })).toBeVisible();
  await expect(page.getByTestId("srb-births")).toContainText(/\d/);
  await expect(page.getByTestId("surveillance-empty")).toHaveCount(0);
  const filters = page.getByRole("group", { name: "筛选条件" });
  const focusInFilters = () => filters.evaluate((group) => group.contains(document.activeElement));
  for (let presses = 0; presses < 30 && !(await focusInFilters()); presses++) await page.keyboard.press("Tab");
  expect(await focusInFilters()).toBe(true);
  const firstBirthOrder = filters.getByRole("radio", { name: "一孩" });
  // antd's Segmented hides its radio inputs; a person clicks the visible label.
  await filters.getByText("一孩", { exact: true }).click();
  await expect(firstBirthOrder).toBeChecked();
  await expect(page.getByTestId("srb-births")).toBeVisible();
  await page.screenshot({ path: "test-results/surveillance.png" });
});
