import { sql, type RawBuilder } from "kysely";
import type { Db } from "../../db/database.ts";
import { openCopyIn } from "../../db/copy-in.ts";
import { COMPARISON_LIBRARY, featureColumn, renderLevelCase, renderMetricColumns } from "./comparison-library.ts";
import type { ComparisonPattern } from "./comparison-pattern.ts";
import { hasTermFrequency } from "./field-features.ts";
import type { FieldType, LinkMode } from "./model.ts";
import type { SamplePairs } from "./sample-pairs.ts";
import type { ComparisonScoring } from "./score-pair.ts";
import { blockColumns, recordFeatureColumns, type RowEncoding } from "./workspace-rows.ts";

/**
 * The linkage module's only SQL. A run works in session-local temporary tables (`lk_*`: no WAL, dropped with
 * the connection), so the caller must hand in a Kysely bound to one connection (`db.connection().execute`).
 * Every column name below is generated (`f3_norm`, `k2`), never taken from input, and every value is bound.
 *
 *   lk_records (rid, side, f<i>_<feature>…)   the features of the records that can appear in a pair
 *   lk_keys    (rid, side, k<j>…)             each record's block per blocking rule (block-records.ts)
 *   lk_pairs   (l, r, b)                      blocked candidate pairs, l < r in a dedupe; b: bit j = agrees on rule j
 *   lk_levels  (l, r, c<i>…, t<i>…, b)        each pair's level per comparison, tf per name field
 *   lk_sample  (l, r)                         the random pairs for u
 */
export interface WorkspaceLayout {
  readonly mode: LinkMode;
  readonly types: readonly FieldType[];
  /** Blocking rules, one block column each in `lk_keys` (at most `MAX_BLOCKING_RULES`). */
  readonly ruleCount: number;
}

/** Which rules a pair agrees on is kept as the bits of an integer. */
export const MAX_BLOCKING_RULES = 31;

const TABLES = ["lk_levels", "lk_pairs", "lk_sample", "lk_keys", "lk_records"] as const;

export async function dropWorkspace(db: Db): Promise<void> {
  for (const table of TABLES) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  // temp_buffers cannot be reset once the session has used temporary tables; it stays for the connection.
  for (const setting of ["jit", "work_mem", "enable_hashjoin"]) await sql`reset ${sql.raw(setting)}`.execute(db);
}

/**
 * Planner settings and memory for this session's sorts, hashes and temporary tables. The server defaults (work_mem 4 MB,
 * temp_buffers 8 MB) make every grouping or hash join over a million records spill to disk and every scan of a
 * temporary table go through the kernel. temp_buffers can only be set before the session first touches a
 * temporary table; on a pooled connection that already has, the default stays (slower, same result).
 */
async function configureSession(db: Db): Promise<void> {
  await sql`set work_mem = '256MB'`.execute(db);
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
  // Text in the "C" collation: equality is the same, and sorts and groupings compare bytes instead of calling
  // the locale's collation for every comparison.
  const features = recordFeatureColumns(layout.types).map((c) => `, ${c.name} ${c.sqlType}${c.sqlType === "text" ? ` collate "C"` : ""}`);
  await sql`create temporary table lk_records (rid integer not null, side smallint not null${sql.raw(features.join(""))})`.execute(db);
  const blocks = blockColumns(layout.ruleCount).map((c) => `, ${c.name} ${c.sqlType}`);
  await sql`create temporary table lk_keys (rid integer not null, side smallint not null${sql.raw(blocks.join(""))})`.execute(db);
  await sql`create temporary table lk_pairs (l integer not null, r integer not null, b integer not null)`.execute(db);
}

/**
 * Loads rows written by `workspace-rows.ts`: with COPY on a PostgreSQL server, as JSON chunks on the embedded
 * engine (one bound parameter each, much faster than wide VALUES lists). Either way the next chunk is written
 * while the database takes the previous one (two processes, two cores).
 */
