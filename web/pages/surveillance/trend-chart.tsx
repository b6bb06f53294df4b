import { LineChart, type LineSeriesOption } from "echarts/charts";
import {
  GridComponent,
  MarkLineComponent,
  ToolboxComponent,
  TooltipComponent,
  type GridComponentOption,
  type MarkLineComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { use, type ComposeOption } from "echarts/core";
import { theme } from "antd";
import { useMemo } from "react";
import type { SrbSummary } from "../../api/client.ts";
import { EChart } from "../../components/echart.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { saveImageToolbox } from "./chart-toolbox.ts";
import { chartValue, formatCount, formatInterval, formatRatio } from "./format-srb-value.ts";

use([LineChart, GridComponent, TooltipComponent, ToolboxComponent, MarkLineComponent]);

type TrendOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | ToolboxComponentOption | MarkLineComponentOption>;

/**
 * The monthly SRB as a line, its 95% interval as a band (an invisible lower line with the band's height
 * stacked on it), and the reference as a dashed line. Withheld and NA months are gaps, not zeros.
 */
export function TrendChart({ summary }: { readonly summary: SrbSummary }) {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();

  const { option, text } = useMemo(() => {
    const withheld = t("surveillance.withheld");
    const months = summary.trend.map((month) => month.month);
    const srb = summary.trend.map((month) => chartValue(month.srb));
    const low = summary.trend.map((month) => chartValue(month.ciLow));
    const band = summary.trend.map((month) => {
      const lower = chartValue(month.ciLow);
      const upper = chartValue(month.ciHigh);
      return lower === null || upper === null ? null : upper - lower;
    });
    const reference = summary.basis.referenceSrb;
    const chartOption: TrendOption = {
      toolbox: saveImageToolbox(t("surveillance.saveImage"), `srb-trend-${summary.basis.region.code}`),
      grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: {
        trigger: "axis",
        formatter: (params) => {
          const index = (Array.isArray(params) ? params[0] : params)?.dataIndex ?? 0;
          const month = summary.trend[index];
          if (month === undefined) return "";
          return [
            month.month,
            `${t("surveillance.srb")} ${formatRatio(month.srb, withheld)}`,
            `${t("surveillance.ci")} ${formatInterval(month.ciLow, month.ciHigh, withheld)}`,
            `${t("surveillance.births")} ${formatCount(month.births, locale, withheld)}`,
          ].join("<br/>");
        },
      },
      xAxis: { type: "category", data: months, boundaryGap: false },
      yAxis: { type: "value", scale: true, name: t("surveillance.srb") },
      series: [
        { type: "line", data: low, stack: "ci", symbol: "none", lineStyle: { opacity: 0 }, silent: true, connectNulls: false },
        {
          type: "line",
          data: band,
          stack: "ci",
          symbol: "none",
          lineStyle: { opacity: 0 },
          areaStyle: { color: token.colorPrimary, opacity: 0.18 },
          silent: true,
          connectNulls: false,
        },
        {
          type: "line",
          name: t("surveillance.srb"),
          data: srb,
          symbolSize: 5,
          itemStyle: { color: token.colorPrimary },
          connectNulls: false,
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { type: "dashed", color: token.colorTextSecondary },
            label: { formatter: t("surveillance.reference", { value: reference }), position: "insideEndTop" },
            data: [{ yAxis: reference }],
          },
        },
      ],
    };
    const shown = srb.filter((value) => value !== null).length;
    const last = summary.trend.at(-1);
    const summaryText = t("surveillance.trendSummary", {
      months: months.length,
      shown,
      last: last === undefined ? "—" : `${last.month} ${formatRatio(last.srb, withheld)}`,
    });
    return { option: chartOption, text: summaryText };
  }, [summary, locale, t, token.colorPrimary, token.colorTextSecondary]);

  return <EChart option={option} summary={text} height={300} />;
}
