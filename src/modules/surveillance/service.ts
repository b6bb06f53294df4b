/**
 * Birth surveillance use cases: folding committed birth batches into the aggregates, detecting SRB alerts,
 * and reading and changing alerts. The dashboard's reads are in dashboard-service.ts.
 *
 * Refresh is incremental: every committed batch of a birth source is folded exactly once, in one transaction
 * with its counts (store.ts), and corrected rows stored into a batch later are folded once each. Folds are
 * serialised by a transaction-level advisory lock; a fold that finds its batch already folded does nothing.
 */
import type { Db } from "../../db/database.ts";
import type { Actor } from "../access/actor.ts";
import { requireJurisdiction } from "../access/actor.ts";
import { checkAlertStatusChange } from "./alert-status.ts";
import { firstDayOf, monthOfDate, shiftMonth, windowEndingAt, type CalendarMonth } from "./calendar-month.ts";
import { dedupKeyOf, detectChartSignals, detectFunnelAlarms, type AlertDraft, type MonthCounts, type MonthlySeries, type WindowCounts } from "./detect-srb-alerts.ts";
import { explainSrbAlert } from "./explain-srb-alert.ts";
import type { Alert, AlertDetail, AlertPage, AlertStatusChange, BirthSourceType, OrderSelection, RefreshReport } from "./model.ts";
import {
  addAgreementDeltas,
  addBatchTotals,
  addMonthlyCounts,
  claimBirthBatch,
  claimResubmittedRows,
  findAlert,
  findBatchFacts,
  findLatestMonth,
  insertAlertAction,
  insertAlerts,
  insertBirthRecords,
  isBirthBatchFolded,
  listAlertActions,
  listAlerts,
  listCitiesWithBirths,
  listCountySeries,
  listDivisionNames,
  listPendingBirthBatches,
  listTownshipCounts,
  lockAlertStatus,
  lockBirthAggregates,
  nextFoldId,
  scopeOf,
  type AlertFilter,
  type AlertInsert,
  type AlertRow,
  type RegionScope,
} from "./store.ts";
import { suppressAlertNumbers } from "./suppress-alert-numbers.ts";
import { DEFAULT_SURVEILLANCE_SETTINGS, type SurveillanceSettings } from "./surveillance-settings.ts";
import { surveillanceErrors } from "./surveillance-errors.ts";

export interface FoldOutcome {
  readonly sourceType: BirthSourceType;
  readonly records: number;
  readonly regions: readonly string[];
}

/** Folds one batch (its own rows if not yet folded, and any corrected rows not yet folded); undefined if nothing was new. */
export async function foldBirthBatch(db: Db, batchId: number): Promise<FoldOutcome | undefined> {
  return db.transaction().execute(async (trx) => {
    await lockBirthAggregates(trx);
    const wholeBatch = await claimBirthBatch(trx, batchId);
    if (!wholeBatch && !(await isBirthBatchFolded(trx, batchId))) return undefined;
    const foldId = await nextFoldId(trx);
    const corrected = await claimResubmittedRows(trx, batchId, foldId);
    if (!wholeBatch && corrected === 0) return undefined;
    const { sourceType, regions } = await findBatchFacts(trx, batchId);
    const target = { batchId, regions, foldId };
    const { records, undated } = await insertBirthRecords(trx, target, wholeBatch);
    await addMonthlyCounts(trx, target);
    await addAgreementDeltas(trx, target);
    await addBatchTotals(trx, batchId, records, undated);
    return { sourceType, records, regions };
  });
}

export interface RefreshOptions {
  /** "Now", for the last complete month detection evaluates; default the clock. */
  readonly asOf?: Date | undefined;
}

/**
 * Folds every committed birth batch not yet folded, then runs detection for the cities whose counted births
 * changed. Call it after each import commit; the dashboard also calls it before reading. Safe to call
 * concurrently and repeatedly.
 */
