/** Every `renkou` subcommand, in the order `renkou --help` lists them. */
import type { CliCommand } from "./command.ts";
import { migrateCommand } from "./migrate-command.ts";
import { startCommand } from "./start-command.ts";
import { srbCommand } from "../modules/surveillance/srb-command.ts";
import { accessCommands } from "../modules/access/cli.ts";
import { registryCommands } from "../modules/registry/cli.ts";
import { linkCommand } from "../modules/linkage/link-command.ts";
import { synthCommand } from "../modules/synth/synth-command.ts";

export const commands: readonly CliCommand[] = [startCommand, migrateCommand, srbCommand, ...accessCommands, ...registryCommands, linkCommand, synthCommand];
