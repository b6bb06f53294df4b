import type { ToolboxComponentOption } from "echarts/components";

/** The ECharts toolbox every surveillance chart carries: save the chart as a PNG named after what it shows. */
export function saveImageToolbox(title: string, fileName: string): ToolboxComponentOption {
  return { right: 8, top: 0, feature: { saveAsImage: { title, name: fileName, pixelRatio: 2, backgroundColor: "#fff" } } };
}
