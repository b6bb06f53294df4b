import { describe, expect, it } from "vitest";
import type { CalendarMonth } from "./calendar-month.ts";
import type { AlertDraft } from "./detect-srb-alerts.ts";
import { explainSrbAlert } from "./explain-srb-alert.ts";
import { suppressAlertNumbers } from "./suppress-alert-numbers.ts";

const funnel: AlertDraft = {
  level: "township",
  regionCode: "370406101",
  method: "funnel",
  birthOrderGroup: "3+",
  period: "2024-06" as CalendarMonth,
  numbers: {
    windowStart: "2023-07",
    windowEnd: "2024-06",
    boys: 150,
    girls: 100,
    births: 250,
    srb: 150,
    ciLow: 117.0,
    ciHigh: 192.3,
    pValue: 0.000_012,
    referenceSrb: 105,
    upperLimit95Srb: 134.1,
    upperLimit998Srb: 148.2,
  },
};

const cusum: AlertDraft = {
  level: "county",
  regionCode: "370406",
  method: "cusum",
  birthOrderGroup: "1",
  period: "2024-05" as CalendarMonth,
  numbers: { statistic: 3.21, threshold: 3, referenceSrb: 105, alternativeSrb: 110, runStart: "2024-02", runBoys: 6, runGirls: 2, runSrb: 300, monthBoys: 3, monthGirls: 1, monthSrb: 300 },
};

describe("alert explanations", () => {
  it("says where, when, how high, against which limit, and what it means, in both languages", () => {
    const text = explainSrbAlert(funnel, "店子镇", 10);
    expect(text.zh).toContain("店子镇三孩及以上近 12 个月（2023-07 至 2024-06）出生性别比为 150.0");
    expect(text.zh).toContain("99.8% 漏斗图控制上限 148.2");
    expect(text.zh).toContain("男 150、女 100");
    expect(text.zh).toContain("p = 1.2e-5");
    expect(text.en).toContain("店子镇, third and later births, 12 months 2023-07 to 2024-06: SRB 150.0");
    expect(text.en).toContain("150 boys, 100 girls");
  });

  it("leaves counts of a small cell out of the sentences", () => {
    const text = explainSrbAlert(cusum, "山亭区", 10);
    expect(text.zh).toContain("CUSUM");
    expect(text.zh).toContain("自 2024-02 起的出生数据");
    expect(text.zh).not.toContain("男 6");
    expect(text.en).not.toContain("6 boys");
    expect(text.en).toContain("more than 24 times as likely");
  });
});

describe("alert numbers as served", () => {
  it("withholds every field of a group of counts under the threshold, and nothing else", () => {
    const served = suppressAlertNumbers(cusum.numbers, 10);
    expect(served).toMatchObject({ runBoys: "suppressed", runGirls: "suppressed", runSrb: "suppressed", monthBoys: "suppressed", monthSrb: "suppressed" });
    expect(served).toMatchObject({ statistic: 3.21, runStart: "2024-02", referenceSrb: 105 });
    expect(suppressAlertNumbers(funnel.numbers, 10)).toEqual(funnel.numbers);
  });
});
