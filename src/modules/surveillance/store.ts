/**
 * SQL for birth surveillance (migration 0040). Two halves:
 * - the fold: a committed batch of a birth source (or rows corrected into it later) becomes birth_record rows,
 *   monthly counts and cross-source agreement deltas, in the caller's transaction;
 * - the reads behind the dashboard, detection and alerts, all on the small aggregate tables.
 * Regions are matched by code range (region_code >= '3704' and < '3705'), which the primary keys serve.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.ts";
import type { AlertDraft } from "./detect-srb-alerts.ts";
import {
  BIRTH_SOURCE_TYPES,
  type AlertLevel,
  type AlertMethod,
  type AlertNumbers,
  type AlertStatus,
  type BirthOrderGroup,
  type BirthSourceType,
  type OrderSelection,
} from "./model.ts";

// ---- The fold ----

/** Serialises folds: each computes agreement deltas against the rows folded before it. */
export async function lockBirthAggregates(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('renkou-birth-aggregates', 0))`.execute(trx);
}

/** Committed batches of birth sources not yet folded, or with corrected rows not yet folded, oldest first. */
export async function listPendingBirthBatches(db: Db): Promise<number[]> {
  const result = await sql<{ id: number }>`
    select b.id
    from source_batch b
    left join birth_agg_batch f on f.batch_id = b.id
    where b.status = 'committed'
      and b.source_type = any(${[...BIRTH_SOURCE_TYPES]}::text[])
      and (f.batch_id is null or b.resubmitted_count > (select count(*) from birth_agg_resubmission s where s.batch_id = b.id))
    order by b.id`.execute(db);
  return result.rows.map((row) => row.id);
}

/**
 * Marks a committed birth batch as folded; true if this call did (false: already folded, or not a committed
 * birth batch). The row's primary key is what makes a batch fold exactly once.
 */
export async function claimBirthBatch(trx: Db, batchId: number): Promise<boolean> {
  const result = await sql<{ batch_id: number }>`
    insert into birth_agg_batch (batch_id, source_type, births, undated)
    select id, source_type, 0, 0 from source_batch
    where id = ${batchId} and status = 'committed' and source_type = any(${[...BIRTH_SOURCE_TYPES]}::text[])
    on conflict (batch_id) do nothing
    returning batch_id`.execute(trx);
  return result.rows.length === 1;
}

export async function isBirthBatchFolded(db: Db, batchId: number): Promise<boolean> {
  const row = await db.selectFrom("birth_agg_batch").select("batch_id").where("batch_id", "=", batchId).executeTakeFirst();
  return row !== undefined;
}

export async function nextFoldId(trx: Db): Promise<number> {
  const result = await sql<{ id: number }>`select nextval('birth_fold_seq') as id`.execute(trx);
  return result.rows[0]!.id;
}

/**
 * Claims the batch's corrected rows not yet folded for this fold. Claiming comes before reading records, and
 * the records of a whole-batch fold exclude corrected rows this fold did not claim, so a correction that
 * commits in between is folded by the next refresh, not twice.
 */
export async function claimResubmittedRows(trx: Db, batchId: number, foldId: number): Promise<number> {
  const result = await sql<{ claimed: number }>`
    with claimed as (
      insert into birth_agg_resubmission (batch_id, row_number, fold_id)
      select q.batch_id, q.row_number, ${foldId} from quarantine_row q
      where q.batch_id = ${batchId} and q.status = 'resubmitted'
      on conflict (batch_id, row_number) do nothing
      returning 1
    )
    select count(*) as claimed from claimed`.execute(trx);
  return result.rows[0]!.claimed;
}

/** The batch's source type and the region codes its rows were stored under. */
export async function findBatchFacts(db: Db, batchId: number): Promise<{ sourceType: BirthSourceType; regions: string[] }> {
  const row = await db.selectFrom("source_batch").select(["source_type", "region_codes"]).where("id", "=", batchId).executeTakeFirstOrThrow();
  return { sourceType: row.source_type as BirthSourceType, regions: row.region_codes };
}

export interface FoldTarget {
  readonly batchId: number;
  /** The batch's region codes: region_code leads every key, so reads by batch go through them. */
  readonly regions: readonly string[];
  readonly foldId: number;
}

/**
 * Derives the fold's birth records: township (9 digits of the stored, canonical division code; '' when the
 * record names none), birth date and month (the child's; no fallback to the record's report or issue date,
 * which can lie weeks after the birth), birth-order group (胎次/孩次 1, 2, 3 and above) and the child's sex.
 * `wholeBatch`: the batch's own rows too, not only the corrected rows claimed by this fold.
 */
export async function insertBirthRecords(trx: Db, target: FoldTarget, wholeBatch: boolean): Promise<{ records: number; undated: number }> {
  const result = await sql<{ records: number; undated: number }>`
    with inserted as (
      insert into birth_record (region_code, batch_id, row_number, source_type, fold_id, township_code, birth_date, birth_month, birth_order_group, sex)
      select r.region_code, r.batch_id, r.row_number, r.source_type, ${target.foldId},
             case when length(r.division_code) >= 9 then left(r.division_code, 9) else '' end,
             c.birth_date,
             date_trunc('month', c.birth_date::timestamp)::date,
             case
               when r.attributes ->> 'birth_order' = '1' then '1'
               when r.attributes ->> 'birth_order' = '2' then '2'
               when r.attributes ->> 'birth_order' ~ '^([3-9]|[1-9][0-9]+)$' then '3+'
               else 'unknown'
             end,
             case when c.sex in ('male', 'female') then c.sex else 'unknown' end
      from source_record r
      left join mention c
        on c.region_code = r.region_code and c.batch_id = r.batch_id and c.row_number = r.row_number and c.role = 'child'
      where r.region_code = any(${[...target.regions]}::text[]) and r.batch_id = ${target.batchId}
        and (
          (${wholeBatch}::boolean and not exists (select 1 from quarantine_row q where q.batch_id = r.batch_id and q.row_number = r.row_number))
          or exists (
            select 1 from birth_agg_resubmission s
            where s.batch_id = r.batch_id and s.row_number = r.row_number and s.fold_id = ${target.foldId}
          )
        )
      returning birth_month
    )
    select count(*) as records, count(*) filter (where birth_month is null) as undated from inserted`.execute(trx);
  return result.rows[0]!;
}

/** Adds the fold's records to the monthly counts (undated records stay out: no month can hold them). */
export async function addMonthlyCounts(trx: Db, target: FoldTarget): Promise<void> {
  await sql`
    insert into birth_agg_monthly (region_code, source_type, month, township_code, birth_order_group, boys, girls, sex_unknown)
    select region_code, source_type, birth_month, township_code, birth_order_group,
           count(*) filter (where sex = 'male'), count(*) filter (where sex = 'female'), count(*) filter (where sex = 'unknown')
    from birth_record
    where region_code = any(${[...target.regions]}::text[]) and batch_id = ${target.batchId} and fold_id = ${target.foldId}
      and birth_month is not null
    group by region_code, source_type, birth_month, township_code, birth_order_group
    on conflict (region_code, source_type, month, township_code, birth_order_group) do update
      set boys = birth_agg_monthly.boys + excluded.boys,
          girls = birth_agg_monthly.girls + excluded.girls,
          sex_unknown = birth_agg_monthly.sex_unknown + excluded.sex_unknown`.execute(trx);
}

/**
 * Updates the cross-source agreement counts for the births this fold touches. A birth is identified across
 * sources by the mother's (valid, normalised) ID number and the birth date. No source records which baby of a
 * multiple birth a row is, so babies are not paired one by one: for a birth seen in sources a and b with
 * (boys, girls) = (m_a, f_a) and (m_b, f_b) of known sex, compared = min(m_a + f_a, m_b + f_b) and
 * agreed = min(m_a, m_b) + min(f_a, f_b) — for a single birth simply "same sex or not"; for twins the
 * pairing that agrees most. matched counts babies whatever their sex: min(n_a, n_b).
 * Each birth's contribution, counted on a's side in a's township and month (the first such record's), is a
 * function of the folded records with its key; the fold adds f(before and this fold) − f(before), so the table
 * always equals the sum over all folded births, whatever the order batches arrive in.
 */
export async function addAgreementDeltas(trx: Db, target: FoldTarget): Promise<void> {
  await sql`
    with new_keys as (
      select distinct m.id_number as mother_id, b.birth_date
      from birth_record b
      join mention m
        on m.region_code = b.region_code and m.batch_id = b.batch_id and m.row_number = b.row_number
       and m.role = 'mother' and m.id_valid
      where b.region_code = any(${[...target.regions]}::text[]) and b.batch_id = ${target.batchId} and b.fold_id = ${target.foldId}
        and b.birth_date is not null and m.id_number is not null
    ),
    members as (
      select k.mother_id, b.birth_date, b.source_type, b.fold_id = ${target.foldId} as is_new, b.sex,
             b.region_code || ':' || b.township_code as cell
      from new_keys k
      join mention m on m.id_number = k.mother_id and m.role = 'mother' and m.id_valid
      join birth_record b
        on b.region_code = m.region_code and b.batch_id = m.batch_id and b.row_number = m.row_number and b.birth_date = k.birth_date
    ),
    sides as (
      select mother_id, birth_date, source_type,
             count(*) filter (where not is_new) as n_before,
             count(*) filter (where not is_new and sex = 'male') as boys_before,
             count(*) filter (where not is_new and sex = 'female') as girls_before,
             min(cell) filter (where not is_new) as cell_before,
             count(*) as n_after,
             count(*) filter (where sex = 'male') as boys_after,
             count(*) filter (where sex = 'female') as girls_after,
             min(cell) as cell_after
      from members
      group by mother_id, birth_date, source_type
    ),
    -- Pairs of sources per birth. Each birth has at most three sides, so the pairs come from unnesting the birth's own
    -- sides twice (linear), not from joining all sides with all sides (which the planner may turn into a nested loop).
    keyed as (
      select birth_date,
             jsonb_agg(jsonb_build_object(
               'source', source_type, 'n0', n_before, 'm0', boys_before, 'f0', girls_before, 'c0', cell_before,
               'n1', n_after, 'm1', boys_after, 'f1', girls_after, 'c1', cell_after)) as sides
      from sides
      group by mother_id, birth_date
      having count(*) > 1
    ),
    pairs as (
      select a ->> 'source' as source_type, b ->> 'source' as other_source_type, k.birth_date,
             a ->> 'c0' as cell_before, a ->> 'c1' as cell_after,
             least((a ->> 'n0')::int, (b ->> 'n0')::int) as matched_before,
             least((a ->> 'm0')::int + (a ->> 'f0')::int, (b ->> 'm0')::int + (b ->> 'f0')::int) as compared_before,
             least((a ->> 'm0')::int, (b ->> 'm0')::int) + least((a ->> 'f0')::int, (b ->> 'f0')::int) as agreed_before,
             least((a ->> 'n1')::int, (b ->> 'n1')::int) as matched_after,
             least((a ->> 'm1')::int + (a ->> 'f1')::int, (b ->> 'm1')::int + (b ->> 'f1')::int) as compared_after,
             least((a ->> 'm1')::int, (b ->> 'm1')::int) + least((a ->> 'f1')::int, (b ->> 'f1')::int) as agreed_after
      from keyed k
      cross join lateral jsonb_array_elements(k.sides) a
      cross join lateral jsonb_array_elements(k.sides) b
      where a ->> 'source' <> b ->> 'source'
    ),
    deltas as (
      select cell_after as cell, source_type, other_source_type, birth_date,
             matched_after as matched, compared_after as compared, compared_after - agreed_after as disagreed
      from pairs
      union all
      select cell_before, source_type, other_source_type, birth_date,
             -matched_before, -compared_before, -(compared_before - agreed_before)
      from pairs
      where matched_before > 0
    )
    insert into birth_source_agreement_monthly (region_code, source_type, other_source_type, month, township_code, matched, compared, disagreed)
    select split_part(cell, ':', 1), source_type, other_source_type, date_trunc('month', birth_date::timestamp)::date, split_part(cell, ':', 2),
           sum(matched), sum(compared), sum(disagreed)
    from deltas
    group by 1, 2, 3, 4, 5
    on conflict (region_code, source_type, other_source_type, month, township_code) do update
      set matched = birth_source_agreement_monthly.matched + excluded.matched,
          compared = birth_source_agreement_monthly.compared + excluded.compared,
          disagreed = birth_source_agreement_monthly.disagreed + excluded.disagreed`.execute(trx);
}

export async function addBatchTotals(trx: Db, batchId: number, records: number, undated: number): Promise<void> {
  await sql`update birth_agg_batch set births = births + ${records}, undated = undated + ${undated} where batch_id = ${batchId}`.execute(trx);
}

// ---- Reads ----

/** Where a view looks: counties by code range, and one township within its county when asked for. */
export interface RegionScope {
  /** Inclusive lower and exclusive upper bound on region_code (6-digit county codes). */
  readonly from: string;
  readonly to: string;
  readonly township?: string | undefined;
}

/** The scope of a 2-, 4-, 6- or 9-digit division code. */
export function scopeOf(code: string): RegionScope {
  const prefix = code.length === 9 ? code.slice(0, 6) : code;
  const to = String(Number(prefix) + 1).padStart(prefix.length, "0");
  return { from: prefix, to, ...(code.length === 9 ? { township: code } : {}) };
}

/**
 * The counties of a city or province scope that have aggregates, found by a loose index scan (one index probe
 * per county). Matching `region_code = any(...)` instead of the code range lets every county's part of a query
 * use the rest of the key (source, month) as index bounds, where a range on the first key column cannot.
 */
function countiesInRange(scope: RegionScope) {
  return sql`array(
    with recursive county(code) as (
      (select region_code from birth_agg_monthly where region_code >= ${scope.from} and region_code < ${scope.to} order by region_code limit 1)
      union all
      select (select a.region_code from birth_agg_monthly a where a.region_code > county.code and a.region_code < ${scope.to} order by a.region_code limit 1)
      from county where county.code is not null
    )
    select code from county where code is not null)`;
}

function inScope(scope: RegionScope) {
  const township = scope.township === undefined ? sql`` : sql`and township_code = ${scope.township}`;
  if (scope.from.length >= 6) return sql`region_code = ${scope.from} ${township}`;
  return sql`region_code = any(${countiesInRange(scope)})`;
}

export interface MonthRange {
  /** First days of months, inclusive. */
  readonly start: string;
  readonly end: string;
}

/** The latest month with births of the source in the scope, as its first day (one index probe per county). */
export async function findLatestMonth(db: Db, scope: RegionScope, source: BirthSourceType): Promise<string | undefined> {
  const counties = scope.from.length >= 6 ? sql`array[${scope.from}]::text[]` : countiesInRange(scope);
  const township = scope.township === undefined ? sql`` : sql`and a.township_code = ${scope.township}`;
  const result = await sql<{ month: string | null }>`
    select max(latest.month) as month
    from unnest(${counties}) as county(code)
    cross join lateral (
      select max(a.month) as month from birth_agg_monthly a
      where a.region_code = county.code and a.source_type = ${source} ${township}
    ) latest`.execute(db);
  return result.rows[0]?.month ?? undefined;
}

export interface TownshipCountsRow {
  readonly region_code: string;
  readonly township_code: string;
  readonly birth_order_group: BirthOrderGroup;
  readonly boys: number;
  readonly girls: number;
  readonly sex_unknown: number;
}

/** Births per township and birth-order group over the months of `range`. */
export async function listTownshipCounts(db: Db, scope: RegionScope, source: BirthSourceType, range: MonthRange): Promise<TownshipCountsRow[]> {
  const result = await sql<TownshipCountsRow>`
    select region_code, township_code, birth_order_group,
           sum(boys) as boys, sum(girls) as girls, sum(sex_unknown) as sex_unknown
    from birth_agg_monthly
    where source_type = ${source} and ${inScope(scope)} and month >= ${range.start} and month <= ${range.end}
    group by region_code, township_code, birth_order_group`.execute(db);
  return result.rows;
}

export interface MonthCountsRow {
  readonly month: string;
  readonly township_code: string;
  readonly boys: number;
  readonly girls: number;
  readonly sex_unknown: number;
}

/** Births per month and township over `range`, for one birth-order group or all. */
export async function listMonthCounts(
  db: Db,
  scope: RegionScope,
  source: BirthSourceType,
  range: MonthRange,
  order: OrderSelection,
): Promise<MonthCountsRow[]> {
  const orderFilter = order === "all" ? sql`` : sql`and birth_order_group = ${order}`;
  const result = await sql<MonthCountsRow>`
    select month, township_code, sum(boys) as boys, sum(girls) as girls, sum(sex_unknown) as sex_unknown
    from birth_agg_monthly
    where source_type = ${source} and ${inScope(scope)} and month >= ${range.start} and month <= ${range.end} ${orderFilter}
    group by month, township_code
    order by month`.execute(db);
  return result.rows;
}

export interface SeriesCountsRow {
  readonly region_code: string;
  readonly month: string;
  readonly birth_order_group: BirthOrderGroup;
  readonly boys: number;
  readonly girls: number;
}

/** Monthly births per county and birth-order group over `range`, for the charts of detection. */
export async function listCountySeries(db: Db, scope: RegionScope, source: BirthSourceType, range: MonthRange): Promise<SeriesCountsRow[]> {
  const result = await sql<SeriesCountsRow>`
    select region_code, month, birth_order_group, sum(boys) as boys, sum(girls) as girls
    from birth_agg_monthly
    where source_type = ${source} and ${inScope(scope)} and month >= ${range.start} and month <= ${range.end}
    group by region_code, month, birth_order_group
    order by region_code, month`.execute(db);
  return result.rows;
}

export interface SourceQualityRow {
  readonly source_type: BirthSourceType;
  readonly births: number;
  readonly sex_unknown: number;
}

/** Births and births without a recorded sex per birth source (the data-quality panel). */
export async function listSourceQuality(db: Db, scope: RegionScope, range: MonthRange): Promise<SourceQualityRow[]> {
  const result = await sql<SourceQualityRow>`
    select source_type, sum(boys + girls + sex_unknown) as births, sum(sex_unknown) as sex_unknown
    from birth_agg_monthly
    where ${inScope(scope)} and month >= ${range.start} and month <= ${range.end}
    group by source_type`.execute(db);
  return result.rows;
}

export interface AgreementRow {
  readonly other_source_type: BirthSourceType;
  readonly matched: number;
  readonly compared: number;
  readonly disagreed: number;
}

/** How the counting source's births agree on sex with each other source. */
export async function listAgreement(db: Db, scope: RegionScope, source: BirthSourceType, range: MonthRange): Promise<AgreementRow[]> {
  const result = await sql<AgreementRow>`
    select other_source_type, sum(matched) as matched, sum(compared) as compared, sum(disagreed) as disagreed
    from birth_source_agreement_monthly
    where source_type = ${source} and ${inScope(scope)} and month >= ${range.start} and month <= ${range.end}
    group by other_source_type`.execute(db);
  return result.rows;
}

/** The townships (division table) inside a county, city or province, or the one township asked for. */
export async function listTownshipDivisions(db: Db, code: string): Promise<Array<{ code: string; name: string }>> {
  if (code.length === 9) return db.selectFrom("division").select(["code", "name"]).where("code", "=", code).execute();
  const scope = scopeOf(code);
  return db
    .selectFrom("division")
    .select(["code", "name"])
    .where("level", "=", "township")
    .where("code", ">=", scope.from)
    .where("code", "<", scope.to)
    .orderBy("code")
    .execute();
}

export async function listDivisionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom("division").select(["code", "name"]).where("code", "in", [...codes]).execute();
  return new Map(rows.map((row) => [row.code, row.name]));
}

// ---- Alerts ----

export interface AlertInsert extends AlertDraft {
  readonly dedupKey: string;
  readonly explanation: { readonly zh: string; readonly en: string };
}

/** Stores the drafts whose dedup key is new, each with its first history row ('new'); returns how many. */
export async function insertAlerts(trx: Db, alerts: readonly AlertInsert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const inserted = await trx
    .insertInto("srb_alert")
    .values(
      alerts.map((alert) => ({
        level: alert.level,
        region_code: alert.regionCode,
        method: alert.method,
        birth_order_group: alert.birthOrderGroup,
        period: `${alert.period}-01`,
        numbers: JSON.stringify(alert.numbers),
        explanation_zh: alert.explanation.zh,
        explanation_en: alert.explanation.en,
        dedup_key: alert.dedupKey,
      })),
    )
    .onConflict((conflict) => conflict.column("dedup_key").doNothing())
    .returning("id")
    .execute();
  if (inserted.length > 0) {
    await trx
      .insertInto("srb_alert_action")
      .values(inserted.map((row) => ({ alert_id: row.id, status: "new" as const, actor: null, note: null })))
      .execute();
  }
  return inserted.length;
}

export interface AlertRow {
  readonly id: number;
  readonly level: AlertLevel;
  readonly region_code: string;
  readonly region_name: string | null;
  readonly method: AlertMethod;
  readonly birth_order_group: OrderSelection;
  readonly period: string;
  readonly numbers: AlertNumbers;
  readonly explanation_zh: string;
  readonly explanation_en: string;
  readonly status: AlertStatus;
  readonly created_at: Date;
}

export interface AlertFilter {
  readonly region: string;
  readonly status?: AlertStatus | undefined;
  readonly method?: AlertMethod | undefined;
}

function alertConditions(filter: AlertFilter) {
  // An alert belongs to a region when its own region lies inside it: a county's view shows its townships' alarms.
  const status = filter.status === undefined ? sql`` : sql`and a.status = ${filter.status}`;
  const method = filter.method === undefined ? sql`` : sql`and a.method = ${filter.method}`;
  return sql`starts_with(a.region_code, ${filter.region}) ${status} ${method}`;
}

export async function listAlerts(db: Db, filter: AlertFilter, limit: number, offset: number): Promise<{ rows: AlertRow[]; total: number }> {
  const where = alertConditions(filter);
  const rows = await sql<AlertRow>`
    select a.id, a.level, a.region_code, d.name as region_name, a.method, a.birth_order_group, a.period, a.numbers,
           a.explanation_zh, a.explanation_en, a.status, a.created_at
    from srb_alert a left join division d on d.code = a.region_code
    where ${where}
    order by a.period desc, a.id desc
    limit ${limit} offset ${offset}`.execute(db);
  const total = await sql<{ total: number }>`select count(*) as total from srb_alert a where ${where}`.execute(db);
  return { rows: rows.rows, total: total.rows[0]!.total };
}

export async function findAlert(db: Db, id: number): Promise<AlertRow | undefined> {
  const result = await sql<AlertRow>`
    select a.id, a.level, a.region_code, d.name as region_name, a.method, a.birth_order_group, a.period, a.numbers,
           a.explanation_zh, a.explanation_en, a.status, a.created_at
    from srb_alert a left join division d on d.code = a.region_code
    where a.id = ${id}`.execute(db);
  return result.rows[0];
}

/** Locks the alert for a status change and returns its current status. */
export async function lockAlertStatus(trx: Db, id: number): Promise<AlertStatus | undefined> {
  const row = await trx.selectFrom("srb_alert").select("status").where("id", "=", id).forUpdate().executeTakeFirst();
  return row?.status;
}

/** Appends a status change; the trigger of migration 0040 makes it the alert's status. */
export async function insertAlertAction(trx: Db, action: { alertId: number; status: AlertStatus; actor: string | null; note: string | null }): Promise<void> {
  await trx
    .insertInto("srb_alert_action")
    .values({ alert_id: action.alertId, status: action.status, actor: action.actor, note: action.note })
    .execute();
}

export interface AlertActionRow {
  readonly status: AlertStatus;
  readonly username: string | null;
  readonly note: string | null;
  readonly at: Date;
}

export async function listAlertActions(db: Db, alertId: number): Promise<AlertActionRow[]> {
  const result = await sql<AlertActionRow>`
    select s.status, u.username, s.note, s.at
    from srb_alert_action s left join app_user u on u.id = s.actor
    where s.alert_id = ${alertId}
    order by s.id`.execute(db);
  return result.rows;
}

/** Cities (4-digit codes) with births of the source, for detection over everything. */
export async function listCitiesWithBirths(db: Db, source: BirthSourceType): Promise<string[]> {
  const result = await sql<{ city: string }>`
    select distinct left(region_code, 4) as city from birth_agg_monthly
    where source_type = ${source} and region_code <> '000000'
    order by city`.execute(db);
  return result.rows.map((row) => row.city);
}
