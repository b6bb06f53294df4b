/**
 * `npm run bench:surveillance`: birth surveillance on a PostgreSQL server at province scale. Targets (issue 6):
 * with 10M births, dashboard API p95 ≤ 300 ms and aggregate refresh after a 10,000-birth batch ≤ 5 s.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres node --import tsx bench/surveillance-bench.ts \
 *     [--births 10000000] [--requests 600] [--reuse]
 *
 * BENCH_DATABASE_URL names a server and an account that may create databases; the script works in its own
 * database (renkou_bench_surveillance, dropped and re-created unless --reuse finds it already generated).
 * 1. Generation, in SQL (generate_series, deterministic hashes): `--births` 住院分娩 records over the 1,853
 *    townships of 山东省 (division table), 120 months 2015–2024 with the province's rise and fall of births and
 *    a seasonal wave, lognormal township sizes; birth order 1/2/3+/unknown = 45/40/12/3%; SRB 106/108/125 by
 *    order, raised (118/150 for orders 2/3+) in 3% of townships over the last 24 months; 0.2% sex unknown.
 *    One batch per month as the import would store it (source_batch, source_record, mention child and mother).
 *    10% of births also get a 出生医学证明 record, 0.3% of them with the other sex (data-quality panel).
 * 2. Aggregate build: every batch folded (refreshBirthAggregates' fold, one transaction per batch), then
 *    detection for all 16 cities.
 * 3. Refresh after a 10,000-birth batch (province-wide, a new month), three times: fold + detection.
 * 4. Dashboard API: `--requests` requests through app.inject (the full HTTP stack: access check, Zod,
 *    serialisation) over cities, counties and townships, all six dashboard reads; p50/p95/max.
 * Peer, same machine and run (DESIGN.md §2.5): the township table's counts computed from the stored records
 * (source_record ⋈ mention) instead of the aggregates — what the dashboard would cost without them.
 * Results go to bench/results/surveillance.json.
 */
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import type { Db } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { buildHttpServer } from "../src/http/server.ts";
import { createSignedInUser } from "../src/modules/access/test-support/signed-in-user.ts";
import { createSeededRandom } from "../src/kernel/statistics/seeded-random.ts";
import { detectSrbAlerts, foldBirthBatch, refreshBirthAggregates } from "../src/modules/surveillance/service.ts";
import { listPendingBirthBatches } from "../src/modules/surveillance/store.ts";
import { DEFAULT_SURVEILLANCE_SETTINGS as SETTINGS } from "../src/modules/surveillance/surveillance-settings.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, "results", "surveillance.json");
const DATABASE = "renkou_bench_surveillance";
const TARGETS = { dashboardP95Ms: 300, refreshAfter10kSeconds: 5 };
const FIRST_YEAR = 2015;
const MONTHS = 120;
/** Relative births per year 2015–2024 (the two-child peak of 2016–17, then the decline). */
const YEAR_FACTORS = [1.0, 1.15, 1.25, 1.0, 0.9, 0.75, 0.65, 0.6, 0.55, 0.58];

const { values } = parseArgs({
  options: {
    births: { type: "string", default: "10000000" },
    requests: { type: "string", default: "600" },
    reuse: { type: "boolean", default: false },
  },
});
const targetBirths = Number(values.births);
const requestCount = Number(values.requests);
const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.error("bench:surveillance needs BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:55432/postgres");
  process.exit(2);
}