export async function loadRows(db: Db, table: "lk_records" | "lk_keys", encodeRows: (encoding: RowEncoding) => Iterable<string>): Promise<void> {
  const copy = await openCopyIn(db);
  if (copy !== undefined) {
    await copy.copyFrom(`copy ${table} from stdin`, encodeRows("copy"));
    return;
  }
  const target = sql.raw(table);
  let inFlight: Promise<unknown> = Promise.resolve();
  for (const json of encodeRows("json")) {
    await inFlight;
    inFlight = sql`insert into ${target} select * from json_populate_recordset(null::${target}, ${json}::json)`.execute(db);
  }
  await inFlight;
}

/** After loading: the index the pairs' lookups use, and statistics for the planner. */
export async function finishLoading(db: Db): Promise<void> {
  await sql`alter table lk_records add primary key (rid)`.execute(db);
  await sql`analyze lk_records`.execute(db);
  await sql`analyze lk_keys`.execute(db);
}

/** Double metaphone (fuzzystrmatch) of each value, '' as null; asked once per distinct value before loading. */
export async function computeDoubleMetaphones(db: Db, values: readonly string[]): Promise<Array<string | null>> {
  if (values.length === 0) return [];
  const result = await sql<{ metaphone: string | null }>`
    select nullif(dmetaphone(v), '') as metaphone from unnest(${values}::text[]) with ordinality as u(v, n) order by n`.execute(db);
  return result.rows.map((row) => row.metaphone);
}

/**
 * The candidate pairs: for each rule, the records sharing a block (`lk_keys.k<j>`), minus the pairs an
 * earlier rule produced; `b` records every rule each pair agrees on. Returns the number of pairs per `b`.
 */
export async function insertBlockedPairs(db: Db, layout: WorkspaceLayout): Promise<Array<{ flags: number; pairs: number }>> {
  if (layout.ruleCount === 0) return [];
  const rules = Array.from({ length: layout.ruleCount }, (_, j) => j);
  const agrees = (j: number) => `l.k${j} = r.k${j}`;
  const flags = rules.map((j) => `(case when ${agrees(j)} then ${2 ** j} else 0 end)`).join(" + ");
  const order = layout.mode === "dedupe" ? "l.rid < r.rid" : "l.side = 0 and r.side = 1";
  const selects = rules.map((j) => {
    const earlier = rules.slice(0, j).map((i) => ` and not coalesce(${agrees(i)}, false)`).join("");
    return `select l.rid as l, r.rid as r, (${flags})::integer as b
      from lk_keys l join lk_keys r on ${agrees(j)} and ${order}${earlier}`;
  });
  await sql`insert into lk_pairs (l, r, b) ${sql.raw(selects.join(" union all "))}`.execute(db);
  const counts = await sql<{ flags: number; pairs: number }>`select b as flags, count(*)::float8 as pairs from lk_pairs group by b`.execute(db);
  return counts.rows;
}

function levelColumns(layout: Pick<WorkspaceLayout, "types">): string {
  return layout.types.map((type, i) => `${renderLevelCase(COMPARISON_LIBRARY[type], i)} as c${i}`).join(", ");
}

/**
 * Pairs `p` joined to their records `l`, `r` and, behind `offset 0`, their once-per-pair metrics `x`. Run with
 * `byIndex`: the planner would hash every loaded record twice (about 0.4 s per side for half a million) to
 * look up a few hundred thousand pairs, where walking the primary key in temp_buffers takes a fraction.
 */
function pairSource(layout: Pick<WorkspaceLayout, "types">, pairTable: string): string {
  const metrics = layout.types.flatMap((type, i) => renderMetricColumns(COMPARISON_LIBRARY[type], i));
  return `${pairTable} p join lk_records l on l.rid = p.l join lk_records r on r.rid = p.r
    cross join lateral (select ${metrics.length > 0 ? metrics.join(", ") : "1 as none"} offset 0) x`;
}

