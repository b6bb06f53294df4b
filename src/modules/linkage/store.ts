import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import type { BlockingRule } from "./blocking-rule.ts";
import { COMPARISON_LIBRARY, featureColumn, renderLevelCase, renderMetricColumns } from "./comparison-library.ts";
import type { ComparisonPattern } from "./comparison-pattern.ts";
import { FEATURES_BY_TYPE, type FeatureValues } from "./field-features.ts";
import type { FieldType } from "./model.ts";
import type { ComparisonScoring } from "./score-pair.ts";

/**
 * The linkage module's only SQL. A run works in session-local temporary tables (`lk_*`: no WAL, dropped with
 * the connection), so the caller must hand in a Kysely bound to one connection (`db.connection().execute`).
 * Every column name below is generated (`f3_norm`), never taken from input, and every value is bound.
 *
 *   lk_records (rid, side, record_id, f<i>_<feature>…)   one row per record; side 0 = left, 1 = right
 *   lk_pairs   (l, r)                                    blocked candidate pairs, l < r in a dedupe
 *   lk_levels  (l, r, c<i>…, t<i>…)                       each pair's level per comparison, tf per name field
 */
export type LinkMode = "dedupe" | "link";

export interface WorkspaceLayout {
  readonly mode: LinkMode;
  readonly types: readonly FieldType[];
}

export interface RecordRow {
  readonly rid: number;
  readonly side: 0 | 1;
  readonly recordId: string;
  readonly features: readonly FeatureValues[];
}

const TABLES = ["lk_levels", "lk_pairs", "lk_sample", "lk_records"] as const;

export async function dropWorkspace(db: Db): Promise<void> {
  for (const table of TABLES) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  // temp_buffers cannot be reset once the session has used temporary tables; it stays for the connection.
  for (const setting of ["jit", "work_mem", "enable_mergejoin"]) await sql`reset ${sql.raw(setting)}`.execute(db);
}

/**
 * Planner settings and memory for this session's sorts, hashes and temporary tables. The server defaults (work_mem 4 MB,
 * temp_buffers 8 MB) make every grouping or hash join over a million records spill to disk and every scan of a
 * temporary table go through the kernel. temp_buffers can only be set before the session first touches a
 * temporary table; on a pooled connection that already has, the default stays (slower, same result).
 */
async function configureSession(db: Db): Promise<void> {
  await sql`set work_mem = '256MB'`.execute(db);
  // Blocking joins on two keys (name & date) are estimated to match almost nothing, so the planner picks a
  // merge join and sorts a million records twice; a hash join builds one table and is several times faster.
  await sql`set enable_mergejoin = off`.execute(db);
  try {
    await sql`set temp_buffers = '512MB'`.execute(db);
  } catch {
    // "cannot change temp_buffers after temporary tables have been accessed in the session"
  }
}

export async function createWorkspace(db: Db, layout: WorkspaceLayout): Promise<void> {
  await dropWorkspace(db);
  // The comparison queries look expensive to the planner (correlated subplans), so a server would JIT-compile
  // each one: about a second of compilation for well under a second of work on 100k pairs. Off for this
  // session until `dropWorkspace` resets it (the connection goes back to a shared pool).
  await sql`set jit = off`.execute(db);
  await configureSession(db);
  const columns = layout.types.flatMap((type, i) =>
    // Text in the "C" collation: equality is the same, and the sorts and groupings of blocking compare bytes
    // instead of calling the locale's collation for every comparison.
    FEATURES_BY_TYPE[type].map((feature) => `${featureColumn(i, feature.name)} ${feature.sqlType}${feature.sqlType === "text" ? ` collate "C"` : ""}`),
  );
  await sql`create temporary table lk_records (
    rid integer primary key, side smallint not null, record_id text not null${sql.raw(columns.map((c) => `, ${c}`).join(""))}
  )`.execute(db);
  await sql`create temporary table lk_pairs (l integer not null, r integer not null, primary key (l, r))`.execute(db);
}

/**
 * Rows go in as JSON chunks (one bound parameter each), which is much faster than wide VALUES lists. Term
 * frequencies are counted here, in one pass over the rows, rather than by an UPDATE of every row afterwards.
 */
