import { describe, expect, it } from "vitest";
import { isDemoMode, type DemoModeFacts } from "./demo-mode.ts";

const demo: DemoModeFacts = { engine: "embedded", databaseUrlSet: false, demoRequested: true, holdsOnlyDemoData: true };

describe("isDemoMode", () => {
  it("holds for the default start on an embedded database with only the demo city", () => {
    expect(isDemoMode(demo)).toBe(true);
  });

  it.each<[string, Partial<DemoModeFacts>]>([
    ["a PostgreSQL server", { engine: "server" }],
    ["DATABASE_URL set", { databaseUrlSet: true }],
    ["--no-demo", { demoRequested: false }],
    ["any non-demo import", { holdsOnlyDemoData: false }],
  ])("never holds with %s", (_case, change) => {
    expect(isDemoMode({ ...demo, ...change })).toBe(false);
  });
});
