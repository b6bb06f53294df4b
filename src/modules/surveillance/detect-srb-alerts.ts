import type { BirthCounts } from "./birth-counts.ts";
import { createBinomialCusum } from "./binomial-cusum.ts";
import { testSrbExcess } from "./binomial-test.ts";
import type { CalendarMonth } from "./calendar-month.ts";
import { createEwmaChart } from "./ewma.ts";
import { classifyFunnelPosition, computeFunnelLimits } from "./funnel-limits.ts";
import type { AlertLevel, AlertMethod, AlertNumbers, OrderSelection } from "./model.ts";
import { estimateSrb } from "./srb-estimate.ts";
import { convertProportionToSrb, convertSrbToProportion } from "./srb-proportion.ts";
import type { SurveillanceSettings } from "./surveillance-settings.ts";

/**
 * From counts to alert drafts (pure; the service reads the counts and stores the drafts):
 * - funnel alarm: a township whose births in a rolling window lie above the 99.8% exact binomial funnel
 *   limit around the reference (Spiegelhalter 2005) — equivalently, the exact one-sided p-value is ≤ 0.001;
 * - CUSUM and EWMA signals of a county's or a city's monthly series (binomial-cusum.ts, ewma.ts), run from
 *   the series' first month; a signal in the months [from, to] becomes a draft.
 * Each view is run for all births and for each birth-order group 1, 2, 3+ (DOMAIN.md §5). Drafts carry the
 * numbers behind them; explain-srb-alert.ts turns those into sentences.
 */
export interface AlertDraft {
  readonly level: AlertLevel;
  readonly regionCode: string;
  readonly method: AlertMethod;
  readonly birthOrderGroup: OrderSelection;
  /** The month evaluated: the window's last month, or the month a chart signalled. */
  readonly period: CalendarMonth;
  readonly numbers: AlertNumbers;
}

/** One alert per region, method, birth order and month, however often detection runs. */
export function dedupKeyOf(draft: Pick<AlertDraft, "level" | "regionCode" | "method" | "birthOrderGroup" | "period">): string {
  return [draft.level, draft.regionCode, draft.method, draft.birthOrderGroup, draft.period].join(":");
}

export interface WindowCounts extends BirthCounts {
  /** 9-digit township code. */
  readonly regionCode: string;
  readonly order: OrderSelection;
}

/** Two-sided limits are drawn; alarms are raised only above: a deficit of boys points to under-registration. */
const ALARM_P_VALUE = 0.001;

export function detectFunnelAlarms(
  townships: readonly WindowCounts[],
  window: { readonly start: CalendarMonth; readonly end: CalendarMonth },
  settings: Pick<SurveillanceSettings, "referenceSrb">,
): AlertDraft[] {
  const target = convertSrbToProportion(settings.referenceSrb);
  const drafts: AlertDraft[] = [];
  for (const township of townships) {
    const births = township.boys + township.girls;
    if (births === 0) continue;
    // The p-value screens cheaply; the limit itself decides, so alarms agree with the funnel plot exactly.
    const pValue = testSrbExcess(township.boys, township.girls, { referenceSrb: settings.referenceSrb })!;
    if (pValue > 2 * ALARM_P_VALUE) continue;
    const limits = computeFunnelLimits(births, target);
    if (classifyFunnelPosition(township, limits) !== "above_998") continue;
    const estimate = estimateSrb(township.boys, township.girls);
    drafts.push({
      level: "township",
      regionCode: township.regionCode,
      method: "funnel",
      birthOrderGroup: township.order,
      period: window.end,
      numbers: {
        windowStart: window.start,
        windowEnd: window.end,
        boys: township.boys,
        girls: township.girls,
        births,
        srb: estimate?.srb ?? null,
        ciLow: estimate?.low ?? null,
        ciHigh: estimate?.high ?? null,
        pValue,
        referenceSrb: settings.referenceSrb,
        upperLimit95Srb: convertProportionToSrb(limits.upper95),
        upperLimit998Srb: convertProportionToSrb(limits.upper998),
      },
    });
  }
  return drafts;
}

export interface MonthCounts extends BirthCounts {
  readonly month: CalendarMonth;
}

export interface MonthlySeries {
  readonly level: "county" | "city";
  readonly regionCode: string;
  readonly order: OrderSelection;
  /** In month order; months without births may be absent (both charts skip them). */
  readonly months: readonly MonthCounts[];
}

type ChartSettings = Pick<SurveillanceSettings, "referenceSrb" | "cusum" | "ewma">;

export function detectChartSignals(series: MonthlySeries, settings: ChartSettings, from: CalendarMonth, to: CalendarMonth): AlertDraft[] {
  return [...detectCusumSignals(series, settings, from, to), ...detectEwmaSignals(series, settings, from, to)];
}

function detectCusumSignals(series: MonthlySeries, settings: ChartSettings, from: CalendarMonth, to: CalendarMonth): AlertDraft[] {
  const threshold = series.level === "city" ? settings.cusum.cityThreshold : settings.cusum.countyThreshold;
  const step = createBinomialCusum({ referenceSrb: settings.referenceSrb, alternativeSrb: settings.cusum.alternativeSrb, threshold });
  const drafts: AlertDraft[] = [];
  // The run behind a signal: the months since the statistic last stood at 0 (or was reset by a signal).
  let run: { start: CalendarMonth; boys: number; girls: number } | undefined;
  for (const month of series.months) {
    if (month.boys + month.girls === 0) continue;
    run ??= { start: month.month, boys: 0, girls: 0 };
    run.boys += month.boys;
    run.girls += month.girls;
    const { statistic, signal } = step(month);
    if (signal && month.month >= from && month.month <= to) {
      drafts.push({
        ...seriesKey(series, "cusum", month.month),
        numbers: {
          statistic,
          threshold,
          referenceSrb: settings.referenceSrb,
          alternativeSrb: settings.cusum.alternativeSrb,
          runStart: run.start,
          runBoys: run.boys,
          runGirls: run.girls,
          runSrb: estimateSrb(run.boys, run.girls)?.srb ?? null,
          monthBoys: month.boys,
          monthGirls: month.girls,
          monthSrb: estimateSrb(month.boys, month.girls)?.srb ?? null,
        },
      });
    }
    if (signal || statistic === 0) run = undefined;
  }
  return drafts;
}

function detectEwmaSignals(series: MonthlySeries, settings: ChartSettings, from: CalendarMonth, to: CalendarMonth): AlertDraft[] {
  const { lambda, width } = settings.ewma;
  const step = createEwmaChart({ referenceSrb: settings.referenceSrb, lambda, width });
  const drafts: AlertDraft[] = [];
  for (const month of series.months) {
    const { statistic, upperLimit, signal } = step(month);
    if (!signal || month.month < from || month.month > to) continue;
    drafts.push({
      ...seriesKey(series, "ewma", month.month),
      numbers: {
        ewmaSrb: convertProportionToSrb(statistic),
        upperLimitSrb: convertProportionToSrb(upperLimit),
        lambda,
        width,
        referenceSrb: settings.referenceSrb,
        monthBoys: month.boys,
        monthGirls: month.girls,
        monthSrb: estimateSrb(month.boys, month.girls)?.srb ?? null,
      },
    });
  }
  return drafts;
}

function seriesKey(series: MonthlySeries, method: AlertMethod, period: CalendarMonth) {
  return { level: series.level, regionCode: series.regionCode, method, birthOrderGroup: series.order, period };
}