export async function insertRecords(db: Db, layout: WorkspaceLayout, rows: readonly RecordRow[]): Promise<void> {
  const termFrequencies = countTermFrequencies(layout, rows);
  const chunkSize = 20_000;
  // Every row object gets the same keys in the same order (one hidden class, so JSON.stringify stays on its
  // fast path, which measured faster than writing the JSON text by hand); column names are built once.
  const columns = layout.types.map((type, i) =>
    FEATURES_BY_TYPE[type].map((feature) => ({
      feature: feature.name,
      column: featureColumn(i, feature.name),
      tf: feature.sqlDerived === "term_frequency_of_norm",
      derivedInSql: feature.sqlDerived === "dmetaphone_of_norm",
    })),
  );
  const chunkJson = (start: number) => {
    const json = rows.slice(start, start + chunkSize).map((row) => {
      const object: Record<string, string | number | null> = { rid: row.rid, side: row.side, record_id: row.recordId };
      columns.forEach((fieldColumns, i) => {
        const values = row.features[i] ?? {};
        for (const { feature, column, tf, derivedInSql } of fieldColumns) {
          if (derivedInSql) object[column] = null;
          else if (tf) object[column] = values.norm == null ? null : (termFrequencies[i]?.get(values.norm) ?? null);
          else object[column] = values[feature] ?? null;
        }
      });
      return object;
    });
    return JSON.stringify(json);
  };
  // The next chunk is serialised while the database inserts the previous one (two processes, two cores).
  let inFlight: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < rows.length; start += chunkSize) {
    const json = chunkJson(start);
    await inFlight;
    inFlight = sql`insert into lk_records select * from json_populate_recordset(null::lk_records, ${json}::json)`.execute(db);
  }
  await inFlight;
  await deriveSqlFeatures(db, layout);
  await sql`analyze lk_records`.execute(db);
}

/**
 * Per field with a term-frequency feature: each normalised value's share of the records that have one (over
 * both files together, as the pairs span both).
 */
function countTermFrequencies(layout: WorkspaceLayout, rows: readonly RecordRow[]): Array<Map<string, number> | undefined> {
  return layout.types.map((type, i) => {
    if (!FEATURES_BY_TYPE[type].some((f) => f.sqlDerived === "term_frequency_of_norm")) return undefined;
    const counts = new Map<string, number>();
    let total = 0;
    for (const row of rows) {
      const norm = row.features[i]?.norm ?? null;
      if (norm === null) continue;
      counts.set(norm, (counts.get(norm) ?? 0) + 1);
      total++;
    }
    for (const [value, n] of counts) counts.set(value, n / total);
    return counts;
  });
}

/** Double metaphone, filled in SQL after loading (term frequencies are counted while loading). */
async function deriveSqlFeatures(db: Db, layout: WorkspaceLayout): Promise<void> {
  for (const [i, type] of layout.types.entries()) {
    for (const feature of FEATURES_BY_TYPE[type]) {
      const target = sql.raw(featureColumn(i, feature.name));
      const norm = sql.raw(featureColumn(i, "norm"));
      if (feature.sqlDerived === "dmetaphone_of_norm") {
        await sql`update lk_records set ${target} = nullif(dmetaphone(${norm}), '') where ${norm} is not null`.execute(db);
      }
    }
  }
}

export async function countRecords(db: Db): Promise<{ left: number; right: number }> {
  const result = await sql<{ left: number; right: number }>`select
    count(*) filter (where side = 0)::float8 as left, count(*) filter (where side = 1)::float8 as right
    from lk_records`.execute(db);
  return result.rows[0] ?? { left: 0, right: 0 };
}

/** Fraction of records with a value for each field, to drop fields that are entirely null. */
export async function countNonNullFields(db: Db, layout: WorkspaceLayout): Promise<number[]> {
  const counts = layout.types.map((type, i) => `count(${featureColumn(i, COMPARISON_LIBRARY[type].nullFeature)})::float8 as n${i}`);
  const result = await sql<Record<string, number>>`select ${sql.raw(counts.join(", "))} from lk_records`.execute(db);
  const row = result.rows[0] ?? {};
  return layout.types.map((_, i) => row[`n${i}`] ?? 0);
}

