import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Descriptions, Flex, Input, Modal, Segmented, Table, Tag, Tooltip, type TableColumnsType } from "antd";
import { useCallback, useState } from "react";
import {
  downloadRegistryQuarantine,
  listRegistryQuarantine,
  type RegistryBatchDetail,
  type RegistryQuarantineRow,
  type RegistryQuarantineStatus,
} from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { severityOfCode } from "./issue-codes.ts";
import { codeLabel } from "./registry-labels.ts";
import { ResubmitDialog } from "./resubmit-dialog.tsx";
import { saveFile } from "../../components/save-file.ts";
import { serverPagedTable } from "../../components/server-paged-table.ts";

const PAGE_SIZE = 20;
const STATUS_COLOURS: Readonly<Record<RegistryQuarantineStatus, string>> = { open: "red", exported: "orange", resubmitted: "green" };
type StatusFilter = RegistryQuarantineStatus | "all";

/**
 * A committed batch's quarantined rows: their codes and messages, their cells (masked), a dialog to correct and
 * re-submit one, and the XLSX export for the sending department (which marks open rows exported).
 */
export function QuarantineList({ batch, onChanged }: { readonly batch: RegistryBatchDetail; readonly onChanged: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [status, setStatus] = useState<StatusFilter>("all");
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState<RegistryQuarantineRow | undefined>(undefined);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | undefined>(undefined);
  const rows = useRequest(
    useCallback(
      (signal: AbortSignal) =>
        listRegistryQuarantine(batch.id, { status: status === "all" ? undefined : status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
      [batch.id, status, page, reload],
    ),
  );

  const [unmaskedExport, setUnmaskedExport] = useState<{ readonly reason: string } | undefined>(undefined);

  const exportXlsx = async (unmasked?: { readonly reason: string }) => {
    setExporting(true);
    setExportError(undefined);
    try {
      const exported = await downloadRegistryQuarantine(batch.id, unmasked);
      saveFile(exported.xlsx, exported.filename);
      setReload((n) => n + 1);
    } catch (error) {
      setExportError(problemMessage(error, locale, t("error.unexpected")));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<RegistryQuarantineRow> = [
    { title: t("registry.quarantine.row"), dataIndex: "rowNumber", width: 70 },
    {
      title: t("registry.quarantine.status"),
      dataIndex: "status",
      width: 90,
      render: (value: RegistryQuarantineStatus) => <Tag color={STATUS_COLOURS[value]}>{t(`registry.quarantineStatus.${value}`)}</Tag>,
    },
    {
      title: t("registry.quarantine.codes"),
      key: "codes",
      width: 220,
      render: (_, row) => (
        <Flex gap={4} wrap>
          {row.codes.map((code) => (
            <Tooltip key={code} title={code}>
              <Tag color={severityOfCode(code, batch.sourceType) === "error" ? "red" : "orange"} style={{ marginInlineEnd: 0 }}>
                {codeLabel(t, code)}
              </Tag>
            </Tooltip>
          ))}
        </Flex>
      ),
    },
    {
      title: t("registry.quarantine.messages"),
      key: "messages",
      render: (_, row) => (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {row.messages.map((message, index) => (
            <li key={index}>{locale === "zh-CN" ? message.zh : message.en}</li>
          ))}
        </ul>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      width: 110,
      render: (_, row) =>
        row.status === "resubmitted" ? null : (
          <Button size="small" onClick={() => setEditing(row)} aria-label={t("registry.quarantine.correctRow", { row: row.rowNumber })}>
            {t("registry.quarantine.correct")}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Segmented<StatusFilter>
          aria-label={t("registry.quarantine.status")}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={(["all", "open", "exported", "resubmitted"] as const).map((value) => ({
            value,
            label: value === "all" ? t("registry.quarantine.all") : t(`registry.quarantineStatus.${value}`),
          }))}
        />
        <Flex gap={8}>
          <Button icon={<DownloadOutlined aria-hidden />} onClick={() => void exportXlsx()} loading={exporting} disabled={batch.quarantined === 0}>
            {t("registry.quarantine.export")}
          </Button>
          <Button onClick={() => setUnmaskedExport({ reason: "" })} disabled={exporting || batch.quarantined === 0}>
            {t("registry.quarantine.exportFull")}
          </Button>
        </Flex>
      </Flex>
      <Modal
        open={unmaskedExport !== undefined}
        title={t("registry.quarantine.exportFullTitle")}
        okText={t("registry.quarantine.export")}
        cancelText={t("common.cancel")}
        okButtonProps={{ disabled: (unmaskedExport?.reason.trim().length ?? 0) < 2 }}
        onOk={() => {
          const reason = unmaskedExport?.reason.trim() ?? "";
          setUnmaskedExport(undefined);
          void exportXlsx({ reason });
        }}
        onCancel={() => setUnmaskedExport(undefined)}
      >
        <p>{t("registry.quarantine.exportFullDetail")}</p>
        <Input.TextArea
          aria-label={t("registry.quarantine.exportFullReason")}
          placeholder={t("registry.quarantine.exportFullPlaceholder")}
          maxLength={500}
          value={unmaskedExport?.reason ?? ""}
          onChange={(event) => setUnmaskedExport({ reason: event.target.value })}
        />
      </Modal>
      {exportError === undefined ? null : <Alert type="error" showIcon title={t("registry.quarantine.exportFailed")} description={exportError} />}
      <span>{t("registry.quarantine.hint")}</span>
      {rows.status === "failed" ? (
        <ErrorState error={rows.error} onRetry={rows.retry} />
      ) : (
        <Table<RegistryQuarantineRow>
          size="small"
          rowKey="rowNumber"
          columns={columns}
          {...serverPagedTable(rows, page, setPage, PAGE_SIZE)}
          expandable={{ expandedRowRender: (row) => <RawCells row={row} /> }}
          locale={{ emptyText: t("registry.quarantine.none") }}
          data-testid="registry-quarantine"
        />
      )}
      {editing === undefined ? null : (
        <ResubmitDialog
          batch={batch}
          row={editing}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) {
              setReload((n) => n + 1);
              onChanged();
            }
          }}
        />
      )}
    </Flex>
  );
}

/** The row's cells as read from the file (masked), the ones a message names marked. */
function RawCells({ row }: { readonly row: RegistryQuarantineRow }) {
  const flagged = new Set(row.messages.flatMap((message) => (message.column === null ? [] : [message.column])));
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      items={Object.entries(row.raw).map(([header, value]) => ({
        key: header,
        label: header,
        children: flagged.has(header) ? <Tag color="red">{value === "" ? "∅" : value}</Tag> : value,
      }))}
    />
  );
}
