import { Table, Tag, type TableColumnsType } from "antd";
import type { RegistrySourceType } from "../../api/client.ts";
import { useT } from "../../i18n/i18n-provider.tsx";
import { codeCountRows, type CodeCountRow } from "./issue-codes.ts";
import { codeLabel } from "./registry-labels.ts";

/** A batch's or an import's findings by code: errors (rows quarantined) before warnings (rows stored, flagged). */
export function CodeCountTable({ counts, sourceType }: { readonly counts: Readonly<Record<string, number>>; readonly sourceType: RegistrySourceType }) {
  const t = useT();
  const rows = codeCountRows(counts, sourceType);
  const columns: TableColumnsType<CodeCountRow> = [
    {
      title: t("registry.codes.severity"),
      dataIndex: "severity",
      width: 90,
      render: (severity: CodeCountRow["severity"]) =>
        severity === "error" ? <Tag color="red">{t("registry.severity.error")}</Tag> : <Tag color="orange">{t("registry.severity.warning")}</Tag>,
    },
    { title: t("registry.codes.label"), key: "label", render: (_, row) => codeLabel(t, row.code) },
    { title: t("registry.codes.code"), dataIndex: "code", width: 220, render: (code: string) => <code>{code}</code> },
    { title: t("registry.codes.count"), dataIndex: "count", width: 100, align: "right", render: (count: number) => count.toLocaleString() },
  ];
  return (
    <Table<CodeCountRow>
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: t("registry.codes.none") }}
      data-testid="registry-code-counts"
    />
  );
}