function keyList(rule: BlockingRule, alias: string): string {
  return rule.keys.map((k) => k.expression.replaceAll("x.", `${alias}.`)).join(", ");
}

function keysNotNull(rule: BlockingRule, alias: string): string {
  return rule.keys.map((k) => `${k.expression.replaceAll("x.", `${alias}.`)} is not null`).join(" and ");
}

/** Block sizes of a rule: per size, how many blocks and how many pairs they would produce. */
function blockPairsExpression(mode: LinkMode): string {
  return mode === "dedupe"
    ? "count(*)::float8 * (count(*)::float8 - 1) / 2"
    : "(count(*) filter (where x.side = 0))::float8 * (count(*) filter (where x.side = 1))::float8";
}

export async function findBlockSizes(
  db: Db,
  mode: LinkMode,
  rule: BlockingRule,
): Promise<Array<{ size: number; pairs: number }>> {
  const result = await sql<{ size: number; pairs: number }>`
    select size, sum(pairs)::float8 as pairs from (
      select count(*)::float8 as size, ${sql.raw(blockPairsExpression(mode))} as pairs
      from lk_records x where ${sql.raw(keysNotNull(rule, "x"))}
      group by ${sql.raw(keyList(rule, "x"))}
    ) b where pairs > 0 group by size order by size`.execute(db);
  return result.rows;
}

/**
 * Inserts a rule's pairs that earlier rules did not produce and returns how many. With `maxBlockSize`,
 * blocks larger than that are skipped (the cap that keeps an exploding rule from exhausting memory).
 */