function log(message: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function databaseUrl(): string {
  const url = new URL(adminUrl!);
  url.pathname = `/${DATABASE}`;
  return url.toString();
}

/** u ∈ [0, 1), reproducible from a row number and a seed (no random() in generation: reruns give the same data). */
const uniform = (value: string, seed: number) => sql.raw(`((hashint8extended(${value}, ${seed}) & 2147483647)::float8 / 2147483648.0)`);

async function generate(db: Db): Promise<{ births: number; certificates: number; seconds: number }> {
  const started = performance.now();
  await sql`drop table if exists bench_township, bench_cell, bench_month`.execute(db);
  // Township sizes: lognormal (σ = 0.6) by Box–Muller on two hashes of the code; 3% of townships run hot.
  await sql`
    create unlogged table bench_township as
    select code, left(code, 6) as county,
           exp(0.6 * sqrt(-2 * ln(1 - u1)) * cos(2 * pi() * u2)) as weight,
           u3 < 0.03 as hot
    from (
      select code,
             ((hashtextextended(code, 1) & 2147483647)::float8 / 2147483648.0) as u1,
             ((hashtextextended(code, 2) & 2147483647)::float8 / 2147483648.0) as u2,
             ((hashtextextended(code, 3) & 2147483647)::float8 / 2147483648.0) as u3
      from division where level = 'township' and code like '37%'
    ) t`.execute(db);
  await sql`
    create unlogged table bench_month as
    select idx, make_date(${FIRST_YEAR} + idx / 12, idx % 12 + 1, 1) as month,
           (${sql.raw(`array[${YEAR_FACTORS.join(",")}]`)})[idx / 12 + 1] * (1 + 0.08 * cos(2 * pi() * (idx % 12 - 8) / 12.0)) as factor
    from generate_series(0, ${MONTHS - 1}) idx`.execute(db);
  // Births per township and month, scaled to the target; first_i numbers the births in (month, township) order.
  await sql`
    create unlogged table bench_cell as
    with raw as (
      select t.code, t.county, t.hot, m.idx as month_idx, m.month, t.weight * m.factor as mass from bench_township t cross join bench_month m
    ), scaled as (
      select *, round(mass * ${targetBirths}::float8 / sum(mass) over ())::int as n from raw
    )
    select *, coalesce(sum(n) over (order by month_idx, code rows between unbounded preceding and 1 preceding), 0)::int8 as first_i,
           coalesce(sum(n) over (partition by month_idx order by code rows between unbounded preceding and 1 preceding), 0)::int8 as row_offset
    from scaled`.execute(db);
  const counties = sql.raw(`(select array_agg(distinct county) from bench_township)`);
  await sql`
    insert into source_batch (source_type, file_name, file_format, encoding, content_sha256, byte_size, as_of, status,
                              row_count, accepted_count, region_codes, committed_at)
    select kind, kind || '-' || to_char(month, 'YYYY-MM') || '.csv', 'csv', 'utf-8', md5(kind || idx) || md5(idx || kind), 0, '2025-06-30', 'committed',
           0, 0, ${counties}, now()
    from bench_month cross join (values ('delivery'), ('birth_cert')) k(kind)
    order by idx, kind desc`.execute(db);
  let births = 0;
  let certificates = 0;
  for (let idx = 0; idx < MONTHS; idx++) {
    const month = await generateMonth(db, idx);
    births += month.births;
    certificates += month.certificates;
    if (idx % 12 === 11) log(`generated ${FIRST_YEAR + Math.floor(idx / 12)}: ${births.toLocaleString("en-US")} births so far`);
  }
  await sql`update source_batch b set row_count = c.n, accepted_count = c.n
            from (select batch_id, count(*)::int as n from source_record group by batch_id) c where c.batch_id = b.id`.execute(db);
  for (const table of ["source_record", "mention", "source_batch"]) await sql`vacuum analyze ${sql.raw(table)}`.execute(db);
  return { births, certificates, seconds: (performance.now() - started) / 1000 };
}

/**
 * One month's births as the import stores them. Per birth i: order from u(i,11), sex from u(i,12) against the
 * order's SRB (raised in hot townships in the last 24 months), unknown sex if u(i,13) < 0.002, day from
 * u(i,14), a certificate if u(i,15) < 0.1 (other sex if u(i,16) < 0.003). The mother's ID is unique per birth.
 */
async function generateMonth(db: Db, idx: number): Promise<{ births: number; certificates: number }> {
  const batches = await sql<{ id: number; source_type: string }>`
    select id, source_type from source_batch where file_name like ${`%-${monthText(idx)}.csv`}`.execute(db);
  const deliveryBatch = batches.rows.find((row) => row.source_type === "delivery")!.id;
  const certBatch = batches.rows.find((row) => row.source_type === "birth_cert")!.id;
  return db.transaction().execute(async (trx) => {
    // The temp table lives until commit, so the month is written in one transaction.
    await sql`
      create temp table bench_birth on commit drop as
      select c.county, c.code, (c.row_offset + g + 1)::int as row_number, c.first_i + g as i, c.month, c.hot, c.month_idx
      from bench_cell c cross join generate_series(1, c.n) g
      where c.month_idx = ${idx}`.execute(trx);
    await sql`
      create temp table bench_fact on commit drop as
      select b.*, o.birth_order,
             b.month + floor(${uniform("b.i", 14)} * extract(day from b.month + interval '1 month' - interval '1 day'))::int as birth_date,
             case
               when ${uniform("b.i", 13)} < 0.002 then 'unknown'
               when ${uniform("b.i", 12)} < o.srb / (100 + o.srb) then 'male'
               else 'female'
             end as sex,
             ${uniform("b.i", 15)} < 0.10 as certified,
             ${uniform("b.i", 16)} < 0.003 as flipped,
             '37' || lpad(b.i::text, 15, '0') || 'X' as mother_id
      from bench_birth b
      cross join lateral (
        select case when u < 0.03 then null when u < 0.48 then 1 when u < 0.88 then 2 when u < 0.97 then 3 else 4 end as birth_order,
               case
                 when u < 0.03 or u < 0.48 then 106.0
                 when u < 0.88 then case when b.hot and b.month_idx >= ${MONTHS - 24} then 118.0 else 108.0 end
                 else case when b.hot and b.month_idx >= ${MONTHS - 24} then 150.0 else 125.0 end
               end as srb
        from (select ${uniform("b.i", 11)} as u) x
      ) o`.execute(trx);
    await sql`
      insert into source_record (region_code, batch_id, row_number, source_type, event_date, division_code, attributes, raw)
      select county, ${deliveryBatch}::bigint, row_number, 'delivery', birth_date + 12, code,
             case when birth_order is null then jsonb_build_object('plurality', 1) else jsonb_build_object('birth_order', birth_order, 'plurality', 1) end,
             '[]'
      from bench_fact`.execute(trx);
    await sql`
      insert into mention (region_code, batch_id, row_number, role, source_type, birth_date, sex, id_number, id_valid, division_code, event_date)
      select county, ${deliveryBatch}::bigint, row_number, 'child', 'delivery', birth_date, sex, null, false, code, birth_date + 12 from bench_fact
      union all
      select county, ${deliveryBatch}::bigint, row_number, 'mother', 'delivery', null, 'female', mother_id, true, code, birth_date + 12 from bench_fact`.execute(trx);
    await sql`
      insert into source_record (region_code, batch_id, row_number, source_type, event_date, division_code, attributes, raw)
      select county, ${certBatch}::bigint, row_number, 'birth_cert', birth_date + 20, code, null, '[]' from bench_fact where certified`.execute(trx);
    await sql`
      insert into mention (region_code, batch_id, row_number, role, source_type, birth_date, sex, id_number, id_valid, division_code, event_date)
      select county, ${certBatch}::bigint, row_number, 'child', 'birth_cert', birth_date,
             case when flipped and sex = 'male' then 'female' when flipped and sex = 'female' then 'male' else sex end,
             null, false, code, birth_date + 20
      from bench_fact where certified
      union all
      select county, ${certBatch}::bigint, row_number, 'mother', 'birth_cert', null, 'female', mother_id, true, code, birth_date + 20 from bench_fact where certified`.execute(trx);
    const counts = await sql<{ births: number; certificates: number }>`
      select count(*) as births, count(*) filter (where certified) as certificates from bench_fact`.execute(trx);
    return counts.rows[0]!;
  });
}

function monthText(idx: number): string {
  return `${FIRST_YEAR + Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, "0")}`;
}

/** A committed delivery batch of `count` births in January 2025, spread over the province like the rest. */
async function insertExtraBatch(db: Db, count: number, serial: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const batch = await sql<{ id: number }>`
      insert into source_batch (source_type, file_name, file_format, encoding, content_sha256, byte_size, as_of, status, row_count, accepted_count, region_codes, committed_at)
      values ('delivery', ${`delivery-2025-01-extra-${serial}.csv`}, 'csv', 'utf-8', md5(${`extra${serial}`}) || md5(${`extra-${serial}`}), 0, '2025-06-30', 'committed',
              ${count}, ${count}, (select array_agg(distinct county) from bench_township), now())
      returning id`.execute(trx);
    const batchId = batch.rows[0]!.id;
    const base = 1_000_000_000 + serial * 1_000_000;
    await sql`
      create temp table bench_extra on commit drop as
      with townships as (
        select code, sum(weight) over (order by code) / sum(weight) over () as upper from bench_township
      ), bounds as (
        select array_agg(code order by code) as codes, array_agg(upper order by code) as uppers from townships
      )
      select t.code, left(t.code, 6) as county, g + 1 as row_number, ${base} + g as i,
             date '2025-01-01' + floor(${uniform(`${base} + g`, 14)} * 31)::int as birth_date,
             case when ${uniform(`${base} + g`, 12)} < 106.0 / 206.0 then 'male' else 'female' end as sex,
             1 + floor(${uniform(`${base} + g`, 11)} * 3)::int as birth_order
      from generate_series(1, ${count}) g
      cross join bounds
      cross join lateral (select bounds.codes[width_bucket(${uniform(`${base} + g`, 17)}, bounds.uppers) + 1] as code) t`.execute(trx);
    await sql`
      insert into source_record (region_code, batch_id, row_number, source_type, event_date, division_code, attributes, raw)
      select county, ${batchId}::bigint, row_number, 'delivery', birth_date + 12, code, jsonb_build_object('birth_order', birth_order, 'plurality', 1), '[]' from bench_extra`.execute(trx);
    await sql`
      insert into mention (region_code, batch_id, row_number, role, source_type, birth_date, sex, id_number, id_valid, division_code, event_date)
      select county, ${batchId}::bigint, row_number, 'child', 'delivery', birth_date, sex, null, false, code, birth_date + 12 from bench_extra
      union all
      select county, ${batchId}::bigint, row_number, 'mother', 'delivery', null, 'female', '37' || lpad(i::text, 15, '0') || 'X', true, code, birth_date + 12 from bench_extra`.execute(trx);
    return batchId;
  });
}

