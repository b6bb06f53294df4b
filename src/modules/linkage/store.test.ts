import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { parseBlockingRule } from "./blocking-rule.ts";
import { countEqualValuePairsInMemory } from "./estimate-u.ts";
import { computeFieldFeatures } from "./field-features.ts";
import type { FieldSpec } from "./model.ts";
import * as store from "./store.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  await database.close();
});

async function countEqual(mode: store.LinkMode, values: Array<[0 | 1, string]>) {
  const layout: store.WorkspaceLayout = { mode, types: ["code"] };
  return database.db.connection().execute(async (db) => {
    await store.createWorkspace(db, layout);
    const records = values.map(([side, value], rid) => ({ rid, side, recordId: String(rid), features: [computeFieldFeatures("code", value)] }));
    await store.insertRecords(db, layout, records);
    const counts = await store.countEqualValuePairs(db, mode, 0, "norm", "norm");
    await store.dropWorkspace(db);
    // The in-memory count the engine uses for features computed in TypeScript gives the same numbers.
    expect(countEqualValuePairsInMemory(records, mode, 0, "norm", "norm")).toEqual(counts);
    return counts;
  });
}

describe("countEqualValuePairs", () => {
  it("counts agreeing pairs within one file, leaving out missing values", async () => {
    expect(await countEqual("dedupe", [[0, "a"], [0, "a"], [0, "a"], [0, "b"], [0, ""]])).toEqual({ agreeing: 3, comparable: 6 });
  });

  it("counts agreeing pairs across two files", async () => {
    expect(await countEqual("link", [[0, "a"], [0, "a"], [0, "b"], [1, "a"], [1, "c"]])).toEqual({ agreeing: 2, comparable: 6 });
  });
});

describe("countPatternsByRule", () => {
  it("gives each rule the patterns countRulePatterns gives, and all blocked pairs' patterns, from one pass", async () => {
    const fields: FieldSpec[] = [
      { name: "a", leftColumn: "a", rightColumn: "a", type: "code" },
      { name: "b", leftColumn: "b", rightColumn: "b", type: "code" },
    ];
    const layout: store.WorkspaceLayout = { mode: "dedupe", types: ["code", "code"] };
    const values: Array<[string, string]> = [["x", "1"], ["x", "1"], ["x", "2"], ["y", "2"], ["y", ""], ["", "2"], ["x", "1"]];
    const rules = ["a", "b"].map((text) => {
      const rule = parseBlockingRule(text, fields);
      if (!rule.ok) throw new Error(text);
      return rule.value;
    });
    const sorted = (patterns: readonly { levels: readonly number[]; count: number }[]) =>
      [...patterns].map((p) => `${p.levels.join(",")}:${p.count}`).sort();
    const result = await database.db.connection().execute(async (db) => {
      await store.createWorkspace(db, layout);
      await store.insertRecords(db, layout, values.map(([a, b], rid) => ({ rid, side: 0, recordId: String(rid), features: [computeFieldFeatures("code", a), computeFieldFeatures("code", b)] })));
      for (const rule of rules) await store.insertRulePairs(db, "dedupe", rule, null);
      await store.computePairLevels(db, layout, rules);
      const counted = await store.countPatternsByRule(db, layout, rules.length);
      const expected = [];
      for (const rule of rules) expected.push(await store.countRulePatterns(db, layout, rule));
      const all = await store.countBlockedPatterns(db, layout);
      await store.dropWorkspace(db);
      return { counted, expected, all };
    });
    expect(sorted(result.counted.all)).toEqual(sorted(result.all));
    result.expected.forEach((patterns, k) => expect(sorted(result.counted.byRule[k]!)).toEqual(sorted(patterns)));
    // 7 records: rule a pairs (x: 4 records → 6, y: 2 → 1), rule b adds the pairs sharing only b.
    expect(result.counted.all.reduce((n, p) => n + p.count, 0)).toBe(10);
  });
});