export async function insertRulePairs(db: Db, mode: LinkMode, rule: BlockingRule, maxBlockSize: number | null): Promise<number> {
  const join = rule.keys.map((k) => `${k.expression.replaceAll("x.", "l.")} = ${k.expression.replaceAll("x.", "r.")}`).join(" and ");
  const order = mode === "dedupe" ? "l.rid < r.rid" : "l.side = 0 and r.side = 1";
  const capped =
    maxBlockSize === null
      ? sql``
      : sql`and (${sql.raw(keyList(rule, "l"))}) in (
          select ${sql.raw(keyList(rule, "x"))} from lk_records x where ${sql.raw(keysNotNull(rule, "x"))}
          group by ${sql.raw(keyList(rule, "x"))} having count(*) <= ${maxBlockSize})`;
  const result = await sql`insert into lk_pairs (l, r)
    select l.rid, r.rid from lk_records l join lk_records r on ${sql.raw(join)}
    where ${sql.raw(order)} ${capped}
    on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

function levelColumns(layout: WorkspaceLayout): string {
  return layout.types.map((type, i) => `${renderLevelCase(COMPARISON_LIBRARY[type], i)} as c${i}`).join(", ");
}

/** Pairs `p` joined to their records `l`, `r` and, behind `offset 0`, their once-per-pair metrics `x`. */
function pairSource(layout: WorkspaceLayout, pairTable: string): string {
  const metrics = layout.types.flatMap((type, i) => renderMetricColumns(COMPARISON_LIBRARY[type], i));
  return `${pairTable} p join lk_records l on l.rid = p.l join lk_records r on r.rid = p.r
    cross join lateral (select ${metrics.length > 0 ? metrics.join(", ") : "1 as none"} offset 0) x`;
}

function tfColumns(layout: WorkspaceLayout): string {
  return layout.types
    .map((type, i) =>
      FEATURES_BY_TYPE[type].some((f) => f.name === "tf") ? `, greatest(l.${featureColumn(i, "tf")}, r.${featureColumn(i, "tf")}) as t${i}` : "",
    )
    .join("");
}

/** Rules whose agreement is kept per pair as bits of the `b` column (an int holds 31). */
export const MAX_FLAGGED_RULES = 31;

function ruleAgreement(rule: BlockingRule): string {
  return rule.keys.map((k) => `${k.expression.replaceAll("x.", "l.")} = ${k.expression.replaceAll("x.", "r.")}`).join(" and ");
}

function ruleFlagsColumn(rules: readonly BlockingRule[]): string {
  if (rules.length === 0 || rules.length > MAX_FLAGGED_RULES) return "";
  const bits = rules.map((rule, k) => `(case when ${ruleAgreement(rule)} then ${2 ** k} else 0 end)`);
  return `, (${bits.join(" + ")})::int as b`;
}

/**
 * Levels of every blocked pair, kept for EM patterns and scoring. With `rules`, column `b` holds which rules
 * each pair agrees on (bit k = rule k, at most `MAX_FLAGGED_RULES`), computed in the same pass, so the
 * training sessions' patterns need no second join of the pairs with their records.
 */
export async function computePairLevels(db: Db, layout: WorkspaceLayout, rules: readonly BlockingRule[] = []): Promise<number> {
  await sql`drop table if exists lk_levels`.execute(db);
  await sql`create temporary table lk_levels as
    select p.l, p.r, ${sql.raw(levelColumns(layout))}${sql.raw(tfColumns(layout))}${sql.raw(ruleFlagsColumn(rules))}
    from ${sql.raw(pairSource(layout, "lk_pairs"))}`.execute(db);
  const count = await sql<{ n: number }>`select count(*)::float8 as n from lk_levels`.execute(db);
  return count.rows[0]?.n ?? 0;
}

/**
 * After `computePairLevels(db, layout, rules)` with 1 to `MAX_FLAGGED_RULES` rules: the patterns of all blocked
 * pairs and, per rule, of the blocked pairs that satisfy it (as `countRulePatterns` gives), from one grouping.
 */
export async function countPatternsByRule(
  db: Db,
  layout: WorkspaceLayout,
  ruleCount: number,
): Promise<{ all: ComparisonPattern[]; byRule: ComparisonPattern[][] }> {
  const columns = layout.types.map((_, i) => `c${i}`).join(", ");
  const result = await sql<Record<string, number>>`
    select ${sql.raw(columns)}, b, count(*)::float8 as n from lk_levels group by ${sql.raw(columns)}, b`.execute(db);
  const all = new Map<string, ComparisonPattern>();
  const byRule = Array.from({ length: ruleCount }, () => new Map<string, ComparisonPattern>());
  const add = (into: Map<string, ComparisonPattern>, key: string, levels: number[], count: number) => {
    const found = into.get(key);
    if (found === undefined) into.set(key, { levels, count });
    else into.set(key, { levels, count: found.count + count });
  };
  for (const row of result.rows) {
    const levels = layout.types.map((_, i) => row[`c${i}`]!);
    const key = levels.join(",");
    add(all, key, levels, row.n!);
    const flags = row.b!;
    for (let k = 0; k < ruleCount; k++) if ((flags >>> k) & 1) add(byRule[k]!, key, levels, row.n!);
  }
  return { all: [...all.values()], byRule: byRule.map((patterns) => [...patterns.values()]) };
}

async function groupPatterns(db: Db, layout: WorkspaceLayout, table: string): Promise<ComparisonPattern[]> {
  const columns = layout.types.map((_, i) => `c${i}`).join(", ");
  const result = await sql<Record<string, number>>`
    select ${sql.raw(columns)}, count(*)::float8 as n from ${sql.raw(table)} group by ${sql.raw(columns)}`.execute(db);
  return result.rows.map((row) => ({ levels: layout.types.map((_, i) => row[`c${i}`]!), count: row.n! }));
}

export function countBlockedPatterns(db: Db, layout: WorkspaceLayout): Promise<ComparisonPattern[]> {
  return groupPatterns(db, layout, "lk_levels");
}

/** Patterns of the blocked pairs that satisfy `rule` (whichever rule produced them first). */
export async function countRulePatterns(db: Db, layout: WorkspaceLayout, rule: BlockingRule): Promise<ComparisonPattern[]> {
  const columns = layout.types.map((_, i) => `v.c${i}`).join(", ");
  const agree = rule.keys.map((k) => `${k.expression.replaceAll("x.", "l.")} = ${k.expression.replaceAll("x.", "r.")}`).join(" and ");
  const result = await sql<Record<string, number>>`
    select ${sql.raw(columns)}, count(*)::float8 as n
    from lk_levels v join lk_records l on l.rid = v.l join lk_records r on r.rid = v.r
    where ${sql.raw(agree)} group by ${sql.raw(columns)}`.execute(db);
  return result.rows.map((row) => ({ levels: layout.types.map((_, i) => row[`c${i}`]!), count: row.n! }));
}

/**
 * Comparison patterns of random pairs, for u. When all pairs fit in the sample they are all used; otherwise
 * `sampleSize` pairs are drawn with a fixed seed, so the same data gives the same model on every run.
 */
export async function countRandomPairPatterns(
  db: Db,
  layout: WorkspaceLayout,
  records: { left: number; right: number },
  sampleSize: number,
): Promise<{ patterns: ComparisonPattern[]; sampledPairs: number }> {
  const { left, right } = records;
  const allPairs = layout.mode === "dedupe" ? (left * (left - 1)) / 2 : left * right;
  await sql`drop table if exists lk_sample`.execute(db);
  await sql`select setseed(0.2718)`.execute(db);
  if (allPairs <= sampleSize) {
    const order = layout.mode === "dedupe" ? sql`l.rid < r.rid` : sql`l.side = 0 and r.side = 1`;
    await sql`create temporary table lk_sample as select l.rid as l, r.rid as r from lk_records l join lk_records r on ${order}`.execute(db);
  } else if (layout.mode === "dedupe") {
    await sql`create temporary table lk_sample as
      select * from (select floor(random() * ${left}::float8)::int as l, floor(random() * ${left}::float8)::int as r
                     from generate_series(1, ${sampleSize}::int)) s where l <> r`.execute(db);
  } else {
    await sql`create temporary table lk_sample as
      select floor(random() * ${left}::float8)::int as l, (${left}::int + floor(random() * ${right}::float8))::int as r
      from generate_series(1, ${sampleSize}::int)`.execute(db);
  }
  await sql`create temporary table lk_sample_levels as
    select ${sql.raw(levelColumns(layout))}
    from ${sql.raw(pairSource(layout, "lk_sample"))}`.execute(db);
  const patterns = await groupPatterns(db, layout, "lk_sample_levels");
  await sql`drop table lk_sample_levels`.execute(db);
  await sql`drop table lk_sample`.execute(db);
  return { patterns, sampledPairs: patterns.reduce((total, p) => total + p.count, 0) };
}

/**
 * Among pairs where both records have the comparison's value (`nullFeature`), how many agree exactly on
 * `feature`: Σ over values of the pairs sharing it. Exact, and cheap: one grouping of the records.
 */
export async function countEqualValuePairs(
  db: Db,
  mode: LinkMode,
  fieldIndex: number,
  feature: string,
  nullFeature: string,
): Promise<{ agreeing: number; comparable: number }> {
  const value = sql.raw(featureColumn(fieldIndex, feature));
  const present = sql.raw(`${featureColumn(fieldIndex, nullFeature)} is not null`);
  const result = await sql<{ agreeing: number; comparable: number }>`
    with present as (select side, ${value} as value from lk_records where ${present}),
    counts as (select count(*) filter (where side = 0)::float8 as l, count(*) filter (where side = 1)::float8 as r
               from present group by value)
    select coalesce((select sum(${sql.raw(mode === "dedupe" ? "l * (l - 1) / 2" : "l * r")}) from counts), 0)::float8 as agreeing,
      (select ${sql.raw(mode === "dedupe" ? "count(*)::float8 * (count(*)::float8 - 1) / 2" : "(count(*) filter (where side = 0))::float8 * (count(*) filter (where side = 1))::float8")} from present) as comparable`.execute(db);
  return result.rows[0] ?? { agreeing: 0, comparable: 0 };
}

export interface ScoredPairRow {
  readonly leftId: string;
  readonly rightId: string;
  readonly leftRid: number;
  readonly rightRid: number;
  readonly matchWeight: number;
  readonly levels: readonly number[];
  readonly termFrequencies: readonly (number | null)[];
}

function weightExpression(layout: WorkspaceLayout, scoring: readonly ComparisonScoring[], priorWeight: number): RawBuilder<unknown> {
  const terms: RawBuilder<unknown>[] = [sql`${priorWeight}::float8`];
  scoring.forEach((s, i) => {
    terms.push(sql`(${s.levelWeights}::float8[])[v.${sql.raw(`c${i}`)} + 2]`);
    if (s.usesTermFrequency && FEATURES_BY_TYPE[layout.types[i]!].some((f) => f.name === "tf")) {
      terms.push(sql`coalesce((${s.tfMultipliers}::float8[])[v.${sql.raw(`c${i}`)} + 2]
        * ln((${s.tfBaseU}::float8[])[v.${sql.raw(`c${i}`)} + 2] / nullif(v.${sql.raw(`t${i}`)}, 0)) / ln(2.0), 0)`);
    }
  });
  return sql.join(terms, sql` + `);
}

/** Blocked pairs whose match weight is at least `minWeight`, with their levels for explanation. */
export async function findScoredPairs(
  db: Db,
  layout: WorkspaceLayout,
  scoring: readonly ComparisonScoring[],
  priorWeight: number,
  minWeight: number,
  /** The record id of a rid, from the records in memory: saves joining every pair to its records. */
  recordIdOf: (rid: number) => string,
): Promise<ScoredPairRow[]> {
  const levelColumnsList = layout.types.map((_, i) => `s.c${i}`).join(", ");
  const tfList = layout.types
    .map((type, i) => (FEATURES_BY_TYPE[type].some((f) => f.name === "tf") ? `s.t${i}` : "null::float8"))
    .map((expression, i) => `${expression} as tf${i}`)
    .join(", ");
  const result = await sql<Record<string, string | number | null>>`
    select s.l as left_rid, s.r as right_rid, s.w as match_weight, ${sql.raw(levelColumnsList)}, ${sql.raw(tfList)}
    from (select v.*, ${weightExpression(layout, scoring, priorWeight)} as w from lk_levels v) s
    where s.w >= ${minWeight}
    order by s.l, s.r`.execute(db);
  return result.rows.map((row) => ({
    leftId: recordIdOf(Number(row.left_rid)),
    rightId: recordIdOf(Number(row.right_rid)),
    leftRid: Number(row.left_rid),
    rightRid: Number(row.right_rid),
    matchWeight: Number(row.match_weight),
    levels: layout.types.map((_, i) => Number(row[`c${i}`])),
    termFrequencies: layout.types.map((_, i) => (row[`tf${i}`] === null ? null : Number(row[`tf${i}`]))),
  }));
}

/** Every blocked pair's match weight, bucketed to 0.1, for choosing a threshold and for the report. */
export async function countPairsByWeight(
  db: Db,
  layout: WorkspaceLayout,
  scoring: readonly ComparisonScoring[],
  priorWeight: number,
): Promise<Array<{ weight: number; pairs: number }>> {
  const result = await sql<{ weight: number; pairs: number }>`
    select round((${weightExpression(layout, scoring, priorWeight)})::numeric, 1)::float8 as weight, count(*)::float8 as pairs
    from lk_levels v group by 1 order by 1`.execute(db);
  return result.rows;
}

/** Adds given candidate pairs (by rid), e.g. labelled pairs to explain or the cases of a test. */
export async function insertPairs(db: Db, pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
  if (pairs.length === 0) return;
  await sql`insert into lk_pairs (l, r)
    select (p->>0)::int, (p->>1)::int from json_array_elements(${JSON.stringify(pairs)}::json) p
    on conflict do nothing`.execute(db);
}

/** Every blocked pair's levels (after `computePairLevels`), ordered by rid. */
export async function findPairLevels(db: Db, layout: WorkspaceLayout): Promise<Array<{ l: number; r: number; levels: number[] }>> {
  const columns = layout.types.map((_, i) => `c${i}`).join(", ");
  const result = await sql<Record<string, number>>`select l, r, ${sql.raw(columns)} from lk_levels order by l, r`.execute(db);
  return result.rows.map((row) => ({ l: row.l!, r: row.r!, levels: layout.types.map((_, i) => row[`c${i}`]!) }));
}
