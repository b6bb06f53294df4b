/**
 * Whether this process runs as the demo, and the one way it stops being one: an import that is not the demo
 * city. Demo users have no second factor, so the moment real data arrives the demo ends for good
 * (DemoModeFacts in access/demo-mode.ts; demo users cannot sign in outside demo mode).
 */
import type { Db, DatabaseEngine } from "../../db/database.ts";
import { isDemoMode } from "../access/demo-mode.ts";
import { countBatchOrigins } from "./store.ts";

export interface DemoSession {
  readonly active: boolean;
  /** True when the database is empty and the demo city should be seeded now. */
  readonly needsSeeding: boolean;
  /** Called after an import outside the demo seeding commits: ends demo mode. */
  endBecauseOfRealData(): void;
}

export async function openDemoSession(
  db: Db,
  facts: { readonly engine: DatabaseEngine; readonly databaseUrlSet: boolean; readonly demoRequested: boolean },
): Promise<DemoSession> {
  const origins = await countBatchOrigins(db);
  let active = isDemoMode({
    ...facts,
    // An empty database is about to be seeded with the demo city, so it qualifies.
    holdsOnlyDemoData: origins.total === origins.demo,
  });
  return {
    get active() {
      return active;
    },
    needsSeeding: active && origins.total === 0,
    endBecauseOfRealData() {
      active = false;
    },
  };
}
