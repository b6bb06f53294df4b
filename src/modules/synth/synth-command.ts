import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type CliCommand, type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "../../cli/command.ts";
import { generateCity, OUTPUT_FORMATS, type OutputFormat, type SynthProgress, type SynthSummary } from "./generate-city.ts";
import { PROFILE_MESSAGES, resolveProfile } from "./profile.ts";

const USAGE = `renkou synth --persons N --seed S --out DIR [--profile FILE] [--format native|csv|xlsx|both] [--json]

  --persons N   people in the city on the first day of the span (1 … 50,000,000)
  --seed S      non-negative integer; the same arguments give the same bytes
  --out DIR     where to write the six extracts and truth/ (created if missing)
  --profile F   JSON profile (years, demography, SRB rules, completeness, error rates); defaults if omitted
  --format      native (each department's own format, the default), csv, xlsx, or both
  --json        print the summary as JSON`;

const MAX_PERSONS = 50_000_000;

interface SynthArguments {
  readonly persons: number;
  readonly seed: number;
  readonly out: string;
  readonly profile: string | undefined;
  readonly format: OutputFormat;
  readonly json: boolean;
  readonly help: boolean;
}

/** `renkou synth`: generates the synthetic city with ground truth (see README.md in this folder). */
export const synthCommand: CliCommand = {
  name: ["synth"],
  summary: { zh: "生成带真值的合成城市（演示、测试、基准）", en: "Generate a synthetic city with ground truth (demo, tests, benchmarks)" },
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseSynthArguments(args);
    if (parsed.help) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT_OK;
    }
    let profileInput: unknown = {};
    if (parsed.profile !== undefined) {
      try {
        profileInput = JSON.parse(await readFile(resolve(io.cwd, parsed.profile), "utf8"));
      } catch (error) {
        const { zh, en } = PROFILE_MESSAGES.invalid_profile;
        io.stderr.write(`${zh} / ${en}: ${parsed.profile}: ${(error as Error).message}\n`);
        return EXIT_USAGE;
      }
    }
    const resolved = resolveProfile(profileInput);
    if (!resolved.ok) {
      const { zh, en } = PROFILE_MESSAGES[resolved.reason];
      io.stderr.write(`${zh} / ${en}: ${parsed.profile ?? "(defaults)"}\n${resolved.detail ?? ""}\n`);
      return EXIT_USAGE;
    }
    const outDir = resolve(io.cwd, parsed.out);
    const started = performance.now();
    let summary: SynthSummary;
    try {
      summary = await generateCity({
        persons: parsed.persons,
        seed: parsed.seed,
        outDir,
        profile: resolved.value,
        format: parsed.format,
        ...(io.stderr.isTTY ? { onProgress: (p: SynthProgress) => showProgress(io, p) } : {}),
      });
    } catch (error) {
      io.stderr.write(`生成失败 / generation failed: ${(error as Error).message}\n`);
      return EXIT_FAILURE;
    }
    const seconds = (performance.now() - started) / 1000;
    io.stdout.write(parsed.json ? `${JSON.stringify({ ...summary, outDir, seconds }, null, 2)}\n` : formatSummary(summary, outDir, seconds));
    return EXIT_OK;
  },
};

/** Parses the flags; throws UsageError (exit 2) with a message naming the bad flag. */
export function parseSynthArguments(args: readonly string[]): SynthArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        persons: { type: "string" },
        seed: { type: "string" },
        out: { type: "string" },
        profile: { type: "string" },
        format: { type: "string", default: "native" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { persons: 0, seed: 0, out: "", profile: undefined, format: "native", json: false, help: true };
  const persons = parseWholeNumber("--persons", values.persons);
  if (persons < 1 || persons > MAX_PERSONS) throw new UsageError(`--persons must be between 1 and ${MAX_PERSONS.toLocaleString("en-US")}`);
  const seed = parseWholeNumber("--seed", values.seed);
  if (values.out === undefined || values.out === "") throw new UsageError("--out DIR is required");
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(", ")}`);
  return { persons, seed, out: values.out, profile: values.profile, format, json: values.json, help: false };
}

function parseWholeNumber(flag: string, value: string | undefined): number {
  if (value === undefined) throw new UsageError(`${flag} is required`);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

function showProgress(io: CliIo, progress: SynthProgress): void {
  const end = progress.stage === "done" ? "\n" : "";
  io.stderr.write(`\r\x1b[K[${progress.done}/${progress.total}] ${progress.stage}${end}`);
}

function formatSummary(summary: SynthSummary, outDir: string, seconds: number): string {
  const n = (value: number): string => value.toLocaleString("en-US");
  const lines = [
    `renkou synth: ${n(summary.startingPersons)} persons, seed ${summary.seed}, ${summary.span.from} – ${summary.span.to} → ${outDir} (${seconds.toFixed(1)} s)`,
  ];
  for (const extract of summary.extracts) {
    const files = extract.files.map((f) => (f.encoding === undefined ? f.path : `${f.path} (${f.encoding})`)).join(", ");
    lines.push(`  ${extract.title.padEnd(6, "\u3000")} ${files.padEnd(44)} ${n(extract.rows).padStart(11)} rows`);
  }
  const c = summary.counts;
  lines.push(
    `  truth/: persons ${n(c.persons)}, households ${n(c.households)}, births ${n(c.births)}, deaths ${n(c.deaths)}, ` +
      `marriages ${n(c.marriages)}, moves ${n(c.moves)}, migrants in ${n(c.migrationsIn)} / out ${n(c.migrationsOut)}`,
  );
  return `${lines.join("\n")}\n`;
}
