/**
 * `renkou import` of a CSV file streams: its working heap stays near 50 MB, plus the duplicate-row index, which
 * grows by about 48 MB per million rows (~111 MB of file). But V8 sizes its heap for the machine and lets
 * garbage pile up to several times the live data before collecting, so with the embedded engine in the same
 * process a 1M-row import peaked at 565 MB. Bounding the old generation keeps it under 500 MB for ~20 % more
 * CPU per row (src/modules/registry/README.md "Measurements"), so `bin/renkou` runs a CSV import again in a
 * child Node with a limit sized to the file: a fixed part for code and working set, and half a megabyte per
 * megabyte of file for the index, with room to spare. An XLSX file keeps its shared-strings table in memory,
 * which a large workbook can push past any such estimate, so it runs without a limit.
 */
const FIXED_HEAP_MB = 192;
const HEAP_MB_PER_FILE_MB = 0.5;

/** The flags that take a value (`--source hukou`), so that the value is not taken for the file. */
const FLAGS_WITH_VALUE = new Set(["--source", "--map", "--encoding", "--sheet", "--data-dir"]);

/** The FILE operand of `renkou import …`, if there is one. */
export function importedFile(args: readonly string[]): string | undefined {
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!;
    if (FLAGS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith("--")) return arg;
  }
  return undefined;
}

/**
 * The V8 flags to run this command with, or undefined to run it in this process as it is: only for `import`
 * of a CSV file whose size `sizeOf` can tell, unless Node already has a heap limit (flags or NODE_OPTIONS).
 * RENKOU_IMPORT_HEAP_MB sets the limit instead (0: none).
 */
export function importHeapFlags(
  args: readonly string[],
  execArgv: readonly string[],
  env: NodeJS.ProcessEnv,
  sizeOf: (path: string) => number | undefined,
): string[] | undefined {
  if (args[0] !== "import") return undefined;
  const file = importedFile(args);
  if (file === undefined || /\.xlsx$/i.test(file)) return undefined;
  const heapSet = (text: string) => /--max-old-space-size/.test(text);
  if (execArgv.some(heapSet) || heapSet(env.NODE_OPTIONS ?? "")) return undefined;
  let megabytes: number;
  if (env.RENKOU_IMPORT_HEAP_MB !== undefined && env.RENKOU_IMPORT_HEAP_MB !== "") {
    megabytes = Number(env.RENKOU_IMPORT_HEAP_MB);
  } else {
    const bytes = sizeOf(file);
    if (bytes === undefined) return undefined;
    megabytes = FIXED_HEAP_MB + Math.ceil((HEAP_MB_PER_FILE_MB * bytes) / 2 ** 20);
  }
  if (!Number.isInteger(megabytes) || megabytes <= 0) return undefined;
  return [`--max-old-space-size=${megabytes}`];
}