/** Back to "generated, nothing folded": a reused database measures the build again. */
async function resetAggregates(db: Db): Promise<void> {
  await sql`truncate birth_record, birth_agg_monthly, birth_agg_resubmission, birth_agg_batch, birth_source_agreement_monthly, srb_alert_action, srb_alert`.execute(db);
  const extra = sql`(select id from source_batch where file_name like 'delivery-2025-01-extra-%')`;
  await sql`delete from mention where batch_id in ${extra}`.execute(db);
  await sql`delete from source_record where batch_id in ${extra}`.execute(db);
  await sql`delete from source_batch where file_name like 'delivery-2025-01-extra-%'`.execute(db);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function summarise(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { n: sorted.length, p50: round(percentile(sorted, 0.5)), p95: round(percentile(sorted, 0.95)), max: round(sorted.at(-1) ?? Number.NaN) };
}

async function measureDashboard(db: Db) {
  const app = await buildHttpServer(
    { db, engine: "server", version: "bench", demo: false, databaseState: () => "up" },
    { logLevel: "silent", webDist: "/nonexistent-web-dist" },
  );
  await app.ready();
  const user = await createSignedInUser(db, [{ role: "analyst", jurisdiction: "37" }]);
  const random = createSeededRandom(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const cities = (await sql<{ code: string }>`select distinct left(code, 4) as code from bench_township order by 1`.execute(db)).rows.map((r) => r.code);
  const counties = (await sql<{ code: string }>`select distinct county as code from bench_township order by 1`.execute(db)).rows.map((r) => r.code);
  const townships = (await sql<{ code: string }>`select code from bench_township order by 1`.execute(db)).rows.map((r) => r.code);
  const endpoints = ["summary", "townships", "funnel", "birth-orders", "data-quality", "alerts"] as const;
  const orders = ["all", "all", "1", "2", "3%2B"];
  const regionOf = () => {
    const level = random();
    return level < 0.4 ? pick(cities) : level < 0.8 ? pick(counties) : pick(townships);
  };
  const timings = new Map<string, number[]>(endpoints.map((endpoint) => [endpoint, []]));
  const all: number[] = [];
  const send = async (endpoint: (typeof endpoints)[number], region: string) => {
    const url = `/api/v1/surveillance/${endpoint}?region=${region}${endpoint === "summary" || endpoint === "townships" || endpoint === "funnel" ? `&order=${pick(orders)}` : ""}`;
    const started = performance.now();
    const response = await app.inject({ method: "GET", url, headers: user.headers });
    const ms = performance.now() - started;
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return ms;
  };
  for (let i = 0; i < 30; i++) await send(pick(endpoints), regionOf());
  for (let i = 0; i < requestCount; i++) {
    const endpoint = endpoints[i % endpoints.length]!;
    const ms = await send(endpoint, regionOf());
    timings.get(endpoint)!.push(ms);
    all.push(ms);
  }
  // The console's default view: the whole city, every read.
  const cityView: number[] = [];
  for (let i = 0; i < 10; i++) for (const endpoint of endpoints) cityView.push(await send(endpoint, "3713"));
  const exportStarted = performance.now();
  const exported = await app.inject({ method: "GET", url: "/api/v1/surveillance/townships/export?region=3713", headers: user.headers });
  const exportMs = performance.now() - exportStarted;
  if (exported.statusCode !== 200) throw new Error(`export: ${exported.statusCode}`);
  await app.close();
  return {
    overall: summarise(all),
    byEndpoint: Object.fromEntries([...timings].map(([endpoint, samples]) => [endpoint, summarise(samples)])),
    largestCityAllReads: summarise(cityView),
    exportLargestCityMs: Math.round(exportMs),
  };
}

/** Peer: the township table's counts for a city's 12 months straight from the stored records. */
async function measurePeer(db: Db) {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await sql`
      select left(r.division_code, 9) as township, r.attributes ->> 'birth_order' as birth_order,
             count(*) filter (where c.sex = 'male') as boys, count(*) filter (where c.sex = 'female') as girls
      from source_record r
      join source_batch b on b.id = r.batch_id and b.status = 'committed'
      join mention c on c.region_code = r.region_code and c.batch_id = r.batch_id and c.row_number = r.row_number and c.role = 'child'
      where r.region_code >= '3713' and r.region_code < '3714' and r.source_type = 'delivery'
        and c.birth_date >= '2024-01-01' and c.birth_date < '2025-01-01'
      group by 1, 2`.execute(db);
    samples.push(performance.now() - started);
  }
  const aggregate: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await sql`
      select township_code, birth_order_group, sum(boys), sum(girls) from birth_agg_monthly
      where source_type = 'delivery' and region_code >= '3713' and region_code < '3714' and month >= '2024-01-01' and month <= '2024-12-01'
      group by 1, 2`.execute(db);
    aggregate.push(performance.now() - started);
  }
  return { townshipCountsFromRecords: summarise(samples), townshipCountsFromAggregates: summarise(aggregate) };
}

