import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from "../../cli/command.ts";
import { escapeCsvCell } from "./escape-csv-cell.ts";
import { parseSrbCounts, SRB_COUNTS_FAILURE_MESSAGES, type SrbCountProblem } from "./parse-srb-counts.ts";
import { suppressSmallCells } from "./small-cell-suppression.ts";
import { SRB_INTERVAL_METHODS, type SrbIntervalMethod } from "./srb-estimate.ts";
import { DEFAULT_REFERENCE_SRB } from "./srb-proportion.ts";
import { computeSrbTable } from "./srb-table.ts";

/**
 * `renkou srb`: SRB statistics for a CSV of counts an analyst already holds (no database).
 * Exit codes: 0 all rows computed; 1 the file could not be read or parsed, or at least one row was
 * malformed (those rows are reported on stderr with line and field, left out, and every other row is still
 * written); 2 bad usage (missing --counts or --out, unknown --ci, invalid numbers, unknown flags).
 * No small-cell suppression by default: the user already has the counts, so withholding estimates protects
 * no one; --suppress-below N replaces the estimates of cells with fewer than N births by `suppressed`,
 * for output that will be passed on.
 */
const USAGE = `renkou srb --counts FILE.csv --out OUT.csv [--ci logit|wilson|exact] [--reference 105] [--level 0.95]
           [--suppress-below N]

Reads columns region,period,birth_order,boys,girls (other columns are passed through) and writes them with
srb,ci_low,ci_high,p_value,shrunk_srb,funnel_flag (SRB = boys per 100 girls; NA where undefined).
  --ci              interval: logit (log-ratio, default), wilson, exact (Clopper–Pearson)
  --reference       natural SRB for the one-sided exact test and the funnel plot (default 105)
  --level           confidence level (default 0.95)
  --suppress-below  write "suppressed" instead of the estimates of cells with fewer than N births
Shrinkage and funnel limits compare the regions that share a period and birth order.`;

const OUTPUT_COLUMNS = ["srb", "ci_low", "ci_high", "p_value", "shrunk_srb", "funnel_flag"] as const;
const ESTIMATE_FIELDS = ["srb", "ciLow", "ciHigh", "pValue", "shrunkSrb", "funnelFlag"] as const;

interface SrbFlags {
  readonly counts: string;
  readonly out: string;
  readonly method: SrbIntervalMethod;
  readonly referenceSrb: number;
  readonly level: number;
  readonly suppressBelow: number | undefined;
}

function readNumber(flag: string, text: string | undefined, fallback: number, valid: (x: number) => boolean): number {
  if (text === undefined) return fallback;
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isFinite(value) || !valid(value)) {
    throw new UsageError(`--${flag}: invalid value "${text}"`);
  }
  return value;
}

function parseSrbFlags(args: readonly string[]): SrbFlags | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        counts: { type: "string" },
        out: { type: "string" },
        ci: { type: "string" },
        reference: { type: "string" },
        level: { type: "string" },
        "suppress-below": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  if (values.counts === undefined || values.counts === "") throw new UsageError("--counts FILE.csv is required");
  if (values.out === undefined || values.out === "") throw new UsageError("--out OUT.csv is required");
  const method = values.ci ?? "logit";
  if (!SRB_INTERVAL_METHODS.includes(method as SrbIntervalMethod)) {
    throw new UsageError(`--ci must be one of ${SRB_INTERVAL_METHODS.join(", ")} (got "${method}")`);
  }
  const suppressBelow =
    values["suppress-below"] === undefined
      ? undefined
      : readNumber("suppress-below", values["suppress-below"], 0, (x) => Number.isInteger(x) && x >= 0);
  return {
    counts: values.counts,
    out: values.out,
    method: method as SrbIntervalMethod,
    referenceSrb: readNumber("reference", values.reference, DEFAULT_REFERENCE_SRB, (x) => x > 0),
    level: readNumber("level", values.level, 0.95, (x) => x > 0 && x < 1),
    suppressBelow,
  };
}

