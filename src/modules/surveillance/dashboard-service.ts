/**
 * The dashboard's reads (出生监测): headline and monthly trend, township table, funnel plot, birth-order bars
 * and data quality, for a region (province, city, county or township) and the rolling 12-month window that
 * ends with the region's latest month (or a month asked for). Each read first folds any committed birth
 * batches not yet folded (cheap when there are none). Every cell under the suppression threshold is withheld.
 */
import type { Db } from "../../db/database.ts";
import type { BirthCounts } from "./birth-counts.ts";
import { testSrbExcess } from "./binomial-test.ts";
import { firstDayOf, listMonths, monthOfDate, shiftMonth, windowEndingAt, type CalendarMonth } from "./calendar-month.ts";
import { addBirthCounts, describeSrbCell } from "./describe-srb-cell.ts";
import { computeFunnelLimits } from "./funnel-limits.ts";
import {
  BIRTH_ORDER_GROUPS,
  BIRTH_SOURCE_TYPES,
  type BirthOrderGroup,
  type Count,
  type DataQuality,
  type FunnelPlot,
  type OrderBars,
  type OrderSelection,
  type ResidenceSelection,
  type Summary,
  type TownshipRow,
  type TownshipTable,
  type ViewBasis,
} from "./model.ts";
import { residenceOf } from "./residence.ts";
import { refreshBirthAggregates } from "./service.ts";
import { SUPPRESSED } from "./small-cell-suppression.ts";
import { computeSrbTable } from "./srb-table.ts";
import { convertProportionToSrb, convertSrbToProportion } from "./srb-proportion.ts";
import {
  findLatestMonth,
  listAgreement,
  listDivisionNames,
  listMonthCounts,
  listSourceQuality,
  listTownshipCounts,
  listTownshipDivisions,
  scopeOf,
  type MonthRange,
  type RegionScope,
  type TownshipCountsRow,
} from "./store.ts";
import { surveillanceErrors } from "./surveillance-errors.ts";
import type { SurveillanceSettings } from "./surveillance-settings.ts";

export interface ViewQuery {
  /** A 2-, 4-, 6- or 9-digit division code. */
  readonly region: string;
  readonly order: OrderSelection;
  readonly residence: ResidenceSelection;
  /** Last month of the 12-month window; default the region's latest month with births. */
  readonly end?: CalendarMonth | undefined;
}

interface ViewFrame {
  readonly basis: ViewBasis;
  readonly scope: RegionScope;
  readonly window: { readonly start: CalendarMonth; readonly end: CalendarMonth } | null;
  readonly range: MonthRange | undefined;
}

const TREND_MONTHS = 36;

async function frameView(db: Db, settings: SurveillanceSettings, query: ViewQuery): Promise<ViewFrame> {
  await refreshBirthAggregates(db, settings);
  const name = (await listDivisionNames(db, [query.region])).get(query.region);
  if (name === undefined) throw surveillanceErrors.regionNotFound(query.region);
  const scope = scopeOf(query.region);
  const latest = await findLatestMonth(db, scope, settings.birthSource);
  const latestMonth = latest === undefined ? null : monthOfDate(latest);
  const end = query.end ?? latestMonth;
  const window = end === null ? null : windowEndingAt(end, settings.funnelWindowMonths);
  return {
    basis: {
      region: { code: query.region, name },
      source: settings.birthSource,
      order: query.order,
      residence: query.residence,
      referenceSrb: settings.referenceSrb,
      suppressionThreshold: settings.suppressionThreshold,
      latestMonth,
    },
    scope,
    window,
    range: window === null ? undefined : { start: firstDayOf(window.start), end: firstDayOf(window.end) },
  };
}

function isSelectedOrder(group: BirthOrderGroup, order: OrderSelection): boolean {
  return order === "all" || group === order;
}

function isSelectedResidence(township: string, residence: ResidenceSelection): boolean {
  return residence === "all" || residenceOf(township) === residence;
}

/** A count that could point to a family (1 to threshold − 1) is withheld; zero reveals no one and is shown. */
function withholdSmallCount(count: number, threshold: number): Count {
  return count > 0 && count < threshold ? SUPPRESSED : count;
}

export interface TrendQuery extends ViewQuery {
  readonly from?: CalendarMonth | undefined;
  readonly to?: CalendarMonth | undefined;
}