async function tableSizes(db: Db) {
  const result = await sql<{ name: string; rows: number; mb: number }>`
    select c.relname as name, c.reltuples::int8 as rows, (pg_total_relation_size(c.oid) / 1048576)::int8 as mb
    from pg_class c where c.relname in ('source_record', 'mention', 'birth_record', 'birth_agg_monthly', 'birth_source_agreement_monthly', 'srb_alert')`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.name, { rows: row.rows, megabytes: row.mb }]));
}

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const exists = await (async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return (await client.query("select 1 from pg_database where datname = $1", [DATABASE])).rowCount === 1;
    } finally {
      await client.end();
    }
  })();
  if (!(values.reuse && exists)) {
    await admin(`drop database if exists ${DATABASE} with (force)`);
    await admin(`create database ${DATABASE}`);
  }
  const connection = await openDatabase({ kind: "server", url: databaseUrl(), poolSize: 4 });
  const db = connection.db;
  try {
    await migrate(db);
    let generation: { births: number; certificates: number; seconds: number } | undefined;
    const generated = await sql<{ n: number }>`select count(*) as n from source_batch`.execute(db);
    if (generated.rows[0]!.n === 0) {
      log(`generating ${targetBirths.toLocaleString("en-US")} births`);
      generation = await generate(db);
      log(`generated in ${generation.seconds.toFixed(0)} s`);
    } else {
      log("reusing the generated births; emptying the aggregates and removing earlier extra batches");
      await resetAggregates(db);
    }

    log("building the aggregates");
    const buildStarted = performance.now();
    let folded = 0;
    for (const batchId of await listPendingBirthBatches(db)) {
      await foldBirthBatch(db, batchId);
      if (++folded % 24 === 0) log(`folded ${folded} batches`);
    }
    const foldSeconds = (performance.now() - buildStarted) / 1000;
    const detectStarted = performance.now();
    const alertsCreated = await detectSrbAlerts(db, SETTINGS, { asOf: new Date("2025-01-15") });
    const detectSeconds = (performance.now() - detectStarted) / 1000;
    for (const table of ["birth_record", "birth_agg_monthly", "birth_source_agreement_monthly", "srb_alert"]) await sql`vacuum analyze ${sql.raw(table)}`.execute(db);
    log(`build: ${folded} batches folded in ${foldSeconds.toFixed(1)} s, detection ${detectSeconds.toFixed(1)} s, ${alertsCreated} alerts`);

    const refreshes: Array<{ seconds: number; records: number; alertsCreated: number }> = [];
    for (let serial = 1; serial <= 3; serial++) {
      const extraCount = await sql<{ n: number }>`select count(*) as n from source_batch where file_name like 'delivery-2025-01-extra-%'`.execute(db);
      await insertExtraBatch(db, 10_000, extraCount.rows[0]!.n + 1);
      const started = performance.now();
      const report = await refreshBirthAggregates(db, SETTINGS, { asOf: new Date("2025-02-15") });
      refreshes.push({ seconds: Math.round(((performance.now() - started) / 1000) * 100) / 100, records: report.recordsFolded, alertsCreated: report.alertsCreated });
      log(`refresh after a 10,000-birth batch: ${refreshes.at(-1)!.seconds} s`);
    }

    log(`dashboard: ${requestCount} requests`);
    const dashboard = await measureDashboard(db);
    log(`dashboard p95 ${dashboard.overall.p95} ms (p50 ${dashboard.overall.p50} ms)`);
    const peer = await measurePeer(db);
    const counts = await sql<{ births: number }>`select sum(boys + girls + sex_unknown)::int8 as births from birth_agg_monthly where source_type = 'delivery'`.execute(db);

    const result = {
      benchmark: "surveillance",
      command: `BENCH_DATABASE_URL=… node --import tsx bench/surveillance-bench.ts --births ${targetBirths} --requests ${requestCount}`,
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
        platform: `${os.platform()} ${os.release()}`,
        loadAverageBefore: loadBefore.map((l) => Math.round(l * 100) / 100),
        loadAverageAfter: os.loadavg().map((l) => Math.round(l * 100) / 100),
      },
      node: process.version,
      server: (await sql<{ version: string }>`select version() as version`.execute(db)).rows[0]!.version,
      parameters: { births: targetBirths, requests: requestCount, months: MONTHS, certificateShare: 0.1 },
      targets: TARGETS,
      results: {
        generation,
        deliveryBirthsAggregated: counts.rows[0]!.births,
        build: { batches: folded, foldSeconds: Math.round(foldSeconds * 10) / 10, detectionSeconds: Math.round(detectSeconds * 10) / 10, alertsCreated },
        refreshAfter10kBatch: refreshes,
        dashboardMs: dashboard,
        peer,
        tables: await tableSizes(db),
      },
      met: {
        dashboardP95: dashboard.overall.p95 <= TARGETS.dashboardP95Ms,
        refreshAfter10k: Math.max(...refreshes.map((refresh) => refresh.seconds)) <= TARGETS.refreshAfter10kSeconds,
      },
    };
    await writeFile(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    log(`wrote ${RESULTS}`);
  } finally {
    await connection.close();
  }
}

await main();
