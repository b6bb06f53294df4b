import { expect, test, type Page } from "@playwright/test";
import { otpauthUri } from "../../src/modules/access/totp.ts";
import { encodeQr } from "../../web/components/qr/encode-qr.ts";
import { svgPathOf } from "../../web/components/qr/svg-path.ts";
import { AUDITOR_SESSION, currentTotp, readE2eUser } from "./e2e-users.ts";

// One story, in order: the system administrator creates an account, the security administrator grants it a
// role, its owner enrols the secret shown at creation and signs in, the audit administrator finds all of it
// in the audit trail. Each account signs in once: the server never accepts a TOTP code twice.
test.describe.configure({ mode: "serial" });

/** antd writes a space between the two characters of a two-character Chinese button label (登 录). */
function spaced(label: string): RegExp {
  return new RegExp([...label].join("\\s?"));
}

interface Credentials {
  readonly username: string;
  readonly password: string;
  readonly totpSecret: string;
}

async function signInThroughForm(page: Page, user: Credentials): Promise<void> {
  await page.getByLabel("用户名").fill(user.username);
  await page.getByLabel("密码", { exact: true }).fill(user.password);
  await page.getByLabel("动态验证码").fill(currentTotp(user));
  await page.getByRole("button", { name: spaced("登录") }).click();
}

const newcomer = { username: "e2e_newcomer", password: "Newcomer-Pass-2025", totpSecret: "" };

test("an anonymous visitor gets the login page in either language, and a wrong password is refused", async ({ page }) => {
  await page.goto("/admin/users");

  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers$/);
  await expect(page.getByRole("heading", { level: 1, name: "登录" })).toBeVisible();
  await expect(page.getByLabel("动态验证码")).toBeVisible();
  await page.screenshot({ path: "test-results/login-zh.png" });

  await page.getByText("English", { exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("One-time code")).toBeVisible();
  await page.getByText("中文", { exact: true }).click();

  const admin = readE2eUser("e2e_admin");
  await signInThroughForm(page, { ...admin, password: `${admin.password}x` });

  await expect(page.getByRole("alert")).toContainText("用户名、密码或动态验证码不正确");
  await expect(page).toHaveURL(/\/login\?next=/);
});

test("the system administrator signs in, creates an account and sees its QR code once, then signs out", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await signInThroughForm(page, readE2eUser("e2e_admin"));

  await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
  const account = page.getByRole("banner").getByTestId("signed-in-user");
  await expect(account).toContainText("e2e_admin");
  await expect(account).toContainText("系统管理员");
  await expect(account).toContainText("枣庄市");

  await page.getByRole("navigation").getByRole("link", { name: "系统管理" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "用户管理" })).toBeVisible();
  const users = page.getByRole("table");
  await expect(users.getByRole("row", { name: /e2e_auditor/ })).toContainText("审计管理员 · 枣庄市");
  await expect(users.getByRole("row", { name: /e2e_admin/ })).toContainText("本人账号");
  await page.screenshot({ path: "test-results/admin-users.png" });

  await page.getByRole("button", { name: "新建用户" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("用户名").fill(newcomer.username);
  await dialog.getByLabel("姓名").fill("测试用户");
  await dialog.getByLabel("初始密码").fill("short");
  await expect(dialog).toContainText("密码不符合下列要求");
  await dialog.getByLabel("初始密码").fill(newcomer.password);
  await dialog.getByLabel("确认密码").fill(newcomer.password);
  await dialog.getByRole("button", { name: spaced("创建") }).click();

  await expect(dialog.getByRole("img", { name: "动态验证码二维码（账号 e2e_newcomer）" })).toBeVisible();
  const secret = dialog.getByTestId("totp-secret");
  await expect(secret).toHaveText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  newcomer.totpSecret = (await secret.innerText()).replace(/\s/g, "");
  // The QR code holds the Key URI of exactly the secret shown beside it.
  const uri = otpauthUri({ issuer: "renkou", account: newcomer.username, secretBase32: newcomer.totpSecret });
  const symbol = encodeQr(uri);
  if (!symbol.ok) throw new Error(symbol.reason);
  await expect(dialog.getByTestId("qr-code").locator("path")).toHaveAttribute("d", svgPathOf(symbol.value, 4));
  await page.screenshot({ path: "test-results/admin-new-user.png" });
  await dialog.getByRole("button", { name: "已完成绑定" }).click();
  await expect(users.getByRole("row", { name: /e2e_newcomer/ })).toContainText("尚无授权");

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("您已退出登录")).toBeVisible();
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers$/);
});

