import { BarChart, type BarSeriesOption } from "echarts/charts";
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
import type { SrbOrderBars } from "../../api/client.ts";
import { EChart } from "../../components/echart.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { saveImageToolbox } from "./chart-toolbox.ts";
import { chartValue, formatCount, formatInterval, formatRatio } from "./format-srb-value.ts";

use([BarChart, GridComponent, LegendComponent, TooltipComponent, ToolboxComponent, MarkLineComponent]);

type OrderOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | ToolboxComponentOption | MarkLineComponentOption>;

const PARTS = ["total", "urban", "rural"] as const;

/** SRB by birth order, in total and for urban and rural townships; withheld or NA cells have no bar. */
export function OrderBarsChart({ orders }: { readonly orders: SrbOrderBars }) {
  const t = useT();
  const { locale } = useLocale();
  const { token } = theme.useToken();

  const { option, text } = useMemo(() => {
    const withheld = t("surveillance.withheld");
    const names = { total: t("surveillance.total"), urban: t("surveillance.residence.urban"), rural: t("surveillance.residence.rural") };
    const colours = { total: token.colorPrimary, urban: token.colorSuccess, rural: token.colorWarning };
    const categories = orders.bars.map((bar) => t(`surveillance.order.${bar.order}`));
    const chartOption: OrderOption = {
      toolbox: saveImageToolbox(t("surveillance.saveImage"), `srb-birth-order-${orders.basis.region.code}`),
      legend: { top: 0, left: 0 },
      grid: { left: 8, right: 24, top: 56, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: {
        trigger: "item",
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const bar = orders.bars[item?.dataIndex ?? -1];
          const part = PARTS[item?.seriesIndex ?? -1];
          if (bar === undefined || part === undefined) return "";
          const cell = bar[part];
          return [
            `${categories[item!.dataIndex]} · ${names[part]}`,
            `${t("surveillance.srb")} ${formatRatio(cell.srb, withheld)}`,
            `${t("surveillance.ci")} ${formatInterval(cell.ciLow, cell.ciHigh, withheld)}`,
            `${t("surveillance.births")} ${formatCount(cell.births, locale, withheld)}`,
          ].join("<br/>");
        },
      },
      xAxis: { type: "category", data: categories, axisTick: { show: false } },
      yAxis: { type: "value", name: t("surveillance.srb"), min: (extent: { min: number }) => Math.max(0, Math.floor(Math.min(extent.min, orders.basis.referenceSrb) - 10)) },
      series: PARTS.map(
        (part, index): BarSeriesOption => ({
          type: "bar",
          name: names[part],
          data: orders.bars.map((bar) => chartValue(bar[part].srb)),
          barMaxWidth: 28,
          itemStyle: { color: colours[part], borderRadius: [3, 3, 0, 0] },
          ...(index === 0
            ? {
                markLine: {
                  symbol: "none",
                  silent: true,
                  lineStyle: { type: "dashed", color: token.colorTextSecondary },
                  label: { formatter: t("surveillance.reference", { value: orders.basis.referenceSrb }), position: "insideEndTop" },
                  data: [{ yAxis: orders.basis.referenceSrb }],
                },
              }
            : {}),
        }),
      ),
    };
    const separator = locale === "zh-CN" ? "，" : ", ";
    const summary = orders.bars.map((bar, index) => `${categories[index]} ${formatRatio(bar.total.srb, withheld)}`).join(separator);
    return { option: chartOption, text: t("surveillance.ordersSummary", { summary }) };
  }, [orders, locale, t, token]);

  return <EChart option={option} summary={text} height={300} />;
}