export async function refreshBirthAggregates(
  db: Db,
  settings: SurveillanceSettings = DEFAULT_SURVEILLANCE_SETTINGS,
  options: RefreshOptions = {},
): Promise<RefreshReport> {
  let batchesFolded = 0;
  let recordsFolded = 0;
  const cities = new Set<string>();
  for (const batchId of await listPendingBirthBatches(db)) {
    const outcome = await foldBirthBatch(db, batchId);
    if (outcome === undefined) continue;
    batchesFolded++;
    recordsFolded += outcome.records;
    if (outcome.sourceType !== settings.birthSource) continue;
    for (const region of outcome.regions) if (region !== "000000") cities.add(region.slice(0, 4));
  }
  const alertsCreated = cities.size > 0 ? await detectSrbAlerts(db, settings, { cities: [...cities], asOf: options.asOf }) : 0;
  return { batchesFolded, recordsFolded, alertsCreated };
}

export interface DetectionOptions extends RefreshOptions {
  /** Cities (4-digit codes) to run detection for; default every city with births. */
  readonly cities?: readonly string[] | undefined;
}

/**
 * Runs the funnel (townships, rolling 12 months ending at the evaluated month) and the CUSUM and EWMA charts
 * (counties and cities, signals in the last `alertLookbackMonths` months; the charts start `chartHistoryMonths`
 * before the evaluated month) for all births and each birth order, and stores new alerts. The evaluated month is a city's latest month with births, but never the
 * current calendar month, which is still incomplete. Returns the number of alerts created.
 */
export async function detectSrbAlerts(db: Db, settings: SurveillanceSettings = DEFAULT_SURVEILLANCE_SETTINGS, options: DetectionOptions = {}): Promise<number> {
  const source = settings.birthSource;
  const cities = options.cities ?? (await listCitiesWithBirths(db, source));
  const lastComplete = shiftMonth(monthOfDate((options.asOf ?? new Date()).toISOString()), -1);
  const drafts: AlertDraft[] = [];
  for (const city of cities) {
    const scope = scopeOf(city);
    const latest = await findLatestMonth(db, scope, source);
    if (latest === undefined) continue;
    const latestMonth = monthOfDate(latest);
    const period = latestMonth < lastComplete ? latestMonth : lastComplete;
    drafts.push(...(await detectTownshipAlarms(db, settings, scope, period)));
    drafts.push(...(await detectRegionalSignals(db, settings, city, scope, period)));
  }
  if (drafts.length === 0) return 0;
  const names = await listDivisionNames(db, [...new Set(drafts.map((draft) => draft.regionCode))]);
  const alerts: AlertInsert[] = drafts.map((draft) => ({
    ...draft,
    dedupKey: dedupKeyOf(draft),
    explanation: explainSrbAlert(draft, names.get(draft.regionCode) ?? draft.regionCode, settings.suppressionThreshold),
  }));
  return db.transaction().execute(async (trx) => {
    let created = 0;
    for (let start = 0; start < alerts.length; start += 1000) created += await insertAlerts(trx, alerts.slice(start, start + 1000));
    return created;
  });
}

const MONITORED_ORDERS: readonly OrderSelection[] = ["1", "2", "3+"];

async function detectTownshipAlarms(db: Db, settings: SurveillanceSettings, scope: RegionScope, period: CalendarMonth): Promise<AlertDraft[]> {
  const window = windowEndingAt(period, settings.funnelWindowMonths);
  const rows = await listTownshipCounts(db, scope, settings.birthSource, { start: firstDayOf(window.start), end: firstDayOf(window.end) });
  const totals = new Map<string, { regionCode: string; order: OrderSelection; boys: number; girls: number }>();
  const add = (regionCode: string, order: OrderSelection, boys: number, girls: number) => {
    const key = `${regionCode}:${order}`;
    const total = totals.get(key) ?? { regionCode, order, boys: 0, girls: 0 };
    total.boys += boys;
    total.girls += girls;
    totals.set(key, total);
  };
  for (const row of rows) {
    if (row.township_code === "") continue;
    add(row.township_code, "all", row.boys, row.girls);
    if (MONITORED_ORDERS.includes(row.birth_order_group as OrderSelection)) add(row.township_code, row.birth_order_group as OrderSelection, row.boys, row.girls);
  }
  return detectFunnelAlarms([...totals.values()] satisfies WindowCounts[], window, settings);
}

