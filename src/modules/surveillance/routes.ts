/**
 * HTTP routes of birth surveillance (出生监测), under /api/v1/surveillance: the dashboard's reads for a region
 * (`region` = 2-, 4-, 6- or 9-digit division code), the township table as XLSX, and SRB alerts with their
 * status history. Only aggregates leave these routes, and every cell under the suppression threshold is
 * withheld (DOMAIN.md §5).
 */
import { z } from "zod";
import type { AppContext } from "../../http/app-context.ts";
import { access } from "../../http/route-access.ts";
import type { ZodApp } from "../../http/zod-app.ts";
import type { CalendarMonth } from "./calendar-month.ts";
import { getDataQuality, getFunnelPlot, getOrderBars, getSummary, getTownshipTable } from "./dashboard-service.ts";
import { writeTownshipWorkbook } from "./export-township-table.ts";
import {
  AlertDetail,
  AlertMethod,
  AlertPage,
  AlertStatus,
  AlertStatusChange,
  DataQuality,
  FunnelPlot,
  MonthText,
  OrderBars,
  OrderSelection,
  RegionCode,
  ResidenceSelection,
  Summary,
  TownshipTable,
} from "./model.ts";
import { changeAlertStatus, getAlertDetail, listAlertPage } from "./service.ts";
import { loadSurveillanceSettings, type SurveillanceSettings } from "./surveillance-settings.ts";

const TAGS = ["surveillance"];
const AGGREGATE_ROLES = ["analyst", "case_worker", "programme_staff"] as const;
/** Aggregates of a region named in the query: the region must lie within the caller's jurisdiction. */
const REGION_AGGREGATES = {
  config: { access: access.roles(AGGREGATE_ROLES, { personalData: false, jurisdiction: { in: "query", name: "region" } }) },
};
/** One alert by id: the service checks the alert's region against the caller's jurisdiction (404 outside it). */
const ALERT_BY_ID = { config: { access: access.roles(AGGREGATE_ROLES, { personalData: false }) } };

const Month = MonthText.transform((text) => text as CalendarMonth);
const ViewQuery = z.object({
  region: RegionCode,
  order: OrderSelection.default("all"),
  residence: ResidenceSelection.default("all"),
  /** Last month of the rolling 12-month window; default the region's latest month with births. */
  end: Month.optional(),
});
const TrendQuery = ViewQuery.extend({ from: Month.optional(), to: Month.optional() });
const WindowQuery = ViewQuery.pick({ region: true, end: true });
const AlertQuery = z.object({
  region: RegionCode,
  status: AlertStatus.optional(),
  method: AlertMethod.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const AlertId = z.object({ id: z.coerce.number().int().positive() });

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function registerSurveillanceRoutes(
  app: ZodApp,
  { db }: AppContext,
  settings: SurveillanceSettings = loadSurveillanceSettings(process.env),
): void {
  app.get(
    "/surveillance/summary",
    {
      ...REGION_AGGREGATES,
      schema: {
        tags: TAGS,
        summary: "Headline SRB of the 12-month window and the monthly SRB with 95% intervals (36 months by default)",
        querystring: TrendQuery,
        response: { 200: Summary },
      },
    },
    async (request) => getSummary(db, settings, request.query),
  );

  app.get(
    "/surveillance/townships",
    {
      ...REGION_AGGREGATES,
      schema: {
        tags: TAGS,
        summary: "Townships of the region over the 12-month window: raw SRB with CI, p-value, shrunk SRB, funnel flag",
        querystring: ViewQuery,
        response: { 200: TownshipTable },
      },
    },
    async (request) => getTownshipTable(db, settings, request.query),
  );

  app.get(
    "/surveillance/townships/export",
    {
      ...REGION_AGGREGATES,
      schema: { tags: TAGS, summary: "The township table as an XLSX workbook (suppressed cells withheld)", querystring: ViewQuery },
    },
    async (request, reply) => {
      const table = await getTownshipTable(db, settings, request.query);
      const workbook = await writeTownshipWorkbook(table, new Date());
      const name = `srb-townships-${table.basis.region.code}-${table.window?.end ?? "none"}.xlsx`;
      return reply.header("content-type", XLSX_TYPE).header("content-disposition", `attachment; filename="${name}"`).send(workbook);
    },
  );

  app.get(
    "/surveillance/funnel",
    {
      ...REGION_AGGREGATES,
      schema: {
        tags: TAGS,
        summary: "Funnel plot of the region's townships (12-month SRB against births) with 95% and 99.8% limits",
        querystring: ViewQuery,
        response: { 200: FunnelPlot },
      },
    },
    async (request) => getFunnelPlot(db, settings, request.query),
  );

  app.get(
    "/surveillance/birth-orders",
    {
      ...REGION_AGGREGATES,
      schema: {
        tags: TAGS,
        summary: "SRB by birth order (1, 2, 3+, not recorded), in total and for urban and rural townships",
        querystring: WindowQuery,
        response: { 200: OrderBars },
      },
    },
    async (request) => getOrderBars(db, settings, request.query),
  );

  app.get(
    "/surveillance/data-quality",
    {
      ...REGION_AGGREGATES,
      schema: {
        tags: TAGS,
        summary: "Births without a recorded sex per source, and sex agreement between sources for the same birth",
        querystring: WindowQuery,
        response: { 200: DataQuality },
      },
    },
    async (request) => getDataQuality(db, settings, request.query),
  );

  app.get(
    "/surveillance/alerts",
    {
      ...REGION_AGGREGATES,
      schema: {
        tags: TAGS,
        summary: "SRB alerts of the region and the regions inside it, newest period first",
        querystring: AlertQuery,
        response: { 200: AlertPage },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query;
      return listAlertPage(db, settings, filter, limit, offset);
    },
  );

  app.get(
    "/surveillance/alerts/:id",
    {
      ...ALERT_BY_ID,
      schema: { tags: TAGS, summary: "One SRB alert with its status history", params: AlertId, response: { 200: AlertDetail } },
    },
    async (request) => getAlertDetail(db, settings, request.params.id, request.actor ?? null),
  );

  app.post(
    "/surveillance/alerts/:id/status",
    {
      ...ALERT_BY_ID,
      schema: {
        tags: TAGS,
        summary: "Change an alert's status (under_review, explained, dismissed; the last two need a note)",
        params: AlertId,
        body: AlertStatusChange,
        response: { 200: AlertDetail },
      },
    },
    async (request) => changeAlertStatus(db, settings, request.params.id, request.body, request.actor ?? null),
  );
}
