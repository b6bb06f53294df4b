import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";

// The server lists web/dist's files when it starts, so the console must be built before `webServer` runs.
// Workers load this file too; only the runner (no TEST_WORKER_INDEX) builds.
if (process.env.TEST_WORKER_INDEX === undefined) {
  execFileSync(process.execPath, [fileURLToPath(new URL("scripts/build-web-if-stale.mjs", import.meta.url))], {
    stdio: "inherit",
  });
}

// E2E_PORT lets a second checkout run its browser tests beside this one.
const port = Number(process.env.E2E_PORT ?? 8181);

// `npm run e2e`: the console in Debian's chromium against a real renkou server on a fresh embedded database
// with one account per role the specs need (Playwright empties test-results/ before starting the server;
// test/e2e/start-e2e-server.ts makes the accounts, then starts renkou). The "sign-in" project signs the
// audit administrator in once and saves the session for the specs that need one; access.spec.ts also signs
// in through the login form.
export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results/",
  reporter: "list",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  projects: [
    { name: "sign-in", testMatch: /sign-in\.setup\.ts$/ },
    { name: "console", testMatch: /\.spec\.ts$/, dependencies: ["sign-in"] },
    // Last: the server's whole log, after every spec has run, must hold no personal data.
    { name: "log-privacy", testMatch: /log-privacy\.check\.ts$/, dependencies: ["console"] },
  ],
  webServer: {
    command: `node --import tsx test/e2e/start-e2e-server.ts`,
    env: { E2E_PORT: String(port) },
    url: `http://127.0.0.1:${port}/health`,
    // Five `renkou user add` runs (each opens the embedded database) come before the server's own start.
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    viewport: { width: 1366, height: 768 },
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    reducedMotion: "reduce",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