async function byIndex<T>(db: Db, query: () => Promise<T>): Promise<T> {
  await sql`set enable_hashjoin = off`.execute(db);
  try {
    return await query();
  } finally {
    await sql`reset enable_hashjoin`.execute(db);
  }
}

function tfColumns(layout: Pick<WorkspaceLayout, "types">): string {
  return layout.types
    .map((type, i) => (hasTermFrequency(type) ? `, greatest(l.${featureColumn(i, "tf")}, r.${featureColumn(i, "tf")}) as t${i}` : ""))
    .join("");
}

/** Levels of every blocked pair (with its rule bits `b`), kept for EM patterns and scoring. */
export async function computePairLevels(db: Db, layout: Pick<WorkspaceLayout, "types">): Promise<number> {
  await sql`drop table if exists lk_levels`.execute(db);
  await byIndex(db, () =>
    sql`create temporary table lk_levels as
      select p.l, p.r, ${sql.raw(levelColumns(layout))}${sql.raw(tfColumns(layout))}, p.b
      from ${sql.raw(pairSource(layout, "lk_pairs"))}`.execute(db),
  );
  const count = await sql<{ n: number }>`select count(*)::float8 as n from lk_levels`.execute(db);
  return count.rows[0]?.n ?? 0;
}

/**
 * After `computePairLevels`: the patterns of all blocked pairs and, per rule, of the blocked pairs that agree
 * on it (whichever rule produced them: a training session's pairs), from one grouping.
 */
export async function countPatternsByRule(
  db: Db,
  layout: Pick<WorkspaceLayout, "types" | "ruleCount">,
): Promise<{ all: ComparisonPattern[]; byRule: ComparisonPattern[][] }> {
  const columns = layout.types.map((_, i) => `c${i}`).join(", ");
  const result = await sql<Record<string, number>>`
    select ${sql.raw(columns)}, b, count(*)::float8 as n from lk_levels group by ${sql.raw(columns)}, b`.execute(db);
  const all = new Map<string, ComparisonPattern>();
  const byRule = Array.from({ length: layout.ruleCount }, () => new Map<string, ComparisonPattern>());
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
    for (let k = 0; k < layout.ruleCount; k++) if ((flags >>> k) & 1) add(byRule[k]!, key, levels, row.n!);
  }
  return { all: [...all.values()], byRule: byRule.map((patterns) => [...patterns.values()]) };
}

/** The comparison patterns of the random pairs `sample` (`sample-pairs.ts`), for u. */
export async function countSamplePatterns(db: Db, layout: Pick<WorkspaceLayout, "types">, sample: SamplePairs): Promise<ComparisonPattern[]> {
  await sql`drop table if exists lk_sample`.execute(db);
  await sql`create temporary table lk_sample as
    select * from unnest(${Array.from(sample.left)}::int[], ${Array.from(sample.right)}::int[]) as s(l, r)`.execute(db);
  const columns = layout.types.map((_, i) => `c${i}`).join(", ");
  const result = await byIndex(db, () =>
    sql<Record<string, number>>`
      select ${sql.raw(columns)}, count(*)::float8 as n
      from (select ${sql.raw(levelColumns(layout))} from ${sql.raw(pairSource(layout, "lk_sample"))}) v
      group by ${sql.raw(columns)}`.execute(db),
  );
  await sql`drop table lk_sample`.execute(db);
  return result.rows.map((row) => ({ levels: layout.types.map((_, i) => row[`c${i}`]!), count: row.n! }));
}

export interface ScoredPairRow {
  readonly leftId: string;
  readonly rightId: string;
  readonly leftRid: number;
  readonly rightRid: number;
  readonly matchWeight: number;
  /** With `explain` only: each comparison's level and term frequency, for the pair's waterfall. */
  readonly explanation?: { readonly levels: readonly number[]; readonly termFrequencies: readonly (number | null)[] };
}

