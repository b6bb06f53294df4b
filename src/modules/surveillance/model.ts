import type { ColumnType, Generated } from "kysely";
import { z } from "zod";
import { SUPPRESSED } from "./small-cell-suppression.ts";

/**
 * Birth and SRB surveillance (出生监测): the shapes that cross the module's boundary — the dashboard's
 * responses, alerts and their status changes — and Kysely's view of the module's tables (migration 0040).
 * In every response a count or ratio may be the marker "suppressed" (a cell under 10 births, DOMAIN.md §5)
 * and a ratio may be null (NA: no boys or no girls).
 */

/** The birth sources: 住院分娩, 出生医学证明, 新生儿入户. */
export const BIRTH_SOURCE_TYPES = ["delivery", "birth_cert", "newborn_reg"] as const;
export const BirthSourceType = z.enum(BIRTH_SOURCE_TYPES);
export type BirthSourceType = z.infer<typeof BirthSourceType>;

/** Birth order as aggregated: the source's 胎次/孩次, 3 and above together, or not recorded. */
export const BIRTH_ORDER_GROUPS = ["1", "2", "3+", "unknown"] as const;
export const BirthOrderGroup = z.enum(BIRTH_ORDER_GROUPS);
export type BirthOrderGroup = z.infer<typeof BirthOrderGroup>;

/** What a view or an alert covers: all births, or one birth-order group. */
export const ORDER_SELECTIONS = ["all", "1", "2", "3+"] as const;
export const OrderSelection = z.enum(ORDER_SELECTIONS);
export type OrderSelection = z.infer<typeof OrderSelection>;

/** Urban (街道) or rural (镇, 乡) by the township's code; see residence.ts for the approximation. */
export const Residence = z.enum(["urban", "rural", "unknown"]);
export type Residence = z.infer<typeof Residence>;
export const ResidenceSelection = z.enum(["all", "urban", "rural"]);
export type ResidenceSelection = z.infer<typeof ResidenceSelection>;

export const ALERT_LEVELS = ["township", "county", "city"] as const;
export const AlertLevel = z.enum(ALERT_LEVELS);
export type AlertLevel = z.infer<typeof AlertLevel>;

export const ALERT_METHODS = ["funnel", "cusum", "ewma"] as const;
export const AlertMethod = z.enum(ALERT_METHODS);
export type AlertMethod = z.infer<typeof AlertMethod>;

export const ALERT_STATUSES = ["new", "under_review", "explained", "dismissed"] as const;
export const AlertStatus = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** 'YYYY-MM'. */
export const MonthText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/** A division code the dashboard can show: province, city, county or township (2, 4, 6 or 9 digits). */
export const RegionCode = z.string().regex(/^\d{2}(\d{2}(\d{2}(\d{3})?)?)?$/);

const Suppressed = z.literal(SUPPRESSED);
/** A count of births, or withheld. */
export const Count = z.union([z.number().int(), Suppressed]);
export type Count = z.infer<typeof Count>;
/** A ratio or p-value; null is NA; withheld with its cell. */
export const Estimate = z.union([z.number(), z.null(), Suppressed]);
export type Estimate = z.infer<typeof Estimate>;

/** One cell's births and SRB with its 95% interval (logit method, srb-estimate.ts). */
export const SrbCell = z.object({
  births: Count,
  boys: Count,
  girls: Count,
  srb: Estimate,
  ciLow: Estimate,
  ciHigh: Estimate,
});
export type SrbCell = z.infer<typeof SrbCell>;

export const RegionSummary = z.object({
  code: z.string(),
  name: z.string(),
});

/** What every dashboard answer says about how it was made. */
export const ViewBasis = z.object({
  region: RegionSummary,
  /** The birth source the counts come from (settings: RENKOU_SRB_BIRTH_SOURCE). */
  source: BirthSourceType,
  order: OrderSelection,
  residence: ResidenceSelection,
  referenceSrb: z.number(),
  suppressionThreshold: z.number().int(),
  /** The latest month with births in this region, or null when there are none. */
  latestMonth: MonthText.nullable(),
});
export type ViewBasis = z.infer<typeof ViewBasis>;

export const Window = z.object({ start: MonthText, end: MonthText });
export type Window = z.infer<typeof Window>;

export const TrendMonth = SrbCell.extend({ month: MonthText });
export type TrendMonth = z.infer<typeof TrendMonth>;

export const Summary = z.object({
  basis: ViewBasis,
  /** The rolling 12-month window the headline figures cover. */
  window: Window.nullable(),
  headline: SrbCell.extend({ sexUnknown: Count, pValue: Estimate }),
  trend: z.array(TrendMonth),
});
export type Summary = z.infer<typeof Summary>;

export const FunnelFlag = z.enum(["above_998", "above_95", "within", "below_95", "below_998"]);

export const TownshipRow = SrbCell.extend({
  code: z.string(),
  name: z.string(),
  residence: Residence,
  /** Empirical-Bayes SRB among the table's townships (beta-binomial, moments). */
  shrunkSrb: Estimate,
  /** Exact one-sided binomial p-value against the reference. */
  pValue: Estimate,
  funnelFlag: z.union([FunnelFlag, z.null(), Suppressed]),
  suppressed: z.boolean(),
});
export type TownshipRow = z.infer<typeof TownshipRow>;

