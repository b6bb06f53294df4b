import { LineChart, ScatterChart, type LineSeriesOption, type ScatterSeriesOption } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  ToolboxComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
} from "echarts/components";
import { use, type ComposeOption } from "echarts/core";
import { theme } from "antd";
import { useMemo } from "react";
import type { SrbFunnelPlot } from "../../api/client.ts";
import { EChart } from "../../components/echart.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { saveImageToolbox } from "./chart-toolbox.ts";

use([LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, ToolboxComponent, MarkLineComponent]);

type FunnelOption = ComposeOption<
  LineSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | ToolboxComponentOption | MarkLineComponentOption
>;

/**
 * Spiegelhalter's funnel plot: each township's 12-month SRB against its births, with the 95% (dashed) and
 * 99.8% (solid) limits around the reference. The y axis follows the townships, not the limits, which are
 * very wide for the smallest townships.
 */
export function FunnelChart({ funnel }: { readonly funnel: SrbFunnelPlot }) {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();

  const { option, text } = useMemo(() => {
    const reference = funnel.basis.referenceSrb;
    const colours = { above_998: token.colorError, above_95: token.colorWarning, below_95: token.colorInfo, below_998: token.colorInfo, within: token.colorTextTertiary };
    const srbs = funnel.points.flatMap((point) => (point.srb === null ? [] : [point.srb]));
    const last = funnel.limits.at(-1);
    const low = Math.max(0, Math.floor((Math.min(reference, ...srbs, last?.lower998 ?? reference) - 5) / 10) * 10);
    const high = Math.ceil((Math.max(reference, ...srbs, last?.upper998 ?? reference) + 5) / 10) * 10;
    const limitLine = (name: string, key: "lower95" | "upper95" | "lower998" | "upper998", dashed: boolean): LineSeriesOption => ({
      type: "line",
      name,
      data: funnel.limits.map((limit) => [limit.births, limit[key]]),
      symbol: "none",
      silent: true,
      lineStyle: { type: dashed ? "dashed" : "solid", width: 1, color: dashed ? token.colorWarning : token.colorError },
      itemStyle: { color: dashed ? token.colorWarning : token.colorError },
    });
    const limit95 = t("surveillance.funnelLimit95");
    const limit998 = t("surveillance.funnelLimit998");
    const chartOption: FunnelOption = {
      toolbox: saveImageToolbox(t("surveillance.saveImage"), `srb-funnel-${funnel.basis.region.code}`),
      legend: { top: 0, left: 0, data: [limit95, limit998] },
      grid: { left: 8, right: 24, top: 56, bottom: 28, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: {
        trigger: "item",
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const point = funnel.points[item?.dataIndex ?? -1];
          if (item?.seriesType !== "scatter" || point === undefined) return "";
          const flag = point.flag === null ? "—" : t(`surveillance.flag.${point.flag}`);
          return `${point.name} ${point.code}<br/>${t("surveillance.births")} ${point.births.toLocaleString(locale)}<br/>${t("surveillance.srb")} ${point.srb?.toFixed(1) ?? "—"}<br/>${flag}`;
        },
      },
      xAxis: { type: "value", name: t("surveillance.births"), nameLocation: "middle", nameGap: 24, min: 0 },
      yAxis: { type: "value", name: t("surveillance.srb"), min: low, max: high },
      series: [
        limitLine(limit95, "lower95", true),
        limitLine(limit95, "upper95", true),
        limitLine(limit998, "lower998", false),
        limitLine(limit998, "upper998", false),
        {
          type: "scatter",
          data: funnel.points.map((point) => ({
            value: [point.births, point.srb ?? Number.NaN],
            name: point.name,
            itemStyle: { color: colours[point.flag ?? "within"] },
          })),
          symbolSize: 9,
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { type: "dotted", color: token.colorTextSecondary },
            label: { formatter: t("surveillance.reference", { value: reference }), position: "insideEndTop" },
            data: [{ yAxis: reference }],
          },
        },
      ],
    };
    const above = funnel.points.filter((point) => point.flag === "above_998").length;
    return { option: chartOption, text: t("surveillance.funnelSummary", { count: funnel.points.length, above }) };
  }, [funnel, locale, t, token]);

  return <EChart option={option} summary={text} height={320} />;
}
