import type { LocalisedMessage } from "../../kernel/result.ts";
import type { AlertDraft } from "./detect-srb-alerts.ts";
import type { AlertNumbers, OrderSelection } from "./model.ts";

/**
 * The plain-language explanation stored with an alert, in Chinese and English: what was measured, where,
 * over which months, against which limit, and what it means. Counts whose cell has fewer births than the
 * suppression threshold are left out of the sentences (the numbers are stored, and withheld when served).
 */
const ORDER_ZH: Readonly<Record<OrderSelection, string>> = { all: "", "1": "一孩", "2": "二孩", "3+": "三孩及以上" };
const ORDER_EN: Readonly<Record<OrderSelection, string>> = { all: "all births", "1": "first births", "2": "second births", "3+": "third and later births" };

const grouped = new Intl.NumberFormat("en-US");

function ratio(value: unknown): string {
  return typeof value === "number" ? value.toFixed(1) : "NA";
}

function pValue(value: unknown): string {
  if (typeof value !== "number") return "NA";
  return value < 0.0001 ? value.toExponential(1) : value.toFixed(4);
}

function count(value: unknown): string {
  return typeof value === "number" ? grouped.format(value) : "NA";
}

function shown(numbers: AlertNumbers, boys: string, girls: string, threshold: number): boolean {
  const b = numbers[boys];
  const g = numbers[girls];
  return typeof b === "number" && typeof g === "number" && b + g >= threshold;
}

export function explainSrbAlert(draft: AlertDraft, regionName: string, threshold: number): LocalisedMessage {
  const n = draft.numbers;
  const orderZh = ORDER_ZH[draft.birthOrderGroup];
  const orderEn = ORDER_EN[draft.birthOrderGroup];
  switch (draft.method) {
    case "funnel": {
      const countsZh = shown(n, "boys", "girls", threshold) ? `；男 ${count(n.boys)}、女 ${count(n.girls)}` : "";
      const countsEn = shown(n, "boys", "girls", threshold) ? `; ${count(n.boys)} boys, ${count(n.girls)} girls` : "";
      return {
        zh:
          `${regionName}${orderZh}近 12 个月（${n.windowStart} 至 ${n.windowEnd}）出生性别比为 ${ratio(n.srb)}` +
          `（95% 置信区间 ${ratio(n.ciLow)}–${ratio(n.ciHigh)}${countsZh}），高于参考值 ${ratio(n.referenceSrb)} 的 99.8% 漏斗图控制上限 ${ratio(n.upperLimit998Srb)}。` +
          `精确单侧二项检验 p = ${pValue(n.pValue)}：随机波动造成如此偏高的可能性不足千分之一。建议核查该乡镇（街道）的出生登记和性别记录。`,
        en:
          `${regionName}, ${orderEn}, 12 months ${n.windowStart} to ${n.windowEnd}: SRB ${ratio(n.srb)} ` +
          `(95% CI ${ratio(n.ciLow)}–${ratio(n.ciHigh)}${countsEn}), above the 99.8% funnel limit ${ratio(n.upperLimit998Srb)} around the reference ${ratio(n.referenceSrb)}. ` +
          `Exact one-sided binomial test p = ${pValue(n.pValue)}: chance alone gives a value this high less than once in a thousand. Check the township's birth registrations and recorded sex.`,
      };
    }
    case "cusum": {
      const runZh = shown(n, "runBoys", "runGirls", threshold) ? `，累计男 ${count(n.runBoys)}、女 ${count(n.runGirls)}，出生性别比 ${ratio(n.runSrb)}` : "";
      const runEn = shown(n, "runBoys", "runGirls", threshold) ? `: ${count(n.runBoys)} boys, ${count(n.runGirls)} girls, SRB ${ratio(n.runSrb)}` : "";
      const odds = typeof n.statistic === "number" ? grouped.format(Math.floor(Math.exp(n.statistic))) : "NA";
      return {
        zh:
          `${regionName}${orderZh}出生性别比累积和（CUSUM）图在 ${draft.period} 发出信号：统计量 ${Number(n.statistic).toFixed(2)} 达到阈值 ${Number(n.threshold).toFixed(1)}` +
          `（参考值 ${ratio(n.referenceSrb)}，检测目标 ${ratio(n.alternativeSrb)}）。自 ${n.runStart} 起${runZh || "的出生数据"}；` +
          `这些数据在出生性别比为 ${ratio(n.alternativeSrb)} 时出现的可能性是参考值下的 ${odds} 倍以上，提示出生性别比持续偏高。`,
        en:
          `${regionName}, ${orderEn}: the SRB CUSUM chart signalled in ${draft.period}: statistic ${Number(n.statistic).toFixed(2)} reached the threshold ${Number(n.threshold).toFixed(1)} ` +
          `(reference ${ratio(n.referenceSrb)}, tuned to detect ${ratio(n.alternativeSrb)}). Births since ${n.runStart}${runEn}; ` +
          `they are more than ${odds} times as likely at an SRB of ${ratio(n.alternativeSrb)} as at the reference, which points to a sustained rise.`,
      };
    }
    case "ewma": {
      const monthZh = shown(n, "monthBoys", "monthGirls", threshold) ? `当月男 ${count(n.monthBoys)}、女 ${count(n.monthGirls)}，出生性别比 ${ratio(n.monthSrb)}。` : "";
      const monthEn = shown(n, "monthBoys", "monthGirls", threshold) ? ` That month: ${count(n.monthBoys)} boys, ${count(n.monthGirls)} girls, SRB ${ratio(n.monthSrb)}.` : "";
      return {
        zh:
          `${regionName}${orderZh}出生性别比指数加权移动平均（EWMA）图在 ${draft.period} 超出控制上限：平滑后的出生性别比 ${ratio(n.ewmaSrb)} 高于上限 ${ratio(n.upperLimitSrb)}` +
          `（参考值 ${ratio(n.referenceSrb)}，λ = ${n.lambda}，L = ${n.width}）。${monthZh}近几个月的出生性别比整体偏高，而不只是单月波动。`,
        en:
          `${regionName}, ${orderEn}: the SRB EWMA chart crossed its upper limit in ${draft.period}: smoothed SRB ${ratio(n.ewmaSrb)} above the limit ${ratio(n.upperLimitSrb)} ` +
          `(reference ${ratio(n.referenceSrb)}, λ = ${n.lambda}, L = ${n.width}).${monthEn} The SRB of recent months as a whole is high, not just one month's.`,
      };
    }
  }
}
