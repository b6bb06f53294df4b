import { init, use, type EChartsCoreOption, type EChartsType } from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Only the renderer is registered here; each chart component registers the chart types and components it
// draws, so a page's bundle carries just those (echarts/core is tree-shakable, the full `echarts` is ~1 MB).
use([CanvasRenderer]);

export interface EChartProps {
  readonly option: EChartsCoreOption;
  /** Read by screen readers in place of the canvas: say what the chart shows, with its numbers. */
  readonly summary: string;
  readonly height?: number;
}

/** One ECharts instance bound to a box: follows the box's size, replaces its option on change, and is disposed on unmount. */
export function EChart({ option, summary, height = 320 }: EChartProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | undefined>(undefined);

  useEffect(() => {
    const box = boxRef.current;
    if (box === null) return;
    const chart = init(box);
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    // Animations cost modest PCs frames and some users comfort; honour the system's reduced-motion setting.
    const animation = option.animation ?? !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    chartRef.current?.setOption({ ...option, animation }, { notMerge: true });
  }, [option]);

  return <div ref={boxRef} role="img" aria-label={summary} style={{ width: "100%", height }} />;
}
