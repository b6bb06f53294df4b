/**
 * SQL of linkage inside the product (migration 0030): runs, their pairs and clusters, saved models, and the
 * mentions a run reads. The engine's working tables are `store.ts`'s. Reads of persons (mentions, pairs) take
 * the caller's transaction, which `withJurisdiction` has put under row-level security.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { PersonRole, SourceType } from "../registry/model.ts";
import type { MentionRow } from "./mention-input.ts";
import type {
  LinkageClusterTable,
  LinkagePairTable,
  MentionField,
  RunFailure,
  RunReport,
  RunScope,
  RunStatus,
  SavedModel,
  StartRunRequest,
} from "./run-model.ts";
import type { LinkParameters } from "./model.ts";

// ---- Mentions in a run's scope ----

/** Committed batches chosen by id or by source type; every committed batch when the scope names neither. */
export async function findScopeBatchIds(db: Db, scope: RunScope): Promise<number[]> {
  const everything = scope.batchIds.length === 0 && scope.sourceTypes.length === 0;
  const result = await sql<{ id: number }>`
    select id from source_batch
    where status = 'committed'
      and (${everything} or id = any(${scope.batchIds}::int8[]) or source_type = any(${scope.sourceTypes}::text[]))
    order by id`.execute(db);
  return result.rows.map((row) => row.id);
}

/**
 * The mentions of these batches whose county could lie in `region` (the exact division test is the caller's,
 * `fileMentionUnder`), in key order so a run on the same data sees the same records in the same order.
 */
export async function listScopeMentions(trx: Db, batchIds: readonly number[], region: string, roles: readonly PersonRole[]): Promise<MentionRow[]> {
  if (batchIds.length === 0) return [];
  const countyPrefix = region.slice(0, 6);
  const result = await sql<MentionRow>`
    select m.region_code as "regionCode", m.batch_id as "batchId", m.row_number as "rowNumber", m.role, m.source_type as "sourceType",
           m.name_norm as "nameNorm", m.sex, m.birth_date as "birthDate", m.id_number as "idNumber", m.division_code as "divisionCode",
           m.phone, partner.name_norm as "partnerName"
    from mention m
    -- The spouse or other parent named in the same record.
    left join mention partner
      on partner.region_code = m.region_code and partner.batch_id = m.batch_id and partner.row_number = m.row_number
      and partner.role = case m.role when 'subject' then 'spouse' when 'spouse' then 'subject' when 'mother' then 'father' when 'father' then 'mother' end
    where m.batch_id = any(${batchIds}::int8[])
      and starts_with(m.region_code, ${countyPrefix})
      and (cardinality(${roles}::text[]) = 0 or m.role = any(${roles}::text[]))
    order by m.region_code, m.batch_id, m.row_number, m.role`.execute(trx);
  return result.rows;
}

// ---- Runs ----

