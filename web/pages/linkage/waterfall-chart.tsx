import { CustomChart, type CustomSeriesOption } from "echarts/charts";
import { GridComponent, TooltipComponent, type GridComponentOption, type TooltipComponentOption } from "echarts/components";
import { use, type ComposeOption } from "echarts/core";
import { theme } from "antd";
import { useMemo } from "react";
import type { LinkagePair } from "../../api/client.ts";
import { EChart } from "../../components/echart.tsx";
import { useT } from "../../i18n/i18n-provider.tsx";

use([CustomChart, GridComponent, TooltipComponent]);

type WaterfallOption = ComposeOption<CustomSeriesOption | GridComponentOption | TooltipComponentOption>;

export interface WaterfallStep {
  readonly label: string;
  readonly weight: number;
  /** Running total before this step (the bar's base). */
  readonly from: number;
  readonly to: number;
}

/** The prior, then each comparison's weight (with its term-frequency adjustment), then the total. */
export function buildWaterfall(pair: Pick<LinkagePair, "priorWeight" | "contributions" | "matchWeight">, priorLabel: string): WaterfallStep[] {
  const steps: WaterfallStep[] = [{ label: priorLabel, weight: pair.priorWeight, from: 0, to: pair.priorWeight }];
  let total = pair.priorWeight;
  for (const c of pair.contributions) {
    const weight = c.weight + c.tfAdjustment;
    steps.push({ label: `${c.field}: ${c.level}`, weight, from: total, to: total + weight });
    total += weight;
  }
  return steps;
}

/**
 * Why a pair scored as it did (Splink's waterfall): each comparison's weight is a bar floating from the running
 * total before it to the one after; green pushes towards "same person", red away. The last bar is the match weight.
 */
export function WaterfallChart({ pair }: { readonly pair: LinkagePair }) {
  const t = useT();
  const { token } = theme.useToken();
  const { option, summary } = useMemo(() => {
    const steps = buildWaterfall(pair, t("linkage.waterfall.prior"));
    const all = [...steps, { label: t("linkage.matchWeight"), weight: pair.matchWeight, from: 0, to: pair.matchWeight }];
    const chartOption: WaterfallOption = {
      grid: { left: 8, right: 16, top: 16, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
      tooltip: {
        trigger: "item",
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const step = all[item?.dataIndex ?? -1];
          return step === undefined ? "" : `${step.label}<br/>${step.weight >= 0 ? "+" : ""}${step.weight.toFixed(2)}`;
        },
      },
      xAxis: { type: "category", data: all.map((s) => s.label), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", name: t("linkage.matchWeight") },
      series: [
        {
          // Each step is a floating bar from the running total before it to the one after (either sign).
          type: "custom",
          data: all.map((s, index) => [index, s.from, s.to]),
          encode: { x: 0, y: [1, 2] },
          renderItem: (params, api) => {
            const index = api.value(0) as number;
            const low = api.coord([index, Math.min(api.value(1) as number, api.value(2) as number)]);
            const high = api.coord([index, Math.max(api.value(1) as number, api.value(2) as number)]);
            const width = (api.size?.([1, 0]) as number[])[0]! * 0.6;
            const step = all[index]!;
            const colour = index === all.length - 1 ? token.colorPrimary : step.weight >= 0 ? token.colorSuccess : token.colorError;
            return {
              type: "rect",
              shape: { x: low[0]! - width / 2, y: high[1]!, width, height: Math.max(1, low[1]! - high[1]!) },
              style: { fill: colour },
            };
          },
        },
      ],
    };
    const text = all.map((s) => `${s.label} ${s.weight >= 0 ? "+" : ""}${s.weight.toFixed(2)}`).join("; ");
    return { option: chartOption, summary: t("linkage.waterfall.summary", { steps: text }) };
  }, [pair, t, token]);
  return <EChart option={option} summary={summary} height={300} />;
}