/** Headline figures for the window and the monthly SRB with its 95% interval (36 months by default). */
export async function getSummary(db: Db, settings: SurveillanceSettings, query: TrendQuery): Promise<Summary> {
  const frame = await frameView(db, settings, query);
  const threshold = settings.suppressionThreshold;
  let windowCounts: BirthCounts & { sexUnknown: number } = { boys: 0, girls: 0, sexUnknown: 0 };
  if (frame.range !== undefined) {
    for (const row of await listTownshipCounts(db, frame.scope, settings.birthSource, frame.range)) {
      if (!isSelectedOrder(row.birth_order_group, query.order) || !isSelectedResidence(row.township_code, query.residence)) continue;
      windowCounts = { boys: windowCounts.boys + row.boys, girls: windowCounts.girls + row.girls, sexUnknown: windowCounts.sexUnknown + row.sex_unknown };
    }
  }
  const headlineCell = describeSrbCell(windowCounts, threshold);
  const pValue = testSrbExcess(windowCounts.boys, windowCounts.girls, { referenceSrb: settings.referenceSrb }) ?? null;
  const headline: Summary["headline"] = {
    ...headlineCell,
    sexUnknown: withholdSmallCount(windowCounts.sexUnknown, threshold),
    pValue: headlineCell.births === SUPPRESSED ? SUPPRESSED : pValue,
  };

  const to = query.to ?? frame.window?.end;
  if (to === undefined) return { basis: frame.basis, window: frame.window, headline, trend: [] };
  const from = query.from ?? shiftMonth(to, 1 - TREND_MONTHS);
  const byMonth = new Map<string, BirthCounts>();
  const rows = await listMonthCounts(db, frame.scope, settings.birthSource, { start: firstDayOf(from), end: firstDayOf(to) }, query.order);
  for (const row of rows) {
    if (!isSelectedResidence(row.township_code, query.residence)) continue;
    const month = monthOfDate(row.month);
    const previous = byMonth.get(month) ?? { boys: 0, girls: 0 };
    byMonth.set(month, { boys: previous.boys + row.boys, girls: previous.girls + row.girls });
  }
  const trend = listMonths(from, to).map((month) => ({ month, ...describeSrbCell(byMonth.get(month) ?? { boys: 0, girls: 0 }, threshold) }));
  return { basis: frame.basis, window: frame.window, headline, trend };
}

interface TownshipCounts extends BirthCounts {
  readonly code: string;
  readonly name: string;
}

/**
 * Window counts per township of the region (every township of the division table, with or without births,
 * plus codes found only in the data), for the selected birth order and residence; and births without a
 * township. For a township region, `siblings` are the townships of its county (shrinkage and the funnel
 * compare a township with its neighbours) and `selected` is the one township.
 */
async function readTownships(
  db: Db,
  settings: SurveillanceSettings,
  frame: ViewFrame,
  query: ViewQuery,
): Promise<{ siblings: TownshipCounts[]; selected: (code: string) => boolean; unplaced: BirthCounts }> {
  const siblingCode = query.region.length === 9 ? query.region.slice(0, 6) : query.region;
  const rows: TownshipCountsRow[] = frame.range === undefined ? [] : await listTownshipCounts(db, scopeOf(siblingCode), settings.birthSource, frame.range);
  const divisions = await listTownshipDivisions(db, siblingCode);
  const counts = new Map<string, TownshipCounts>(divisions.map((division) => [division.code, { ...division, boys: 0, girls: 0 }]));
  const unplaced: BirthCounts[] = [];
  for (const row of rows) {
    if (!isSelectedOrder(row.birth_order_group, query.order)) continue;
    if (row.township_code === "") {
      unplaced.push(row);
      continue;
    }
    const previous = counts.get(row.township_code) ?? { code: row.township_code, name: row.township_code, boys: 0, girls: 0 };
    counts.set(row.township_code, { ...previous, boys: previous.boys + row.boys, girls: previous.girls + row.girls });
  }
  const siblings = [...counts.values()]
    .filter((township) => isSelectedResidence(township.code, query.residence))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const selected = (code: string) => query.region.length !== 9 || code === query.region;
  return { siblings, selected, unplaced: query.region.length === 9 ? { boys: 0, girls: 0 } : addBirthCounts(unplaced) };
}

/** Raw SRB with CI, exact p-value, empirical-Bayes shrunk SRB and funnel flag per township; small ones withheld. */
export async function getTownshipTable(db: Db, settings: SurveillanceSettings, query: ViewQuery): Promise<TownshipTable> {
  const frame = await frameView(db, settings, query);
  const threshold = settings.suppressionThreshold;
  const { siblings, selected, unplaced } = await readTownships(db, settings, frame, query);
  const statistics = computeSrbTable(
    siblings.map((township) => ({ ...township, period: frame.window?.end ?? "", birthOrder: query.order })),
    { method: "logit", level: 0.95, referenceSrb: settings.referenceSrb },
  );
  const rows: TownshipRow[] = [];
  siblings.forEach((township, index) => {
    if (!selected(township.code)) return;
    const cell = describeSrbCell(township, threshold);
    const suppressed = cell.births === SUPPRESSED;
    const stats = statistics[index]!;
    rows.push({
      code: township.code,
      name: township.name,
      residence: residenceOf(township.code),
      ...cell,
      shrunkSrb: suppressed ? SUPPRESSED : (stats.shrunkSrb ?? null),
      pValue: suppressed ? SUPPRESSED : (stats.pValue ?? null),
      funnelFlag: suppressed ? SUPPRESSED : (stats.funnelFlag ?? null),
      suppressed,
    });
  });
  const unplacedBirths = unplaced.boys + unplaced.girls;
  return { basis: frame.basis, window: frame.window, rows, unplaced: withholdSmallCount(unplacedBirths, threshold) };
}

