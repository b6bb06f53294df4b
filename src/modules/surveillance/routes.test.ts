import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { createSignedInUser, type SignedInUser } from "../access/test-support/signed-in-user.ts";
import type { AlertDetail, AlertPage, DataQuality, FunnelPlot, OrderBars, Summary, TownshipTable } from "./model.ts";
import { refreshBirthAggregates } from "./service.ts";
import { birthsOf, insertBirthBatch } from "./test-support/birth-batches.ts";

let t: TestApp;
let analyst: SignedInUser;
let countyAnalyst: SignedInUser;

// 山亭区 (370406): 店子镇 with 12 months of births, far more boys than girls; 西集镇 with 7 births (a small cell);
// a subdistrict-like fake township whose name would be a spreadsheet formula.
const BIG = "370406101";
const SMALL = "370406102";
const FORMULA = "370406098";

beforeAll(async () => {
  t = await startTestApp();
  const { db } = t.database;
  analyst = await createSignedInUser(db, [{ role: "analyst", jurisdiction: "3704" }]);
  countyAnalyst = await createSignedInUser(db, [{ role: "analyst", jurisdiction: "370481" }]);
  await db
    .insertInto("division")
    .values({ code: FORMULA, level: "township", name: "=HYPERLINK(\"http://x\")", parent_code: "370406", valid_from: null, valid_to: null, source: "test" })
    .execute();
  const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, "0")}`);
  await insertBirthBatch(db, "delivery", [
    ...months.flatMap((month) => birthsOf(BIG, month, 30, 24)),
    ...birthsOf(BIG, "2023-06", 20, 10, 3),
    ...birthsOf(SMALL, "2023-12", 7, 4),
    ...birthsOf(FORMULA, "2023-11", 40, 20, 2),
    ...birthsOf("370406", "2023-10", 12, 6),
  ]);
  await refreshBirthAggregates(db, undefined, { asOf: new Date("2024-01-15") });
});
afterAll(async () => {
  await t.close();
});

async function get<T>(url: string, user: SignedInUser = analyst): Promise<{ status: number; body: T }> {
  const response = await t.app.inject({ method: "GET", url, headers: user.headers });
  return { status: response.statusCode, body: response.json() as T };
}

describe("the dashboard's reads", () => {
  it("summarises the window and gives the monthly trend, withholding small months", async () => {
    const { status, body } = await get<Summary>("/api/v1/surveillance/summary?region=370406");
    expect(status).toBe(200);
    expect(body.basis).toMatchObject({ region: { code: "370406", name: "山亭区" }, source: "delivery", latestMonth: "2023-12", referenceSrb: 105 });
    expect(body.window).toEqual({ start: "2023-01", end: "2023-12" });
    expect(body.headline).toMatchObject({ births: 360 + 20 + 7 + 40 + 12, boys: 288 + 10 + 4 + 20 + 6 });
    expect(body.trend).toHaveLength(36);
    expect(body.trend.at(-1)).toMatchObject({ month: "2023-12", births: 37 });
    expect(body.trend[0]).toMatchObject({ month: "2021-01", births: 0, srb: null });
  });

  it("withholds a township's small cells in the headline and the trend", async () => {
    const { body } = await get<Summary>(`/api/v1/surveillance/summary?region=${SMALL}`);
    expect(body.basis.region.name).toBe("西集镇");
    expect(body.headline).toMatchObject({ births: "suppressed", boys: "suppressed", srb: "suppressed", pValue: "suppressed" });
    expect(body.trend.at(-1)).toMatchObject({ month: "2023-12", births: "suppressed", girls: "suppressed", ciHigh: "suppressed" });
  });

  it("filters the trend by birth order and residence", async () => {
    const thirds = await get<Summary>("/api/v1/surveillance/summary?region=370406&order=3%2B");
    expect(thirds.body.headline).toMatchObject({ births: 20, boys: 10 });
    const urban = await get<Summary>("/api/v1/surveillance/summary?region=370406&residence=urban");
    expect(urban.body.headline).toMatchObject({ births: 40 });
  });

  it("lists every township with raw, interval, shrunk and funnel figures, and withholds small ones entirely", async () => {
    const { body } = await get<TownshipTable>("/api/v1/surveillance/townships?region=370406");
    const big = body.rows.find((row) => row.code === BIG)!;
    expect(big).toMatchObject({ name: "店子镇", residence: "rural", births: 380, boys: 298, funnelFlag: "above_998", suppressed: false });
    expect(big.shrunkSrb).toEqual(expect.any(Number));
    const small = body.rows.find((row) => row.code === SMALL)!;
    expect(small).toMatchObject({ births: "suppressed", boys: "suppressed", girls: "suppressed", srb: "suppressed", shrunkSrb: "suppressed", pValue: "suppressed", funnelFlag: "suppressed", suppressed: true });
    expect(body.rows.filter((row) => row.births === 0 || row.births === "suppressed").length).toBeGreaterThan(3);
    expect(body.unplaced).toBe(12);
  });

  it("exports the township table as XLSX with small cells withheld and formulas neutralised", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/surveillance/townships/export?region=370406", headers: analyst.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    const rowOf = (code: string) => rows.find((row) => row[1] === code)!;
    expect(rowOf(SMALL).slice(4, 13).every((cell) => cell === "已隐藏 suppressed")).toBe(true);
    expect(rowOf(BIG)[4]).toBe(380);
    expect(rowOf(FORMULA)[2]).toBe(`'=HYPERLINK("http://x")`);
    expect(JSON.stringify(rows)).not.toContain('"=HYPERLINK');
  });

  it("draws townships on the funnel, leaving out those under the threshold", async () => {
    const { body } = await get<FunnelPlot>("/api/v1/surveillance/funnel?region=370406");
    expect(body.points.map((point) => point.code).sort()).toEqual([FORMULA, BIG]);
    expect(body.suppressedPoints).toBe(1);
    expect(body.limits.length).toBeGreaterThan(10);
    const [first, last] = [body.limits[0]!, body.limits.at(-1)!];
    expect(first.upper998 - first.lower998).toBeGreaterThan(last.upper998 - last.lower998);
  });

  it("gives SRB by birth order with urban and rural parts", async () => {
    const { body } = await get<OrderBars>("/api/v1/surveillance/birth-orders?region=370406");
    expect(body.bars.map((bar) => bar.order)).toEqual(["1", "2", "3+", "unknown"]);
    expect(body.bars[1]).toMatchObject({ total: { births: 40 }, urban: { births: 40 }, rural: { births: 0 } });
    expect(body.bars[2]!.urban.births).toBe(0);
    expect(body.bars[0]!.rural.births).toBe(360 + 7);
  });

  it("reports births per source and missing sex", async () => {
    const { body } = await get<DataQuality>("/api/v1/surveillance/data-quality?region=370406");
    expect(body.sources).toEqual([
      { sourceType: "delivery", births: 439, sexMissing: 0 },
      { sourceType: "birth_cert", births: 0, sexMissing: 0 },
      { sourceType: "newborn_reg", births: 0, sexMissing: 0 },
    ]);
    expect(body.agreement.map((row) => row.otherSourceType)).toEqual(["birth_cert", "newborn_reg"]);
  });

  it("refuses a region outside the caller's jurisdiction, and answers 404 for an unknown region", async () => {
    const outside = await get<{ code: string }>("/api/v1/surveillance/summary?region=370406", countyAnalyst);
    expect(outside).toMatchObject({ status: 403, body: { code: "outside_jurisdiction" } });
    const unknown = await get<{ code: string }>("/api/v1/surveillance/townships?region=370499");
    expect(unknown).toMatchObject({ status: 404, body: { code: "region_not_found" } });
  });
});

