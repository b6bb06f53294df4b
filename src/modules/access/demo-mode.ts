/**
 * Whether this instance runs as the public demo: one demo user per role with passwords printed on the
 * terminal, no second factor, a 演示/DEMO banner. Only an embedded database that holds nothing but the
 * synthetic demo city qualifies; a server database (DATABASE_URL), `--no-demo`, or any import of real
 * extracts rules it out for good, because demo users without a second factor must never guard real data.
 */
export interface DemoModeFacts {
  readonly engine: "embedded" | "server";
  readonly databaseUrlSet: boolean;
  /** False with `--no-demo`. */
  readonly demoRequested: boolean;
  /** True when every import batch in the database is the synthetic demo city (and there is at least one). */
  readonly holdsOnlyDemoData: boolean;
}

export function isDemoMode(facts: DemoModeFacts): boolean {
  return facts.engine === "embedded" && !facts.databaseUrlSet && facts.demoRequested && facts.holdsOnlyDemoData;
}
