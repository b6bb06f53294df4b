import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "../../../test/support/database.ts";
import { blockRecords } from "./block-records.ts";
import { parseBlockingRule } from "./blocking-rule.ts";
import { loadWorkspace } from "./load-workspace.ts";
import type { FieldSpec, LinkMode } from "./model.ts";
import { featuresOf, prepareLinkInput, type PreparedInput } from "./prepare-link-input.ts";
import * as store from "./store.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);
afterAll(async () => {
  await database.close();
});

const FIELDS: FieldSpec[] = [
  { name: "a", leftColumn: "a", rightColumn: "a", type: "code" },
  { name: "b", leftColumn: "b", rightColumn: "b", type: "code" },
];
const RULES = ["a", "b"].map((text) => {
  const rule = parseBlockingRule(text, FIELDS);
  if (!rule.ok) throw new Error(text);
  return rule.value;
});

function prepare(left: Array<[string, string]>, right?: Array<[string, string]>): PreparedInput {
  const source = (label: string, rows: Array<[string, string]>) => ({
    label,
    idColumn: "id",
    header: ["id", "a", "b"],
    rows: rows.map(([a, b], i) => [`${label}${i}`, a, b]),
  });
  const prepared = prepareLinkInput(source("l", left), right && source("r", right), FIELDS);
  if (!prepared.ok) throw new Error(prepared.en);
  return prepared.value;
}

/** The pairs the blocking rules must give, by brute force: every pair agreeing on a rule's key. */
function expectedPairs(input: PreparedInput, mode: LinkMode): string[] {
  const pairs: string[] = [];
  const count = input.recordIds.length;
  const value = (rid: number, field: number) => featuresOf(input, rid, field).norm ?? null;
  for (let l = 0; l < count; l++) {
    for (let r = mode === "dedupe" ? l + 1 : 0; r < count; r++) {
      if (mode === "link" && (input.sides[l] !== 0 || input.sides[r] !== 1)) continue;
      let flags = 0;
      RULES.forEach((_, k) => {
        if (value(l, k) !== null && value(l, k) === value(r, k)) flags |= 1 << k;
      });
      if (flags !== 0) pairs.push(`${l}-${r}:${flags}`);
    }
  }
  return pairs.sort();
}

async function blockInDatabase(input: PreparedInput, mode: LinkMode) {
  const layout: store.WorkspaceLayout = { mode, types: ["code", "code"], ruleCount: RULES.length };
  return database.db.connection().execute(async (db) => {
    await store.createWorkspace(db, layout);
    const blocks = RULES.map((rule) => blockRecords(input, mode, rule, 1_000_000));
    await loadWorkspace(db, input, blocks, []);
    const byFlags = await store.insertBlockedPairs(db, layout);
    await store.computePairLevels(db, layout);
    const levels = await store.findPairLevels(db, layout);
    const counted = await store.countPatternsByRule(db, layout);
    await store.dropWorkspace(db);
    return { byFlags, levels, counted };
  });
}

const VALUES: Array<[string, string]> = [["x", "1"], ["x", "1"], ["x", "2"], ["y", "2"], ["y", ""], ["", "2"], ["x", "1"], ["z", "3"]];

describe("insertBlockedPairs", () => {
  it("gives every pair agreeing on some rule once, with the bits of all the rules it agrees on", async () => {
    const input = prepare(VALUES);
    const { byFlags, levels } = await blockInDatabase(input, "dedupe");
    // flags are not returned per pair; recompute them from the levels (level 0 = exact on that field)
    const found = levels.map((p) => `${p.l}-${p.r}:${p.levels.reduce((flags, level, k) => (level === 0 ? flags | (1 << k) : flags), 0)}`).sort();
    expect(found).toEqual(expectedPairs(input, "dedupe"));
    expect(byFlags.reduce((n, f) => n + f.pairs, 0)).toBe(found.length);
  });

  it("pairs only left with right records when linking", async () => {
    const input = prepare(VALUES.slice(0, 4), VALUES.slice(4));
    const { levels } = await blockInDatabase(input, "link");
    const found = levels.map((p) => `${p.l}-${p.r}:${p.levels.reduce((flags, level, k) => (level === 0 ? flags | (1 << k) : flags), 0)}`).sort();
    expect(found).toEqual(expectedPairs(input, "link"));
  });
});

describe("countPatternsByRule", () => {
  it("gives all blocked pairs' patterns and, per rule, those of the pairs agreeing on it", async () => {
    const input = prepare(VALUES);
    const { levels, counted } = await blockInDatabase(input, "dedupe");
    const tally = (pairs: typeof levels) => {
      const counts = new Map<string, number>();
      for (const p of pairs) counts.set(p.levels.join(","), (counts.get(p.levels.join(",")) ?? 0) + 1);
      return [...counts].map(([key, n]) => `${key}:${n}`).sort();
    };
    const asText = (patterns: readonly { levels: readonly number[]; count: number }[]) => patterns.map((p) => `${p.levels.join(",")}:${p.count}`).sort();
    expect(asText(counted.all)).toEqual(tally(levels));
    RULES.forEach((_, k) => expect(asText(counted.byRule[k]!)).toEqual(tally(levels.filter((p) => p.levels[k] === 0))));
  });
});