function weightExpression(layout: Pick<WorkspaceLayout, "types">, scoring: readonly ComparisonScoring[], priorWeight: number): RawBuilder<unknown> {
  const terms: RawBuilder<unknown>[] = [sql`${priorWeight}::float8`];
  scoring.forEach((s, i) => {
    terms.push(sql`(${s.levelWeights}::float8[])[v.${sql.raw(`c${i}`)} + 2]`);
    if (s.usesTermFrequency && hasTermFrequency(layout.types[i]!)) {
      terms.push(sql`coalesce((${s.tfMultipliers}::float8[])[v.${sql.raw(`c${i}`)} + 2]
        * ln((${s.tfBaseU}::float8[])[v.${sql.raw(`c${i}`)} + 2] / nullif(v.${sql.raw(`t${i}`)}, 0)) / ln(2.0), 0)`);
    }
  });
  return sql.join(terms, sql` + `);
}

/**
 * Blocked pairs whose match weight is at least `minWeight`, ordered by rid. Their levels come along only to
 * `explain` them: a million-record run returns a quarter of a million pairs, and sixteen columns each cost
 * more to send and parse than the weights.
 */
export async function findScoredPairs(
  db: Db,
  layout: Pick<WorkspaceLayout, "types">,
  scoring: readonly ComparisonScoring[],
  priorWeight: number,
  minWeight: number,
  /** The record id of a rid, from the records in memory: saves joining every pair to its records. */
  recordIdOf: (rid: number) => string,
  explain: boolean,
): Promise<ScoredPairRow[]> {
  const levelList = layout.types.map((_, i) => `, s.c${i}`).join("");
  const tfList = layout.types.map((type, i) => `, ${hasTermFrequency(type) ? `s.t${i}` : "null::float8"} as tf${i}`).join("");
  const result = await sql<Record<string, string | number | null>>`
    select s.l as left_rid, s.r as right_rid, s.w as match_weight${sql.raw(explain ? levelList + tfList : "")}
    from (select v.*, ${weightExpression(layout, scoring, priorWeight)} as w from lk_levels v) s
    where s.w >= ${minWeight}
    order by s.l, s.r`.execute(db);
  return result.rows.map((row) => {
    const leftRid = Number(row.left_rid);
    const rightRid = Number(row.right_rid);
    const scored = { leftId: recordIdOf(leftRid), rightId: recordIdOf(rightRid), leftRid, rightRid, matchWeight: Number(row.match_weight) };
    if (!explain) return scored;
    return {
      ...scored,
      explanation: {
        levels: layout.types.map((_, i) => Number(row[`c${i}`])),
        termFrequencies: layout.types.map((_, i) => (row[`tf${i}`] === null ? null : Number(row[`tf${i}`]))),
      },
    };
  });
}

/** Every blocked pair's match weight, bucketed to 0.1, for choosing a threshold and for the report. */
export async function countPairsByWeight(
  db: Db,
  layout: Pick<WorkspaceLayout, "types">,
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
  await sql`insert into lk_pairs (l, r, b)
    select l, r, 0 from unnest(${pairs.map((p) => p[0])}::int[], ${pairs.map((p) => p[1])}::int[]) as p(l, r)`.execute(db);
}

/** Every blocked pair's levels (after `computePairLevels`), ordered by rid. */
export async function findPairLevels(db: Db, layout: Pick<WorkspaceLayout, "types">): Promise<Array<{ l: number; r: number; levels: number[] }>> {
  const columns = layout.types.map((_, i) => `c${i}`).join(", ");
  const result = await sql<Record<string, number>>`select l, r, ${sql.raw(columns)} from lk_levels order by l, r`.execute(db);
  return result.rows.map((row) => ({ l: row.l!, r: row.r!, levels: layout.types.map((_, i) => row[`c${i}`]!) }));
}
