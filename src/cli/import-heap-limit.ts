/**
 * `renkou import` of a CSV file streams: its live JavaScript heap stays near 50 MB. But V8 sizes its heap for
 * the machine and lets garbage pile up to ~180 MB before collecting, so with the embedded engine in the same
 * process a 1M-row import peaked at 565 MB; with a 256 MB old-space limit it peaks at about 440 MB for ~20 %
 * more CPU per row (src/modules/registry/README.md "Measurements"). `bin/renkou` therefore runs a CSV import
 * again in a child Node with that limit. An XLSX file keeps its shared-strings table in memory, which a large
 * workbook can push past any fixed limit, so it runs without one.
 */
const DEFAULT_IMPORT_HEAP_MB = 256;

/**
 * The V8 flags to run this command with, or undefined to run it in this process as it is: only for `import`
 * of a file that is not XLSX, unless Node already has a heap limit (flags or NODE_OPTIONS) or
 * RENKOU_IMPORT_HEAP_MB is 0.
 */
export function importHeapFlags(args: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] | undefined {
  if (args[0] !== "import") return undefined;
  if (args.some((arg) => /\.xlsx$/i.test(arg))) return undefined;
  const heapSet = (text: string) => /--max-old-space-size/.test(text);
  if (execArgv.some(heapSet) || heapSet(env.NODE_OPTIONS ?? "")) return undefined;
  const megabytes = env.RENKOU_IMPORT_HEAP_MB === undefined || env.RENKOU_IMPORT_HEAP_MB === "" ? DEFAULT_IMPORT_HEAP_MB : Number(env.RENKOU_IMPORT_HEAP_MB);
  if (!Number.isInteger(megabytes) || megabytes <= 0) return undefined;
  return [`--max-old-space-size=${megabytes}`];
}
