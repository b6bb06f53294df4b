import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from "./command.ts";
import { findCommand, helpText, runCli } from "./main.ts";
import { parseFlags } from "./parse-flags.ts";

function captureIo(): CliIo & { out(): string; err(): string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return { stdout, stderr, stdin: new PassThrough(), env: {}, cwd: process.cwd(), out: () => out, err: () => err };
}

const fake = (name: string[]): CliCommand => ({
  name,
  summary: { zh: "测试", en: "test" },
  usage: `renkou ${name.join(" ")}`,
  run: async () => EXIT_OK,
});

describe("findCommand", () => {
  it("prefers the longest matching command name", () => {
    const found = findCommand(["user", "add", "--x"], [fake(["user"]), fake(["user", "add"])]);
    expect(found?.command.name).toEqual(["user", "add"]);
    expect(found?.rest).toEqual(["--x"]);
  });

  it("returns undefined for an unknown command", () => {
    expect(findCommand(["nope"], [fake(["start"])])).toBeUndefined();
  });
});

describe("runCli", () => {
  it("prints help listing every command with exit code 0 for --help", async () => {
    const io = captureIo();
    expect(await runCli(["--help"], io)).toBe(EXIT_OK);
    expect(io.out()).toContain("start");
    expect(io.out()).toContain("migrate");
  });

  it("exits 2 with the help text when no command is given", async () => {
    const io = captureIo();
    expect(await runCli([], io)).toBe(EXIT_USAGE);
  });

  it("exits 2 and names an unknown command", async () => {
    const io = captureIo();
    expect(await runCli(["frobnicate"], io)).toBe(EXIT_USAGE);
    expect(io.err()).toContain("unknown command: frobnicate");
  });

  it("exits 2 with the command's usage for an unknown flag", async () => {
    const io = captureIo();
    expect(await runCli(["migrate", "--bogus"], io)).toBe(EXIT_USAGE);
    expect(io.err()).toMatch(/--bogus/);
    expect(io.err()).toContain("renkou migrate [--data-dir DIR]");
  });

  it("prints a command's usage for <command> --help", async () => {
    const io = captureIo();
    expect(await runCli(["start", "--help"], io)).toBe(EXIT_OK);
    expect(io.out()).toContain("--no-demo");
  });
});

describe("parseFlags", () => {
  it("accepts --no-X for boolean flags", () => {
    expect(parseFlags(["--no-demo"], { demo: { type: "boolean" } }).values.demo).toBe(false);
  });
});

describe("helpText", () => {
  it("mentions how the database is chosen", () => {
    expect(helpText([fake(["start"])])).toContain("DATABASE_URL");
  });
});

describe("loadCommands", () => {
  it("loads only the group of the command asked for, and every command for help", async () => {
    const { loadCommands } = await import("./commands.ts");
    expect((await loadCommands("import")).map((command) => command.name.join(" "))).toEqual(["import", "batches"]);
    const all = (await loadCommands()).map((command) => command.name.join(" "));
    expect(all).toEqual(expect.arrayContaining(["start", "migrate", "srb", "user add", "audit verify", "import", "batches", "link", "synth"]));
    expect(await loadCommands("nonsense")).toHaveLength(all.length);
  });
});
