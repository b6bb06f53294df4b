/**
 * The contract every CLI subcommand implements. `bin/renkou` dispatches on the first word; each module's
 * `cli.ts` exports its commands. Commands parse their own flags, call services, and print; they never hold
 * domain logic. Exit codes (DESIGN.md §9): 0 ok, 1 failure, 2 bad usage.
 */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface CliCommand {
  /** The subcommand words, e.g. `["srb"]` or `["user", "add"]`. */
  readonly name: readonly string[];
  readonly summary: { readonly zh: string; readonly en: string };
  /** Usage text shown by `renkou <name> --help` and on a usage error. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** Thrown by flag parsing; the dispatcher prints the message and the command's usage, then exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