test("the security administrator grants a role in a division found by name, and can revoke it", async ({ page }) => {
  await page.goto("/admin/users");
  await signInThroughForm(page, readE2eUser("e2e_security"));

  await expect(page).toHaveURL(/\/admin\/users$/); // back where the visitor was going
  await expect(page.getByRole("button", { name: "新建用户" })).toHaveCount(0);
  const row = page.getByRole("table").getByRole("row", { name: /e2e_newcomer/ });

  for (const [name, code] of [
    ["山亭", "370406"],
    ["滕州", "370481"],
  ] as const) {
    await row.getByRole("button", { name: "添加授权" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("角色").click();
    await page.getByTitle("业务经办员").click();
    await dialog.getByLabel("管辖范围").fill(name);
    await page.locator(".ant-select-tree-treenode", { hasText: `${code} ·` }).click();
    await dialog.getByRole("button", { name: "添加授权" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(row.getByTestId("grant-case_worker-370406")).toContainText("业务经办员 · 山亭区");
  await expect(row.getByTestId("grant-case_worker-370481")).toContainText("业务经办员 · 滕州市");

  await row.getByRole("button", { name: "撤销授权：业务经办员（370481）" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "撤销授权" }).click();
  await expect(row.getByTestId("grant-case_worker-370481")).toHaveCount(0);
  await expect(row.getByTestId("grant-case_worker-370406")).toBeVisible();
});

test("the new case worker enrols the secret shown at creation, signs in, and is signed out after 30 idle minutes", async ({ page }) => {
  await page.clock.install();
  await page.goto("/");
  await signInThroughForm(page, newcomer);

  await expect(page.getByRole("heading", { level: 1, name: "总览" })).toBeVisible();
  const account = page.getByRole("banner").getByTestId("signed-in-user");
  await expect(account).toContainText("测试用户（e2e_newcomer）");
  await expect(account).toContainText("业务经办员");
  await expect(account).toContainText("山亭区");
  await expect(page.getByRole("navigation").getByRole("link", { name: "系统管理" })).toHaveCount(0);

  await page.clock.fastForward("30:30");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("会话已过期，请重新登录")).toBeVisible();
});

test.describe("the audit administrator", () => {
  test.use({ storageState: AUDITOR_SESSION });

  test("searches the trail, verifies the chain, exports CSV, and meets an expired session", async ({ page }) => {
    await page.goto("/admin/audit");

    await expect(page.getByRole("heading", { level: 1, name: "审计日志" })).toBeVisible();
    const entries = page.getByRole("table");
    await expect(entries.getByRole("row", { name: /grant\.revoke/ })).toContainText("e2e_security");

    await page.getByLabel("操作人").fill("e2e_admin");
    await page.getByRole("button", { name: spaced("查询") }).click();
    await expect(entries.getByRole("row", { name: /user\.create/ })).toContainText("e2e_admin");
    const actors = await entries.locator("tbody tr.ant-table-row td:nth-child(4)").allInnerTexts();
    expect(actors.length).toBeGreaterThan(0);
    expect(actors.every((actor) => actor.startsWith("e2e_admin"))).toBe(true);

    await page.getByRole("button", { name: "校验哈希链" }).click();
    await expect(page.getByRole("status")).toContainText("哈希链完整");
    await page.screenshot({ path: "test-results/admin-audit.png" });

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "导出 CSV" }).click();
    expect((await download).suggestedFilename()).toMatch(/^renkou-audit-\d{4}-\d{2}-\d{2}\.csv$/);

    await page.context().clearCookies();
    await page.getByRole("button", { name: spaced("查询") }).click();
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Faudit$/);
    await expect(page.getByText("会话已过期，请重新登录")).toBeVisible();
  });
});
