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

const port = 8181;

// `npm run e2e`: the console in Debian's chromium against a real renkou server on a fresh embedded database
// (Playwright empties test-results/ before starting the server).
export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results/",
  reporter: "list",
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  webServer: {
    command: `node bin/renkou start --port ${port} --data-dir test-results/e2e-data --no-demo`,
    url: `http://127.0.0.1:${port}/health`,
    timeout: 120_000,
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