/** Ratios with 2 decimals; p-values with 4, or 2 significant digits in exponent form below 0.0001. */
function formatEstimate(field: (typeof ESTIMATE_FIELDS)[number], value: number | string | undefined): string {
  if (value === undefined) return "NA";
  if (typeof value === "string") return value;
  if (field !== "pValue") return value.toFixed(2);
  if (value === 0 || value >= 0.0001) return value.toFixed(4);
  return value.toExponential(1);
}

function describeProblem(problem: SrbCountProblem): string {
  const value = problem.value === undefined ? "" : ` "${problem.value}"`;
  return (
    `第 ${problem.line} 行，字段 ${problem.field}：${problem.message.zh}${value} / ` +
    `line ${problem.line}, field ${problem.field}: ${problem.message.en}${value} [${problem.code}]\n`
  );
}

async function runSrb(flags: SrbFlags, io: CliIo): Promise<number> {
  const countsPath = resolve(io.cwd, flags.counts);
  let input: Buffer;
  try {
    input = await readFile(countsPath);
  } catch (error) {
    io.stderr.write(`无法读取 ${flags.counts} / cannot read ${flags.counts}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  const parsed = parseSrbCounts(input);
  if (!parsed.ok) {
    const message = SRB_COUNTS_FAILURE_MESSAGES[parsed.reason];
    const detail = parsed.detail === undefined ? "" : ` (${parsed.detail})`;
    io.stderr.write(`${flags.counts}: ${message.zh} / ${message.en}${detail} [${parsed.reason}]\n`);
    return EXIT_FAILURE;
  }
  const { header, rows, problems } = parsed.value;
  for (const problem of problems) io.stderr.write(describeProblem(problem));

  const table = computeSrbTable(rows, { method: flags.method, level: flags.level, referenceSrb: flags.referenceSrb });
  const shown = suppressSmallCells(
    table.map((estimates, index) => ({ ...estimates, births: rows[index]!.boys + rows[index]!.girls })),
    { births: (row) => row.births, fields: ESTIMATE_FIELDS, threshold: flags.suppressBelow ?? 0 },
  );
  const lines = [[...header, ...OUTPUT_COLUMNS].map(escapeCsvCell).join(",")];
  shown.forEach((estimates, index) => {
    const cells = [...rows[index]!.fields, ...ESTIMATE_FIELDS.map((field) => formatEstimate(field, estimates[field]))];
    lines.push(cells.map(escapeCsvCell).join(","));
  });
  try {
    await writeFile(resolve(io.cwd, flags.out), `${lines.join("\n")}\n`, "utf8");
  } catch (error) {
    io.stderr.write(`无法写入 ${flags.out} / cannot write ${flags.out}: ${(error as Error).message}\n`);
    return EXIT_FAILURE;
  }
  const skipped = new Set(problems.map((problem) => problem.line)).size;
  io.stdout.write(
    `已写入 ${rows.length} 行到 ${flags.out}，跳过 ${skipped} 个格式错误的行 / ` +
      `wrote ${rows.length} rows to ${flags.out}, skipped ${skipped} malformed rows\n`,
  );
  return problems.length > 0 ? EXIT_FAILURE : EXIT_OK;
}

export const srbCommand: CliCommand = {
  name: ["srb"],
  summary: {
    zh: "出生人口性别比：区间估计、精确检验、收缩估计与漏斗图标记（CSV 输入输出）",
    en: "Sex ratio at birth: intervals, exact test, shrinkage and funnel flags (CSV in, CSV out)",
  },
  usage: USAGE,
  async run(args, io) {
    let flags: SrbFlags | "help";
    try {
      flags = parseSrbFlags(args);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      io.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    if (flags === "help") {
      io.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    return runSrb(flags, io);
  },
};
