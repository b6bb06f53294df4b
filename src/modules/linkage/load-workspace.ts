/** The engine's first step in the database: the features only PostgreSQL computes, then the working tables. */
import type { Db } from "../../db/database.ts";
import { NO_BLOCK, type RuleBlocks } from "./block-records.ts";
import { FEATURES_BY_TYPE, hasTermFrequency } from "./field-features.ts";
import type { PreparedInput } from "./prepare-link-input.ts";
import * as store from "./store.ts";
import { countValueHolders, termFrequencies } from "./value-counts.ts";
import { encodeBlockRows, encodeRecordRows } from "./workspace-rows.ts";

/**
 * Features PostgreSQL computes (double metaphone, fuzzystrmatch), asked once per distinct value, so that
 * blocking and loading see them like any other feature.
 */
export async function deriveDatabaseFeatures(db: Db, input: PreparedInput): Promise<PreparedInput> {
  const values = await Promise.all(
    input.fields.map(async (field, i) => {
      const derived = FEATURES_BY_TYPE[field.type].filter((f) => f.derived === "dmetaphone_in_sql");
      if (derived.length === 0) return input.values[i]!;
      const norms = [...new Set(input.values[i]!.flatMap((features) => (features.norm == null ? [] : [features.norm])))];
      const metaphones = await store.computeDoubleMetaphones(db, norms);
      const metaphoneOf = new Map(norms.map((norm, n) => [norm, metaphones[n] ?? null] as const));
      return input.values[i]!.map((features) => {
        if (features.norm == null) return features;
        const metaphone = metaphoneOf.get(features.norm) ?? null;
        return { ...features, ...Object.fromEntries(derived.map((f) => [f.name, metaphone])) };
      });
    }),
  );
  return { ...input, values };
}

/**
 * Loads the records that can take part in a pair (in some rule's block, or listed in `alsoLoad`: the u sample's
 * records) and every blocked record's blocks. The other records are never sent to the database.
 */
export async function loadWorkspace(db: Db, input: PreparedInput, blocks: readonly RuleBlocks[], alsoLoad: readonly Int32Array[]): Promise<void> {
  const count = input.recordIds.length;
  const blocked = new Uint8Array(count);
  for (const { blockOf } of blocks) for (let rid = 0; rid < count; rid++) if (blockOf[rid] !== NO_BLOCK) blocked[rid] = 1;
  const needed = blocked.slice();
  for (const rids of alsoLoad) for (const rid of rids) needed[rid] = 1;
  const ridsWhere = (flags: Uint8Array) => {
    const rids = new Int32Array(flags.reduce((n, f) => n + f, 0));
    let n = 0;
    for (let rid = 0; rid < count; rid++) if (flags[rid] === 1) rids[n++] = rid;
    return rids;
  };
  const termFrequencyColumns = input.fields.map((field, i) =>
    hasTermFrequency(field.type) ? termFrequencies(input, i, countValueHolders(input, i)) : undefined,
  );
  const blockOfs = blocks.map((b) => b.blockOf);
  await store.loadRows(db, "lk_keys", (encoding) => encodeBlockRows(input, blockOfs, ridsWhere(blocked), encoding));
  await store.loadRows(db, "lk_records", (encoding) => encodeRecordRows(input, termFrequencyColumns, ridsWhere(needed), encoding));
  await store.finishLoading(db);
}

