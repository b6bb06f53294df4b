import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/command.ts";
import { srbCommand } from "./srb-command.ts";

interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

function captureIo(cwd: string): Captured {
  const collect = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    return { stream, text: () => Buffer.concat(chunks).toString("utf8") };
  };
  const out = collect();
  const err = collect();
  return {
    io: { stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), env: {}, cwd },
    stdout: out.text,
    stderr: err.text,
  };
}

const HEADER = "region,period,birth_order,boys,girls";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "renkou-srb-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function run(csv: string | Buffer, args: readonly string[]) {
  await writeFile(join(directory, "counts.csv"), csv);
  const captured = captureIo(directory);
  const code = await srbCommand.run(["--counts", "counts.csv", "--out", "out.csv", ...args], captured.io);
  const output = await readFile(join(directory, "out.csv"), "utf8").catch(() => undefined);
  return { code, output, stdout: captured.stdout(), stderr: captured.stderr() };
}

describe("renkou srb", () => {
  it("is registered as the srb command", () => {
    expect(srbCommand.name).toEqual(["srb"]);
    expect(srbCommand.usage).toContain("--counts");
  });

  it("writes every input column plus the six statistics, with NA where undefined", async () => {
    const result = await run(`${HEADER}\n370406101,2024,3,836,426\n370406102,2024,3,0,5\n370406103,2024,3,0,0\n`, []);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    // 836/426: Urquia 2016 Table 1, India-born 3rd births after two girls, ratio 1.96 (1.75–2.21).
    expect(result.output).toBe(
      [
        `${HEADER},srb,ci_low,ci_high,p_value,shrunk_srb,funnel_flag`,
        "370406101,2024,3,836,426,196.24,174.63,220.53,2.7e-27,196.24,above_998",
        "370406102,2024,3,0,5,NA,NA,NA,1.0000,0.34,within",
        "370406103,2024,3,0,0,NA,NA,NA,NA,NA,NA",
        "",
      ].join("\n"),
    );
    expect(result.stdout).toContain("wrote 3 rows");
  });

  it("reads a BOM, matches headers case-insensitively and passes other columns through in order", async () => {
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(" Region ,名称,Period,BIRTH_ORDER,Boys,Girls\n370406101,店子镇,2024,1,520,480\n", "utf8"),
    ]);
    const result = await run(csv, []);
    expect(result.code).toBe(0);
    const [header, row] = result.output!.split("\n");
    expect(header).toBe("Region,名称,Period,BIRTH_ORDER,Boys,Girls,srb,ci_low,ci_high,p_value,shrunk_srb,funnel_flag");
    expect(row).toMatch(/^370406101,店子镇,2024,1,520,480,108\.33,\d+\.\d{2},\d+\.\d{2},0\.\d{4},108\.33,within$/);
  });

  it("skips malformed rows with line and field on stderr, computes the rest, and exits 1", async () => {
    const result = await run(`${HEADER}\na,2024,1,10,9\nb,2024,1,3.5,4\nc,2024,1,-1,4\nd,2024,1,5\ne,2024,1,5,6\n`, []);
    expect(result.code).toBe(1);
    expect(result.output!.split("\n").map((line) => line.split(",")[0])).toEqual(["region", "a", "e", ""]);
    const problems = result.stderr.trim().split("\n");
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain("line 3, field boys");
    expect(problems[0]).toContain("[count_not_integer]");
    expect(problems[1]).toContain("line 4, field boys");
    expect(problems[1]).toContain("[count_negative]");
    expect(problems[2]).toContain("line 5, field girls");
    expect(problems[2]).toContain("[missing_field]");
    expect(result.stdout).toContain("skipped 3 malformed rows");
  });

  it("escapes cells that a spreadsheet would run as formulas", async () => {
    const result = await run(`${HEADER},note\n=cmd|' /C calc'!A0,2024,1,10,9,@SUM(1)\n`, []);
    expect(result.output!.split("\n")[1]).toMatch(/^'=cmd\|' \/C calc'!A0,2024,1,10,9,'@SUM\(1\),/);
  });

  it("uses the chosen interval, level and reference", async () => {
    const csv = `${HEADER}\na,2024,1,120,100\n`;
    const logit = (await run(csv, [])).output!.split("\n")[1]!.split(",");
    const exact = (await run(csv, ["--ci", "exact", "--level", "0.9", "--reference", "106.3"])).output!.split("\n")[1]!;
    expect(logit.slice(5, 9)).toEqual(["120.00", "92.03", "156.47", "0.1790"]);
    // Clopper–Pearson 90% limits for p = 120/220 carried to the SRB scale; P(X ≥ 120) under p₀ = 106.3/206.3
    // is 0.2038 (40-digit mpmath sum), under 105 it is 0.1790.
    expect(exact).toMatch(/^a,2024,1,120,100,120\.00,95\.22,151\.40,0\.2038,/);
  });

  it("withholds the estimates of small cells with --suppress-below", async () => {
    const result = await run(`${HEADER}\na,2024,1,5,4\nb,2024,1,60,50\n`, ["--suppress-below", "10"]);
    const [, small, large] = result.output!.split("\n");
    expect(small).toBe("a,2024,1,5,4,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed");
    expect(large).not.toContain("suppressed");
  });

  it("does not suppress by default", async () => {
    const result = await run(`${HEADER}\na,2024,1,5,4\n`, []);
    expect(result.output).not.toContain("suppressed");
  });

  it.each([
    [["--out", "out.csv"], "--counts"],
    [["--counts", "counts.csv"], "--out"],
    [["--counts", "counts.csv", "--out", "out.csv", "--ci", "bogus"], "--ci"],
    [["--counts", "counts.csv", "--out", "out.csv", "--level", "1.5"], "--level"],
    [["--counts", "counts.csv", "--out", "out.csv", "--reference", "-3"], "--reference"],
    [["--counts", "counts.csv", "--out", "out.csv", "--suppress-below", "2.5"], "--suppress-below"],
    [["--counts", "counts.csv", "--out", "out.csv", "--unknown"], "--unknown"],
  ])("exits 2 on bad usage %j", async (args, mentioned) => {
    await writeFile(join(directory, "counts.csv"), `${HEADER}\na,2024,1,5,4\n`);
    const captured = captureIo(directory);
    expect(await srbCommand.run(args, captured.io)).toBe(2);
    expect(captured.stderr()).toContain(mentioned);
    expect(captured.stderr()).toContain("renkou srb --counts");
  });

  it("exits 1 without output when the counts file is missing or lacks a required column", async () => {
    const captured = captureIo(directory);
    expect(await srbCommand.run(["--counts", "nowhere.csv", "--out", "out.csv"], captured.io)).toBe(1);
    expect(captured.stderr()).toContain("nowhere.csv");
    const result = await run("region,period,boys,girls\na,2024,5,4\n", []);
    expect(result.code).toBe(1);
    expect(result.output).toBeUndefined();
    expect(result.stderr).toContain("[missing_columns]");
    expect(result.stderr).toContain("birth_order");
  });

  it("prints the usage and exits 0 for --help", async () => {
    const captured = captureIo(directory);
    expect(await srbCommand.run(["--help"], captured.io)).toBe(0);
    expect(captured.stdout()).toContain("--suppress-below");
  });
});
