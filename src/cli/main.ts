/**
 * `renkou <command> [flags]`: finds the command (the longest matching run of words, so `user add` beats
 * `user`), runs it, and turns usage errors into exit code 2 with the command's usage text.
 */
import { VERSION } from "../version.ts";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliCommand, type CliIo } from "./command.ts";
import { loadCommands } from "./commands.ts";

export function findCommand(
  args: readonly string[],
  available: readonly CliCommand[],
): { command: CliCommand; rest: readonly string[] } | undefined {
  const matches = available
    .filter((command) => command.name.every((word, i) => args[i] === word))
    .sort((a, b) => b.name.length - a.name.length);
  const command = matches[0];
  return command ? { command, rest: args.slice(command.name.length) } : undefined;
}

export function helpText(available: readonly CliCommand[]): string {
  const width = Math.max(...available.map((command) => command.name.join(" ").length));
  const lines = available.map(
    (command) => `  ${command.name.join(" ").padEnd(width)}  ${command.summary.zh}  ${command.summary.en}`,
  );
  return [
    `renkou ${VERSION} — 人口信息平台 population and family-health information platform`,
    "",
    "Usage: renkou <command> [flags]   (renkou <command> --help for a command's flags)",
    "",
    "Commands:",
    ...lines,
    "",
    "Database: the embedded database in --data-dir (default ./data), or a PostgreSQL server in DATABASE_URL.",
    "",
  ].join("\n");
}

export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    io.stdout.write(helpText(await loadCommands()));
    return args.length === 0 ? EXIT_USAGE : EXIT_OK;
  }
  if (args[0] === "--version") {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }
  const found = findCommand(args, await loadCommands(args[0]));
  if (!found) {
    io.stderr.write(`unknown command: ${args[0]}\n\n${helpText(await loadCommands())}`);
    return EXIT_USAGE;
  }
  if (found.rest.includes("--help") || found.rest.includes("-h")) {
    io.stdout.write(`${found.command.usage}\n`);
    return EXIT_OK;
  }
  try {
    return await found.command.run(found.rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\nUsage: ${found.command.usage}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_FAILURE;
  }
}
