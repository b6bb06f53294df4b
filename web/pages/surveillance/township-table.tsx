import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Table, Tag, Tooltip, type TableColumnsType } from "antd";
import { useState } from "react";
import { downloadSrbTownships, type SrbTownshipTable, type SrbView } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { formatCount, formatInterval, formatPValue, formatRatio } from "./format-srb-value.ts";
import { saveFile } from "../../components/save-file.ts";

type Row = SrbTownshipTable["rows"][number];

const FLAG_COLOURS = { above_998: "red", above_95: "orange", within: "default", below_95: "blue", below_998: "geekblue" } as const;

/** Sorts numbers before withheld and NA values, whatever the direction. */
function compareValues(a: unknown, b: unknown): number {
  const x = typeof a === "number" ? a : Number.NEGATIVE_INFINITY;
  const y = typeof b === "number" ? b : Number.NEGATIVE_INFINITY;
  return x - y;
}

/** The townships of the view with raw and shrunk SRB, interval, p-value and funnel position; export to XLSX. */
export function TownshipTable({ table, view }: { readonly table: SrbTownshipTable; readonly view: SrbView }) {
  const t = useT();
  const { locale } = useLocale();
  const withheld = t("surveillance.withheld");
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState(false);

  const exportTable = async () => {
    setExporting(true);
    setExportFailed(false);
    try {
      const blob = await downloadSrbTownships(view);
      saveFile(blob, `srb-townships-${table.basis.region.code}-${table.window?.end ?? "none"}.xlsx`);
    } catch {
      setExportFailed(true);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Row> = [
    { title: t("surveillance.code"), dataIndex: "code", width: 110 },
    { title: t("surveillance.name"), dataIndex: "name", ellipsis: true },
    { title: t("surveillance.residence"), dataIndex: "residence", width: 80, render: (value: Row["residence"]) => t(`surveillance.residence.${value}`) },
    {
      title: t("surveillance.births"),
      dataIndex: "births",
      align: "right",
      width: 90,
      sorter: (a, b) => compareValues(a.births, b.births),
      render: (value: Row["births"]) => formatCount(value, locale, withheld),
    },
    {
      title: t("surveillance.srb"),
      dataIndex: "srb",
      align: "right",
      width: 90,
      sorter: (a, b) => compareValues(a.srb, b.srb),
      render: (value: Row["srb"]) => formatRatio(value, withheld),
    },
    { title: t("surveillance.ci"), key: "ci", align: "right", width: 120, render: (_, row) => formatInterval(row.ciLow, row.ciHigh, withheld) },
    {
      title: <Tooltip title={t("surveillance.shrunkHelp")}>{t("surveillance.shrunk")}</Tooltip>,
      dataIndex: "shrunkSrb",
      align: "right",
      width: 90,
      sorter: (a, b) => compareValues(a.shrunkSrb, b.shrunkSrb),
      render: (value: Row["shrunkSrb"]) => formatRatio(value, withheld),
    },
    { title: t("surveillance.pValue"), dataIndex: "pValue", align: "right", width: 100, render: (value: Row["pValue"]) => formatPValue(value, withheld) },
    {
      title: t("surveillance.flag"),
      dataIndex: "funnelFlag",
      width: 140,
      render: (value: Row["funnelFlag"]) =>
        value === null ? "—" : value === "suppressed" ? withheld : <Tag color={FLAG_COLOURS[value]}>{t(`surveillance.flag.${value}`)}</Tag>,
    },
  ];

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <span>{t("surveillance.unplaced", { count: formatCount(table.unplaced, locale, withheld) })}</span>
        <Button icon={<DownloadOutlined />} onClick={() => void exportTable()} loading={exporting} disabled={table.rows.length === 0}>
          {t("surveillance.export")}
        </Button>
      </Flex>
      {exportFailed ? <Alert type="error" showIcon title={t("surveillance.exportFailed")} /> : null}
      <Table<Row>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={table.rows}
        pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: 940 }}
      />
    </Flex>
  );
}
