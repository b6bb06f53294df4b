// Run by `npm run prepare` (after `npm ci`): builds the console into web/dist when it is missing or older than
// its sources, so `bin/renkou start` serves a current console from a fresh checkout. Plain JavaScript because
// it runs before anything else is set up. Prints one line.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const builtIndex = join(root, "web", "dist", "index.html");
// package-lock.json too: an upgraded antd or React changes the build as much as an edited page does.
const sources = [join(root, "web"), join(root, "vite.config.ts"), join(root, "package-lock.json")];
const skipped = new Set([join(root, "web", "dist"), join(root, "web", "node_modules")]);
const vite = join(root, "node_modules", "vite", "bin", "vite.js");

function newestSource(path) {
  if (skipped.has(path) || !existsSync(path)) return undefined;
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let newest;
  for (const entry of readdirSync(path)) {
    const candidate = newestSource(join(path, entry));
    if (candidate !== undefined && (newest === undefined || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

function staleReason() {
  if (!existsSync(builtIndex)) return "web/dist missing";
  const builtAt = statSync(builtIndex).mtimeMs;
  for (const source of sources) {
    const newest = newestSource(source);
    if (newest !== undefined && newest.mtimeMs > builtAt) return `${relative(root, newest.path)} changed`;
  }
  return undefined;
}

const reason = staleReason();
if (reason === undefined) {
  console.log("renkou console: web/dist is up to date");
} else if (!existsSync(vite)) {
  // `npm ci --omit=dev` leaves out the build tools; the server then explains how to build the console.
  console.log(`renkou console: not built (${reason}; vite is not installed)`);
} else {
  const started = performance.now();
  const build = spawnSync(process.execPath, [vite, "build", "--logLevel", "error"], { cwd: root, encoding: "utf8" });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (build.status === 0) {
    console.log(`renkou console: built web/dist in ${seconds} s (${reason})`);
  } else {
    process.stderr.write(`${build.stdout ?? ""}${build.stderr ?? ""}${build.error ? String(build.error) : ""}\n`);
    console.log(`renkou console: build failed (${reason}); see the messages above, then run npm run build:web`);
    process.exitCode = 1;
  }
}