async function detectRegionalSignals(
  db: Db,
  settings: SurveillanceSettings,
  city: string,
  scope: RegionScope,
  period: CalendarMonth,
): Promise<AlertDraft[]> {
  const start = shiftMonth(period, 1 - settings.chartHistoryMonths);
  const rows = await listCountySeries(db, scope, settings.birthSource, { start: firstDayOf(start), end: firstDayOf(period) });
  const series = new Map<string, { level: "county" | "city"; regionCode: string; order: OrderSelection; months: Map<string, MonthCounts> }>();
  const add = (level: "county" | "city", regionCode: string, order: OrderSelection, month: CalendarMonth, boys: number, girls: number) => {
    const key = `${level}:${regionCode}:${order}`;
    let entry = series.get(key);
    if (entry === undefined) {
      entry = { level, regionCode, order, months: new Map() };
      series.set(key, entry);
    }
    const previous = entry.months.get(month) ?? { month, boys: 0, girls: 0 };
    entry.months.set(month, { month, boys: previous.boys + boys, girls: previous.girls + girls });
  };
  for (const row of rows) {
    const month = monthOfDate(row.month);
    const orders: OrderSelection[] = ["all"];
    if (MONITORED_ORDERS.includes(row.birth_order_group as OrderSelection)) orders.push(row.birth_order_group as OrderSelection);
    for (const order of orders) {
      add("county", row.region_code, order, month, row.boys, row.girls);
      add("city", city, order, month, row.boys, row.girls);
    }
  }
  const from = shiftMonth(period, 1 - settings.alertLookbackMonths);
  return [...series.values()].flatMap((entry) => {
    const months = [...entry.months.values()].sort((a, b) => (a.month < b.month ? -1 : 1));
    const monthly: MonthlySeries = { level: entry.level, regionCode: entry.regionCode, order: entry.order, months };
    return detectChartSignals(monthly, settings, from, period);
  });
}

// ---- Alerts ----

function toAlert(row: AlertRow, threshold: number): Alert {
  return {
    id: row.id,
    level: row.level,
    regionCode: row.region_code,
    regionName: row.region_name ?? row.region_code,
    method: row.method,
    birthOrderGroup: row.birth_order_group,
    period: monthOfDate(row.period),
    numbers: suppressAlertNumbers(row.numbers, threshold),
    explanation: { zh: row.explanation_zh, en: row.explanation_en },
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listAlertPage(db: Db, settings: SurveillanceSettings, filter: AlertFilter, limit: number, offset: number): Promise<AlertPage> {
  const { rows, total } = await listAlerts(db, filter, limit, offset);
  return { items: rows.map((row) => toAlert(row, settings.suppressionThreshold)), total };
}

/** An alert with its history; a signed-in actor must hold the alert's region (else: not found). */
export async function getAlertDetail(db: Db, settings: SurveillanceSettings, id: number, actor: Actor | null): Promise<AlertDetail> {
  const row = await findAlert(db, id);
  if (row === undefined) throw surveillanceErrors.alertNotFound(id);
  if (actor !== null) requireJurisdiction(actor, "aggregates.read", row.region_code, { notFound: () => surveillanceErrors.alertNotFound(id) });
  const history = await listAlertActions(db, id);
  return {
    ...toAlert(row, settings.suppressionThreshold),
    history: history.map((action) => ({ status: action.status, actor: action.username, note: action.note, at: action.at.toISOString() })),
  };
}

/** Appends a status change (checked against the current status under a row lock) and returns the alert. */
export async function changeAlertStatus(
  db: Db,
  settings: SurveillanceSettings,
  id: number,
  change: AlertStatusChange,
  actor: Actor | null,
): Promise<AlertDetail> {
  await getAlertDetail(db, settings, id, actor);
  const note = change.note === undefined || change.note.trim() === "" ? null : change.note.trim();
  await db.transaction().execute(async (trx) => {
    const current = await lockAlertStatus(trx, id);
    if (current === undefined) throw surveillanceErrors.alertNotFound(id);
    const checked = checkAlertStatusChange(current, change.status, note ?? undefined);
    if (!checked.ok) throw surveillanceErrors.alertStatus(checked.reason);
    await insertAlertAction(trx, { alertId: id, status: change.status, actor: actor?.userId ?? null, note });
  });
  return getAlertDetail(db, settings, id, actor);
}