export async function insertRun(db: Db, request: StartRunRequest, createdBy: string): Promise<number> {
  const row = await db
    .insertInto("linkage_run")
    .values({
      region_code: request.region,
      scope: JSON.stringify(request.scope),
      fields: JSON.stringify(request.fields),
      blocking_rules: JSON.stringify(request.blockingRules),
      threshold: request.threshold,
      model_id: request.modelId ?? null,
      retrain: request.retrain,
      status: "running",
      created_by: createdBy,
      finished_at: null,
      mention_count: null,
      blocked_pairs: null,
      pair_count: null,
      cluster_count: null,
      wall_ms: null,
      report: null,
      failure: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface RunResults {
  readonly mentions: number;
  readonly report: RunReport;
  readonly wallMs: number;
}

export async function markRunSucceeded(db: Db, runId: number, results: RunResults): Promise<void> {
  await db
    .updateTable("linkage_run")
    .set({
      status: "succeeded",
      finished_at: new Date(),
      mention_count: results.mentions,
      blocked_pairs: results.report.blocking.blockedPairs,
      pair_count: results.report.pairsAtOrAboveThreshold,
      cluster_count: results.report.clusters,
      wall_ms: results.wallMs,
      report: JSON.stringify(results.report),
    })
    .where("id", "=", runId)
    .execute();
}

export async function markRunFailed(db: Db, runId: number, failure: RunFailure, mentions: number | null, wallMs: number): Promise<void> {
  await db
    .updateTable("linkage_run")
    .set({ status: "failed", finished_at: new Date(), failure: JSON.stringify(failure), mention_count: mentions, wall_ms: wallMs })
    .where("id", "=", runId)
    .execute();
}

/** Ends every run still marked running with `failure`; returns how many there were. */
export async function failRunningRuns(db: Db, failure: RunFailure): Promise<number> {
  const result = await db
    .updateTable("linkage_run")
    .set({ status: "failed", finished_at: new Date(), failure: JSON.stringify(failure) })
    .where("status", "=", "running")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface RunRow {
  readonly id: number;
  readonly region: string;
  readonly scope: RunScope;
  readonly fields: MentionField[];
  readonly blockingRules: string[];
  readonly threshold: number;
  readonly modelId: number | null;
  readonly retrain: boolean;
  readonly status: RunStatus;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly mentions: number | null;
  readonly blockedPairs: number | null;
  readonly pairs: number | null;
  readonly clusters: number | null;
  readonly wallMs: number | null;
  readonly failure: RunFailure | null;
  readonly report?: RunReport | null;
}

const RUN_COLUMNS = sql`
  id, region_code as region, scope, fields, blocking_rules as "blockingRules", threshold, model_id as "modelId", retrain, status,
  created_by as "createdBy", created_at as "createdAt", finished_at as "finishedAt", mention_count as mentions,
  blocked_pairs as "blockedPairs", pair_count as pairs, cluster_count as clusters, wall_ms as "wallMs", failure`;

/** A division prefix overlaps a jurisdiction when one contains the other (a city run is seen, in part, by a county). */
const overlapsAny = (prefixes: readonly string[]) =>
  sql`exists (select 1 from unnest(${prefixes}::text[]) as p where starts_with(region_code, p) or starts_with(p, region_code))`;

export async function listRunPage(db: Db, prefixes: readonly string[], limit: number, offset: number): Promise<{ items: RunRow[]; total: number }> {
  const items = await sql<RunRow>`
    select ${RUN_COLUMNS} from linkage_run where ${overlapsAny(prefixes)}
    order by id desc limit ${limit} offset ${offset}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int8 as n from linkage_run where ${overlapsAny(prefixes)}`.execute(db);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

/** The run, if it exists and overlaps one of the prefixes. */
export async function findRun(db: Db, runId: number, prefixes: readonly string[]): Promise<RunRow | undefined> {
  const result = await sql<RunRow>`
    select ${RUN_COLUMNS}, report from linkage_run where id = ${runId} and ${overlapsAny(prefixes)}`.execute(db);
  return result.rows[0];
}

// ---- Pairs and clusters ----

export type PairInsert = LinkagePairTable;

const INSERT_CHUNK = 5000;

// One JSON parameter per chunk, spread into rows by PostgreSQL: far fewer bound parameters to parse than a
// multi-row VALUES list (the engine's store.ts loads its records the same way).
export async function insertPairs(db: Db, pairs: readonly PairInsert[]): Promise<void> {
  for (let start = 0; start < pairs.length; start += INSERT_CHUNK) {
    const json = JSON.stringify(pairs.slice(start, start + INSERT_CHUNK));
    await sql`insert into linkage_pair select * from json_populate_recordset(null::linkage_pair, ${json}::json)`.execute(db);
  }
}

export async function insertClusterMembers(db: Db, members: readonly LinkageClusterTable[]): Promise<void> {
  for (let start = 0; start < members.length; start += INSERT_CHUNK) {
    const json = JSON.stringify(members.slice(start, start + INSERT_CHUNK));
    await sql`insert into linkage_cluster select * from json_populate_recordset(null::linkage_cluster, ${json}::json)`.execute(db);
  }
}

interface MentionColumns {
  readonly regionCode: string;
  readonly batchId: number;
  readonly rowNumber: number;
  readonly role: PersonRole;
  readonly sourceType: SourceType | null;
  readonly nameNorm: string | null;
  readonly idNumber: string | null;
  readonly birthDate: string | null;
  readonly sex: string | null;
  readonly divisionCode: string | null;
}

export interface PairRow {
  readonly pairNumber: number;
  readonly matchProbability: number;
  readonly matchWeight: number;
  readonly levels: number[];
  readonly tfAdjustments: number[];
  readonly left: MentionColumns;
  readonly right: MentionColumns;
}

const mentionJson = (alias: "lm" | "rm", side: "left" | "right") => sql`json_build_object(
    'regionCode', ${sql.ref(`p.${side}_region_code`)}, 'batchId', ${sql.ref(`p.${side}_batch_id`)},
    'rowNumber', ${sql.ref(`p.${side}_row_number`)}, 'role', ${sql.ref(`p.${side}_role`)},
    'sourceType', ${sql.ref(`${alias}.source_type`)}, 'nameNorm', ${sql.ref(`${alias}.name_norm`)},
    'idNumber', ${sql.ref(`${alias}.id_number`)}, 'birthDate', ${sql.ref(`${alias}.birth_date`)},
    'sex', ${sql.ref(`${alias}.sex`)}, 'divisionCode', ${sql.ref(`${alias}.division_code`)})`;

/**
 * A page of a run's pairs, strongest first, with both mentions' features (null where row-level security
 * hides the mention). Call inside `withJurisdiction`: the pairs themselves are filtered by it too.
 */
export async function listPairPage(
  trx: Db,
  runId: number,
  query: { readonly limit: number; readonly offset: number; readonly minProbability: number; readonly maxProbability: number },
): Promise<{ items: PairRow[]; total: number }> {
  const items = await sql<PairRow>`
    select p.pair_number as "pairNumber", p.match_probability as "matchProbability", p.match_weight as "matchWeight",
           p.levels, p.tf_adjustments as "tfAdjustments", ${mentionJson("lm", "left")} as left, ${mentionJson("rm", "right")} as right
    from linkage_pair p
    left join mention lm on lm.region_code = p.left_region_code and lm.batch_id = p.left_batch_id
      and lm.row_number = p.left_row_number and lm.role = p.left_role
    left join mention rm on rm.region_code = p.right_region_code and rm.batch_id = p.right_batch_id
      and rm.row_number = p.right_row_number and rm.role = p.right_role
    where p.run_id = ${runId} and p.match_probability >= ${query.minProbability} and p.match_probability <= ${query.maxProbability}
    order by p.match_weight desc, p.pair_number
    limit ${query.limit} offset ${query.offset}`.execute(trx);
  const total = await sql<{ n: number }>`
    select count(*)::int8 as n from linkage_pair p
    where p.run_id = ${runId} and p.match_probability >= ${query.minProbability} and p.match_probability <= ${query.maxProbability}`.execute(trx);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

// ---- Saved models ----

export async function insertModel(db: Db, model: { name: string; region: string; parameters: LinkParameters; createdBy: string }): Promise<number> {
  const row = await db
    .insertInto("linkage_model")
    .values({ name: model.name, region_code: model.region, parameters: JSON.stringify(model.parameters), created_by: model.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

type ModelRow = Omit<SavedModel, "createdAt"> & { readonly createdAt: Date };

const MODEL_COLUMNS = sql`id, name, region_code as region, created_by as "createdBy", created_at as "createdAt", parameters`;

export async function listModels(db: Db, prefixes: readonly string[]): Promise<ModelRow[]> {
  const result = await sql<ModelRow>`select ${MODEL_COLUMNS} from linkage_model where ${overlapsAny(prefixes)} order by id desc limit 200`.execute(db);
  return result.rows;
}

export async function findModel(db: Db, modelId: number, prefixes: readonly string[]): Promise<ModelRow | undefined> {
  const result = await sql<ModelRow>`select ${MODEL_COLUMNS} from linkage_model where id = ${modelId} and ${overlapsAny(prefixes)}`.execute(db);
  return result.rows[0];
}
