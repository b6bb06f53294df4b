/**
 * The township table as an XLSX workbook (exceljs): a short header block saying what the table is (region,
 * window, birth source, birth order, residence, reference), then one row per township. Withheld cells are
 * written as 已隐藏 (never their numbers: the table comes from the dashboard's already suppressed response),
 * NA as "NA". Text cells go through neutraliseFormula, so a name starting with = + - @ cannot run as a formula.
 */
import ExcelJS from "exceljs";
import { neutraliseFormula } from "./escape-csv-cell.ts";
import type { Estimate, TownshipTable } from "./model.ts";
import { SUPPRESSED } from "./small-cell-suppression.ts";

const WITHHELD = "已隐藏 suppressed";
const ORDER_LABEL = { all: "全部 all", "1": "一孩 1st", "2": "二孩 2nd", "3+": "三孩及以上 3rd+" } as const;
const RESIDENCE_LABEL = { all: "全部 all", urban: "城镇 urban", rural: "乡村 rural", unknown: "未知 unknown" } as const;
const FLAG_LABEL = {
  above_998: "高于99.8%上限 above 99.8%",
  above_95: "高于95%上限 above 95%",
  within: "限内 within",
  below_95: "低于95%下限 below 95%",
  below_998: "低于99.8%下限 below 99.8%",
} as const;

const COLUMNS = [
  "乡镇（街道）代码 Code",
  "名称 Name",
  "城乡 Residence",
  "出生数 Births",
  "男 Boys",
  "女 Girls",
  "出生性别比 SRB",
  "95%CI 下限 Lower",
  "95%CI 上限 Upper",
  "收缩估计 Shrunk SRB",
  "单侧p值 p-value",
  "漏斗图 Funnel",
];

function text(value: string): string {
  return neutraliseFormula(value);
}

function number(value: Estimate | number, digits: number): string | number {
  if (value === SUPPRESSED) return WITHHELD;
  if (value === null) return "NA";
  return Number(value.toFixed(digits));
}

export async function writeTownshipWorkbook(table: TownshipTable, generatedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet("乡镇出生性别比 SRB");
  const { basis, window } = table;
  sheet.addRow([text(`出生性别比（乡镇） Sex ratio at birth by township — ${basis.region.name} ${basis.region.code}`)]);
  sheet.addRow([text(`时间窗 Window: ${window ? `${window.start} – ${window.end}` : "—"}`)]);
  sheet.addRow([text(`出生来源 Birth source: ${basis.source}; 孩次 Birth order: ${ORDER_LABEL[basis.order]}; 城乡 Residence: ${RESIDENCE_LABEL[basis.residence]}`)]);
  sheet.addRow([text(`参考值 Reference SRB: ${basis.referenceSrb}; 出生数少于 ${basis.suppressionThreshold} 的单元格已隐藏 Cells under ${basis.suppressionThreshold} births are withheld`)]);
  sheet.addRow([text(`生成时间 Generated: ${generatedAt.toISOString()}`)]);
  sheet.addRow([]);
  const header = sheet.addRow(COLUMNS.map(text));
  header.font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow([
      text(row.code),
      text(row.name),
      text(RESIDENCE_LABEL[row.residence]),
      number(row.births, 0),
      number(row.boys, 0),
      number(row.girls, 0),
      number(row.srb, 2),
      number(row.ciLow, 2),
      number(row.ciHigh, 2),
      number(row.shrunkSrb, 2),
      typeof row.pValue === "number" ? row.pValue : number(row.pValue, 4),
      row.funnelFlag === SUPPRESSED ? WITHHELD : row.funnelFlag === null ? "NA" : FLAG_LABEL[row.funnelFlag],
    ]);
  }
  sheet.addRow([text("未标明乡镇的出生 Births without a township"), "", "", number(table.unplaced, 0)]);
  sheet.columns.forEach((column, index) => {
    column.width = index === 1 ? 16 : 14;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