const FUNNEL_CURVE_POINTS = 60;

/** Births along the funnel's x axis, log-spaced from the threshold to just beyond the largest township. */
function funnelAxis(threshold: number, largest: number): number[] {
  const low = Math.max(threshold, 1);
  const high = Math.max(low + 1, Math.ceil(largest * 1.1));
  const axis = new Set<number>();
  for (let i = 0; i < FUNNEL_CURVE_POINTS; i++) axis.add(Math.round(low * (high / low) ** (i / (FUNNEL_CURVE_POINTS - 1))));
  return [...axis].sort((a, b) => a - b);
}

/** Townships' window SRB against births with the 95% and 99.8% limits around the reference. */
export async function getFunnelPlot(db: Db, settings: SurveillanceSettings, query: ViewQuery): Promise<FunnelPlot> {
  const table = await getTownshipTable(db, settings, query);
  const points = table.rows.flatMap((row) =>
    row.suppressed || typeof row.births !== "number" || row.births === 0
      ? []
      : [{ code: row.code, name: row.name, births: row.births, srb: typeof row.srb === "number" ? row.srb : null, flag: typeof row.funnelFlag === "string" && row.funnelFlag !== SUPPRESSED ? row.funnelFlag : null }],
  );
  const suppressedPoints = table.rows.filter((row) => row.suppressed && row.births !== 0).length;
  const target = convertSrbToProportion(settings.referenceSrb);
  const largest = Math.max(0, ...points.map((point) => point.births));
  const limits =
    points.length === 0
      ? []
      : funnelAxis(settings.suppressionThreshold, largest).flatMap((births) => {
          const limit = computeFunnelLimits(births, target);
          // With very few births the upper 99.8% limit is "all boys" (SRB infinite): such points are not drawn.
          if (limit.upper998 >= 1) return [];
          const toSrb = (proportion: number) => convertProportionToSrb(Math.max(0, proportion));
          return [{ births, lower998: toSrb(limit.lower998), lower95: toSrb(limit.lower95), upper95: toSrb(limit.upper95), upper998: toSrb(limit.upper998) }];
        });
  return { basis: table.basis, window: table.window, points, suppressedPoints, limits };
}

/** SRB by birth order (1, 2, 3+, not recorded), in total and for urban and rural townships. */
export async function getOrderBars(db: Db, settings: SurveillanceSettings, query: Pick<ViewQuery, "region" | "end">): Promise<OrderBars> {
  const frame = await frameView(db, settings, { ...query, order: "all", residence: "all" });
  const threshold = settings.suppressionThreshold;
  const rows = frame.range === undefined ? [] : await listTownshipCounts(db, frame.scope, settings.birthSource, frame.range);
  const bars = BIRTH_ORDER_GROUPS.map((order) => {
    const ofOrder = rows.filter((row) => row.birth_order_group === order);
    const ofResidence = (residence: "urban" | "rural") => ofOrder.filter((row) => residenceOf(row.township_code) === residence);
    return {
      order,
      total: describeSrbCell(addBirthCounts(ofOrder), threshold),
      urban: describeSrbCell(addBirthCounts(ofResidence("urban")), threshold),
      rural: describeSrbCell(addBirthCounts(ofResidence("rural")), threshold),
    };
  });
  return { basis: frame.basis, window: frame.window, bars };
}

/** Births and births without a recorded sex per source; sex agreement of the counting source with the others. */
export async function getDataQuality(db: Db, settings: SurveillanceSettings, query: Pick<ViewQuery, "region" | "end">): Promise<DataQuality> {
  const frame = await frameView(db, settings, { ...query, order: "all", residence: "all" });
  const threshold = settings.suppressionThreshold;
  const quality = frame.range === undefined ? [] : await listSourceQuality(db, frame.scope, frame.range);
  const agreement = frame.range === undefined ? [] : await listAgreement(db, frame.scope, settings.birthSource, frame.range);
  return {
    basis: frame.basis,
    window: frame.window,
    sources: BIRTH_SOURCE_TYPES.map((sourceType) => {
      const row = quality.find((candidate) => candidate.source_type === sourceType);
      return {
        sourceType,
        births: withholdSmallCount(row?.births ?? 0, threshold),
        sexMissing: withholdSmallCount(row?.sex_unknown ?? 0, threshold),
      };
    }),
    agreement: BIRTH_SOURCE_TYPES.filter((sourceType) => sourceType !== settings.birthSource).map((otherSourceType) => {
      const row = agreement.find((candidate) => candidate.other_source_type === otherSourceType);
      return {
        otherSourceType,
        matched: withholdSmallCount(row?.matched ?? 0, threshold),
        compared: withholdSmallCount(row?.compared ?? 0, threshold),
        disagreed: withholdSmallCount(row?.disagreed ?? 0, threshold),
      };
    }),
  };
}
