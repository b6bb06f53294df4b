import { BarChart, type BarSeriesOption } from "echarts/charts";
import {
  GridComponent,
  MarkLineComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { use, type ComposeOption } from "echarts/core";
import { theme } from "antd";
import { useMemo } from "react";
import { EChart } from "../../components/echart.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";

use([BarChart, GridComponent, TooltipComponent, MarkLineComponent]);

type HistogramOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption>;

/** Bins of one match weight unit: the report's 0.1-wide bins are too many bars to read. */
export function binByWholeWeight(bins: ReadonlyArray<{ readonly weight: number; readonly pairs: number }>): Array<{ weight: number; pairs: number }> {
  const totals = new Map<number, number>();
  for (const bin of bins) {
    const whole = Math.floor(bin.weight + 1e-9);
    totals.set(whole, (totals.get(whole) ?? 0) + bin.pairs);
  }
  if (totals.size === 0) return [];
  const weights = [...totals.keys()];
  const result = [];
  for (let w = Math.min(...weights); w <= Math.max(...weights); w++) result.push({ weight: w, pairs: totals.get(w) ?? 0 });
  return result;
}

/**
 * Blocked pairs by match weight, with the threshold marked. A healthy model is bimodal with a clear valley;
 * the pairs right of the line are the ones the run keeps.
 */
export function WeightHistogramChart({
  bins,
  thresholdWeight,
}: {
  readonly bins: ReadonlyArray<{ readonly weight: number; readonly pairs: number }>;
  readonly thresholdWeight: number;
}) {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();
  const { option, summary } = useMemo(() => {
    const whole = binByWholeWeight(bins);
    const categories = whole.map((bin) => String(bin.weight));
    const thresholdBin = whole.findIndex((bin) => bin.weight >= Math.floor(thresholdWeight));
    const chartOption: HistogramOption = {
      grid: { left: 8, right: 16, top: 24, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: {
        trigger: "item",
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const bin = whole[item?.dataIndex ?? -1];
          return bin === undefined ? "" : t("linkage.histogram.tooltip", { from: bin.weight, to: bin.weight + 1, pairs: bin.pairs.toLocaleString(locale) });
        },
      },
      xAxis: { type: "category", data: categories, name: t("linkage.matchWeight"), nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "log", name: t("linkage.histogram.pairs"), min: 1 },
      series: [
        {
          type: "bar",
          data: whole.map((bin) => (bin.pairs === 0 ? null : bin.pairs)),
          barCategoryGap: "10%",
          itemStyle: { color: token.colorPrimary },
          ...(thresholdBin < 0
            ? {}
            : {
                markLine: {
                  symbol: "none",
                  silent: true,
                  lineStyle: { type: "dashed", color: token.colorError },
                  label: { formatter: t("linkage.histogram.threshold"), position: "insideEndTop" },
                  data: [{ xAxis: thresholdBin }],
                },
              }),
        },
      ],
    };
    const total = whole.reduce((sum, bin) => sum + bin.pairs, 0);
    const above = whole.filter((bin) => bin.weight >= thresholdWeight).reduce((sum, bin) => sum + bin.pairs, 0);
    return {
      option: chartOption,
      summary: t("linkage.histogram.summary", { total: total.toLocaleString(locale), above: above.toLocaleString(locale) }),
    };
  }, [bins, thresholdWeight, t, locale, token]);
  return <EChart option={option} summary={summary} height={280} />;
}
