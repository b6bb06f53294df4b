import { describe, expect, it } from "vitest";
import { testSrbExcess } from "./binomial-test.ts";
import { shiftMonth, type CalendarMonth } from "./calendar-month.ts";
import { dedupKeyOf, detectChartSignals, detectFunnelAlarms, type MonthCounts, type MonthlySeries } from "./detect-srb-alerts.ts";
import { DEFAULT_SURVEILLANCE_SETTINGS as SETTINGS } from "./surveillance-settings.ts";

const month = (text: string) => text as CalendarMonth;
const WINDOW = { start: month("2023-07"), end: month("2024-06") };

/** `count` consecutive months from `start`, each with the same counts. */
function months(start: string, count: number, boys: number, girls: number): MonthCounts[] {
  return Array.from({ length: count }, (_, i) => ({ month: shiftMonth(month(start), i), boys, girls }));
}

describe("funnel alarms", () => {
  it("raises an alarm for a township above the 99.8% limit and for no other", () => {
    const drafts = detectFunnelAlarms(
      [
        { regionCode: "370406101", order: "all", boys: 170, girls: 100 },
        { regionCode: "370406102", order: "all", boys: 105, girls: 100 },
        { regionCode: "370406103", order: "all", boys: 0, girls: 0 },
        { regionCode: "370406104", order: "3+", boys: 40, girls: 20 },
      ],
      WINDOW,
      SETTINGS,
    );
    expect(drafts.map((draft) => [draft.regionCode, draft.birthOrderGroup])).toEqual([["370406101", "all"]]);
    expect(drafts[0]).toMatchObject({ level: "township", method: "funnel", period: "2024-06" });
    expect(drafts[0]!.numbers).toMatchObject({ windowStart: "2023-07", windowEnd: "2024-06", boys: 170, girls: 100, births: 270, srb: 170 });
    expect(drafts[0]!.numbers.upperLimit998Srb).toBeLessThan(170);
  });

  it("alarms exactly when the exact one-sided p-value is at most 0.001", () => {
    const mismatches: number[] = [];
    for (let boys = 40; boys <= 90; boys++) {
      const girls = 120 - boys;
      const alarmed = detectFunnelAlarms([{ regionCode: "370406101", order: "1", boys, girls }], WINDOW, SETTINGS).length === 1;
      if (alarmed !== testSrbExcess(boys, girls)! <= 0.001) mismatches.push(boys);
    }
    expect(mismatches).toEqual([]);
  });

  it("measures against the configured reference", () => {
    const township = { regionCode: "370406101", order: "all" as const, boys: 1_250, girls: 1_000 };
    expect(detectFunnelAlarms([township], WINDOW, { referenceSrb: 105 })).toHaveLength(1);
    expect(detectFunnelAlarms([township], WINDOW, { referenceSrb: 112 })).toHaveLength(0);
  });
});

describe("chart signals", () => {
  const series = (level: "county" | "city", list: MonthCounts[]): MonthlySeries => ({ level, regionCode: level === "city" ? "3704" : "370406", order: "all", months: list });

  it("stays silent on births at the reference", () => {
    // 105 boys per 100 girls every month: the CUSUM drifts down and the EWMA stays on target.
    expect(detectChartSignals(series("county", months("2020-01", 60, 168, 160)), SETTINGS, month("2020-01"), month("2024-12"))).toEqual([]);
  });

  it("signals a sustained rise on both charts, with the run of months behind the CUSUM signal", () => {
    const list = [...months("2022-01", 24, 164, 156), ...months("2024-01", 12, 180, 140)];
    const drafts = detectChartSignals(series("county", list), SETTINGS, month("2024-01"), month("2024-12"));
    const cusum = drafts.filter((draft) => draft.method === "cusum");
    const ewma = drafts.filter((draft) => draft.method === "ewma");
    expect(cusum.length).toBeGreaterThan(0);
    expect(ewma.length).toBeGreaterThan(0);
    const first = cusum[0]!;
    expect(first).toMatchObject({ level: "county", regionCode: "370406", birthOrderGroup: "all" });
    expect(first.period >= "2024-01").toBe(true);
    const { runStart, runBoys, runGirls, statistic, threshold } = first.numbers;
    const runMonths = list.filter((m) => m.month >= String(runStart) && m.month <= first.period);
    expect(runBoys).toBe(runMonths.reduce((sum, m) => sum + m.boys, 0));
    expect(runGirls).toBe(runMonths.reduce((sum, m) => sum + m.girls, 0));
    expect(Number(statistic)).toBeGreaterThanOrEqual(Number(threshold));
    expect(dedupKeyOf(first)).toBe(`county:370406:cusum:all:${first.period}`);
  });

  it("reports only signals inside the months asked for", () => {
    const list = months("2022-01", 36, 180, 140);
    const all = detectChartSignals(series("county", list), SETTINGS, month("2022-01"), month("2024-12"));
    const recent = detectChartSignals(series("county", list), SETTINGS, month("2024-07"), month("2024-12"));
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every((draft) => draft.period >= "2024-07" && draft.period <= "2024-12")).toBe(true);
  });

  it("holds a city to the higher CUSUM threshold", () => {
    // 230 boys and 70 girls in one month move the statistic to ≈ 3.5: enough for a county (h = 3), not a city (h = 5).
    const list = [{ month: month("2024-03"), boys: 230, girls: 70 }];
    const county = detectChartSignals(series("county", list), SETTINGS, month("2024-01"), month("2024-12"));
    const city = detectChartSignals(series("city", list), SETTINGS, month("2024-01"), month("2024-12"));
    expect(county.filter((draft) => draft.method === "cusum")).toHaveLength(1);
    expect(city.filter((draft) => draft.method === "cusum")).toHaveLength(0);
  });
});
