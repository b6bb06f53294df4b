/**
 * Worker threads that run TypeScript modules, like the rest of the code (no build step): the worker first
 * registers tsx's loader, then imports the module. Used by the embedded database engine and by the linkage
 * engine's feature computation.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

/** Starts `moduleUrl` (a `.ts` file's URL) on a new worker thread with `workerData`. */
export function startTypeScriptWorker(moduleUrl: URL, workerData: unknown): Worker {
  const tsxApi = resolveTsxEsmApi();
  const source = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(moduleUrl.href)}); })`;
  return new Worker(source, { eval: true, workerData });
}

/**
 * The ESM entry of tsx's API, read from the package's export map. (`import.meta.resolve` would be shorter,
 * but test runners that transform modules do not support it; `require.resolve` finds the CommonJS entry,
 * whose `register` does not install the ESM loader.)
 */
function resolveTsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("tsx/package.json"));
  const manifest = require("tsx/package.json") as { exports: Record<string, { import?: { default?: string } | string }> };
  const entry = manifest.exports["./esm/api"]?.import;
  const relative = typeof entry === "string" ? entry : entry?.default;
  if (!relative) throw new Error("cannot locate tsx's ESM API entry");
  return pathToFileURL(join(packageDir, relative)).href;
}
