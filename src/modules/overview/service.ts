/**
 * The 总览 figures, composed from the modules that own them. A module that is not installed yet contributes
 * null rather than a made-up zero, so the console can say "not available" instead of "nothing imported".
 */
import type { Db } from "../../db/database.ts";
import { countDivisionsByLevel } from "../divisions/store.ts";
import { countRegistryRecords } from "../registry/service.ts";
import type { Overview } from "./model.ts";

export async function readOverview(db: Db): Promise<Overview> {
  const registry = await countRegistryRecords(db);
  return {
    divisions: await countDivisionsByLevel(db),
    batches: registry.batches,
    records: registry.records,
    generatedAt: new Date().toISOString(),
  };
}
