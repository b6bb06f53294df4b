import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliIo, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from "../../cli/command.ts";
import { synthCommand } from "./synth-command.ts";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "renkou-synth-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function fakeIo(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return { io: { stdout, stderr, stdin: new PassThrough(), env: {}, cwd: dir }, out: () => out, err: () => err };
}

describe("renkou synth", () => {
  it("prints its usage for --help", async () => {
    const { io, out } = fakeIo();
    expect(await synthCommand.run(["--help"], io)).toBe(EXIT_OK);
    expect(out()).toContain("--persons N");
  });

  it.each([
    ["no --persons", ["--seed", "1", "--out", "x"]],
    ["--persons 0", ["--persons", "0", "--seed", "1", "--out", "x"]],
    ["--persons that is not a number", ["--persons", "many", "--seed", "1", "--out", "x"]],
    ["a negative seed", ["--persons", "10", "--seed", "-1", "--out", "x"]],
    ["no --out", ["--persons", "10", "--seed", "1"]],
    ["an unknown format", ["--persons", "10", "--seed", "1", "--out", "x", "--format", "pdf"]],
    ["an unknown flag", ["--persons", "10", "--seed", "1", "--out", "x", "--colour", "red"]],
  ])("rejects %s as bad usage", async (_case, args) => {
    await expect(synthCommand.run(args, fakeIo().io)).rejects.toBeInstanceOf(UsageError);
  });

  it("exits 2 with a message in both languages for an invalid profile", async () => {
    await writeFile(join(dir, "bad.json"), JSON.stringify({ srb: { natural: 300 } }));
    const { io, err } = fakeIo();
    expect(await synthCommand.run(["--persons", "10", "--seed", "1", "--out", "x", "--profile", "bad.json"], io)).toBe(EXIT_USAGE);
    expect(err()).toContain("画像文件无效 / The profile is invalid");
    expect(err()).toContain("srb.natural");
  });

  it("exits 2 when the profile file cannot be read", async () => {
    const { io, err } = fakeIo();
    expect(await synthCommand.run(["--persons", "10", "--seed", "1", "--out", "x", "--profile", "missing.json"], io)).toBe(EXIT_USAGE);
    expect(err()).toContain("missing.json");
  });

  it("exits 1 when the output directory cannot be created", async () => {
    await writeFile(join(dir, "a-file"), "");
    const { io, err } = fakeIo();
    expect(await synthCommand.run(["--persons", "50", "--seed", "1", "--out", "a-file/city"], io)).toBe(EXIT_FAILURE);
    expect(err()).toContain("generation failed");
  });

  it("generates a small city and prints its summary as JSON", async () => {
    const { io, out } = fakeIo();
    expect(await synthCommand.run(["--persons", "300", "--seed", "5", "--out", "small", "--json"], io)).toBe(EXIT_OK);
    const summary = JSON.parse(out()) as { extracts: { title: string; rows: number }[]; counts: { persons: number } };
    expect(summary.extracts.map((e) => e.title)).toContain("户籍");
    expect(summary.counts.persons).toBeGreaterThanOrEqual(300);
    expect(await readdir(join(dir, "small"))).toContain("household-registry.csv");
  });
});