export const TownshipTable = z.object({
  basis: ViewBasis,
  window: Window.nullable(),
  rows: z.array(TownshipRow),
  /** Births in the region whose record names no township. */
  unplaced: Count,
});
export type TownshipTable = z.infer<typeof TownshipTable>;

export const FunnelPoint = z.object({
  code: z.string(),
  name: z.string(),
  births: z.number().int(),
  srb: z.number().nullable(),
  flag: FunnelFlag.nullable(),
});
export const FunnelLimitPoint = z.object({
  births: z.number().int(),
  lower998: z.number(),
  lower95: z.number(),
  upper95: z.number(),
  upper998: z.number(),
});
export const FunnelPlot = z.object({
  basis: ViewBasis,
  window: Window.nullable(),
  /** Townships with at least `suppressionThreshold` births; the others are left out and counted. */
  points: z.array(FunnelPoint),
  suppressedPoints: z.number().int(),
  /** Control limits on the SRB scale (exact binomial, Spiegelhalter 2005) along the births axis. */
  limits: z.array(FunnelLimitPoint),
});
export type FunnelPlot = z.infer<typeof FunnelPlot>;

export const OrderBar = z.object({
  order: BirthOrderGroup,
  total: SrbCell,
  urban: SrbCell,
  rural: SrbCell,
});
export const OrderBars = z.object({
  basis: ViewBasis,
  window: Window.nullable(),
  bars: z.array(OrderBar),
});
export type OrderBars = z.infer<typeof OrderBars>;

export const SourceQuality = z.object({
  sourceType: BirthSourceType,
  births: Count,
  sexMissing: Count,
});
export const SourceAgreement = z.object({
  otherSourceType: BirthSourceType,
  /** Births of the counting source also found in the other source (mother's ID and birth date). */
  matched: Count,
  /** Of those, births with a known sex in both. */
  compared: Count,
  /** Of those, births whose sex differs between the two sources. */
  disagreed: Count,
});
export const DataQuality = z.object({
  basis: ViewBasis,
  window: Window.nullable(),
  sources: z.array(SourceQuality),
  agreement: z.array(SourceAgreement),
});
export type DataQuality = z.infer<typeof DataQuality>;

export const AlertNumbers = z.record(z.string(), z.union([z.number(), z.string(), z.null()]));
export type AlertNumbers = z.infer<typeof AlertNumbers>;

export const Alert = z.object({
  id: z.number().int(),
  level: AlertLevel,
  regionCode: z.string(),
  regionName: z.string(),
  method: AlertMethod,
  birthOrderGroup: OrderSelection,
  period: MonthText,
  numbers: AlertNumbers,
  explanation: z.object({ zh: z.string(), en: z.string() }),
  status: AlertStatus,
  createdAt: z.string(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertAction = z.object({
  status: AlertStatus,
  /** The user who acted (user name), or null for the system (detection) and unattributed changes. */
  actor: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});
export const AlertDetail = Alert.extend({ history: z.array(AlertAction) });
export type AlertDetail = z.infer<typeof AlertDetail>;

export const AlertPage = z.object({ items: z.array(Alert), total: z.number().int() });
export type AlertPage = z.infer<typeof AlertPage>;

export const AlertStatusChange = z.object({
  status: z.enum(["under_review", "explained", "dismissed"]),
  note: z.string().trim().max(2000).optional(),
});
export type AlertStatusChange = z.infer<typeof AlertStatusChange>;

/** What one refresh did. */
export interface RefreshReport {
  readonly batchesFolded: number;
  readonly recordsFolded: number;
  readonly alertsCreated: number;
}

// ---- Kysely table types (migration 0040_surveillance.sql). Dates arrive as 'YYYY-MM-DD' strings. ----

export interface BirthRecordTable {
  region_code: string;
  batch_id: number;
  row_number: number;
  source_type: BirthSourceType;
  fold_id: number;
  township_code: string;
  birth_date: string | null;
  birth_month: string | null;
  birth_order_group: BirthOrderGroup;
  sex: "male" | "female" | "unknown";
}

export interface BirthAggMonthlyTable {
  region_code: string;
  source_type: BirthSourceType;
  month: string;
  township_code: string;
  birth_order_group: BirthOrderGroup;
  boys: number;
  girls: number;
  sex_unknown: number;
}

export interface BirthAggBatchTable {
  batch_id: number;
  source_type: BirthSourceType;
  births: number;
  undated: number;
  folded_at: Generated<Date>;
}

export interface BirthAggResubmissionTable {
  batch_id: number;
  row_number: number;
  fold_id: number;
}

export interface BirthSourceAgreementMonthlyTable {
  region_code: string;
  source_type: BirthSourceType;
  other_source_type: BirthSourceType;
  month: string;
  township_code: string;
  matched: number;
  compared: number;
  disagreed: number;
}

export interface SrbAlertTable {
  id: Generated<number>;
  level: AlertLevel;
  region_code: string;
  method: AlertMethod;
  birth_order_group: OrderSelection;
  period: string;
  numbers: ColumnType<AlertNumbers, string, string>;
  explanation_zh: string;
  explanation_en: string;
  status: ColumnType<AlertStatus, AlertStatus | undefined, never>;
  created_at: Generated<Date>;
  dedup_key: string;
}

export interface SrbAlertActionTable {
  id: Generated<number>;
  alert_id: number;
  status: AlertStatus;
  actor: string | null;
  note: string | null;
  at: Generated<Date>;
}
