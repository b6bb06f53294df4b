/**
 * Every `renkou` subcommand, in the order `renkou --help` lists them, grouped by the module that implements
 * them. A group is loaded only when its first word is the one given: `renkou import` then loads the import
 * module and not the server, the synthetic city or the linkage engine (about 70 MB less resident memory
 * beside an embedded database).
 */
import type { CliCommand } from "./command.ts";

interface CommandGroup {
  /** The first words of the group's commands. */
  readonly words: readonly string[];
  load(): Promise<readonly CliCommand[]>;
}

const GROUPS: readonly CommandGroup[] = [
  { words: ["start"], load: async () => [(await import("./start-command.ts")).startCommand] },
  { words: ["migrate"], load: async () => [(await import("./migrate-command.ts")).migrateCommand] },
  { words: ["srb"], load: async () => [(await import("../modules/surveillance/srb-command.ts")).srbCommand] },
  { words: ["user", "audit"], load: async () => (await import("../modules/access/cli.ts")).accessCommands },
  { words: ["import", "batches"], load: async () => (await import("../modules/registry/cli.ts")).registryCommands },
  { words: ["link"], load: async () => [(await import("../modules/linkage/link-command.ts")).linkCommand] },
  { words: ["synth"], load: async () => [(await import("../modules/synth/synth-command.ts")).synthCommand] },
];

/** The commands whose first word is `firstWord`, or every command (for help) when it is undefined or unknown. */
export async function loadCommands(firstWord?: string): Promise<readonly CliCommand[]> {
  const wanted = GROUPS.filter((group) => firstWord !== undefined && group.words.includes(firstWord));
  const groups = await Promise.all((wanted.length > 0 ? wanted : GROUPS).map((group) => group.load()));
  return groups.flat();
}
