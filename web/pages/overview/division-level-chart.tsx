import { BarChart, type BarSeriesOption } from "echarts/charts";
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from "echarts/components";
import { use, type ComposeOption } from "echarts/core";
import { theme } from "antd";
import { useMemo } from "react";
import type { DivisionCounts } from "../../../src/modules/overview/model.ts";
import { EChart } from "../../components/echart.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import type { MessageKey } from "../../i18n/zh-CN.ts";

use([BarChart, GridComponent, TooltipComponent]);

type DivisionLevelOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

// Administrative levels from the top down: GB/T 2260 codes reach the county; township and village codes come
// from the statistical division codes (统计用区划代码).
const levels: readonly { key: keyof DivisionCounts; label: MessageKey }[] = [
  { key: "province", label: "level.province" },
  { key: "city", label: "level.city" },
  { key: "county", label: "level.county" },
  { key: "township", label: "level.township" },
  { key: "village", label: "level.village" },
];

/** Bars of how many divisions of each level the reference table holds, each bar labelled with its count. */
export function DivisionLevelChart({ counts }: { readonly counts: DivisionCounts }) {
  const t = useT();
  const { locale } = useLocale();
  const primaryColor = theme.useToken().token.colorPrimary;

  const { option, summary } = useMemo(() => {
    const bars = levels.map(({ key, label }) => ({ name: t(label), value: counts[key] }));
    const format = (value: unknown) => Number(value).toLocaleString(locale);
    const chartOption: DivisionLevelOption = {
      // Keep axis labels inside the box whatever the size of the numbers (ECharts 6 replacement of containLabel).
      grid: { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: { trigger: "axis", valueFormatter: format },
      xAxis: { type: "category", data: bars.map((bar) => bar.name), axisTick: { show: false } },
      yAxis: { type: "value", axisLabel: { formatter: format } },
      series: [
        {
          type: "bar",
          data: bars.map((bar) => bar.value),
          barMaxWidth: 56,
          itemStyle: { color: primaryColor, borderRadius: [4, 4, 0, 0] },
          label: { show: true, position: "top", formatter: ({ value }) => format(value) },
        },
      ],
    };
    const separator = locale === "zh-CN" ? "，" : ", ";
    const chartSummary = t("overview.chartSummary", {
      summary: bars.map((bar) => `${bar.name} ${format(bar.value)}`).join(separator),
    });
    return { option: chartOption, summary: chartSummary };
  }, [counts, locale, primaryColor, t]);

  return <EChart option={option} summary={summary} height={280} />;
}
