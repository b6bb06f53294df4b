/** Every `renkou` subcommand, in the order `renkou --help` lists them. */
import type { CliCommand } from "./command.ts";
import { migrateCommand } from "./migrate-command.ts";
import { startCommand } from "./start-command.ts";
import { srbCommand } from "../modules/surveillance/srb-command.ts";

export const commands: readonly CliCommand[] = [startCommand, migrateCommand, srbCommand];