describe("alerts", () => {
  it("lists the region's alerts and changes an alert's status with a note", async () => {
    const { body: page } = await get<AlertPage>("/api/v1/surveillance/alerts?region=370406&method=funnel");
    const alarm = page.items.find((item) => item.regionCode === BIG && item.birthOrderGroup === "all")!;
    expect(alarm).toMatchObject({ level: "township", period: "2023-12", status: "new" });

    const change = (payload: object) =>
      t.app.inject({ method: "POST", url: `/api/v1/surveillance/alerts/${alarm.id}/status`, headers: analyst.headers, payload });
    const missingNote = await change({ status: "dismissed" });
    expect(missingNote.statusCode).toBe(400);
    expect(missingNote.json()).toMatchObject({ code: "alert_note_required" });
    const dismissed = await change({ status: "dismissed", note: "医院重复上报，已与妇幼保健院核实" });
    expect(dismissed.statusCode).toBe(200);
    const detail = dismissed.json() as AlertDetail;
    expect(detail.status).toBe("dismissed");
    expect(detail.history.at(-1)).toMatchObject({ status: "dismissed", actor: analyst.username, note: "医院重复上报，已与妇幼保健院核实" });
  });

  it("hides an alert outside the caller's jurisdiction as not found", async () => {
    const { body: page } = await get<AlertPage>("/api/v1/surveillance/alerts?region=370406");
    const response = await get<{ code: string }>(`/api/v1/surveillance/alerts/${page.items[0]!.id}`, countyAnalyst);
    expect(response).toMatchObject({ status: 404, body: { code: "alert_not_found" } });
  });

  it("withholds small counts inside alert numbers", async () => {
    const { body: page } = await get<AlertPage>("/api/v1/surveillance/alerts?region=3704&limit=200");
    for (const item of page.items) {
      for (const [boys, girls] of [["boys", "girls"], ["runBoys", "runGirls"], ["monthBoys", "monthGirls"]] as const) {
        const b = item.numbers[boys];
        const g = item.numbers[girls];
        if (typeof b === "number" && typeof g === "number") expect(b + g).toBeGreaterThanOrEqual(10);
      }
    }
  });
});
