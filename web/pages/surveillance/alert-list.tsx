import { Alert, Button, Flex, Input, Modal, Select, Table, Tag, Typography, type TableColumnsType } from "antd";
import { useCallback, useState } from "react";
import { ApiError, changeSrbAlertStatus, listSrbAlerts, type SrbAlertPage, type SrbAlertStatus } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { serverPagedTable } from "../../components/server-paged-table.ts";

type AlertItem = SrbAlertPage["items"][number];

const STATUS_COLOURS: Readonly<Record<SrbAlertStatus, string>> = { new: "red", under_review: "orange", explained: "green", dismissed: "default" };
const CHANGEABLE: readonly SrbAlertStatus[] = ["under_review", "explained", "dismissed"];
const PAGE_SIZE = 10;

/** The region's alerts, newest month first, with a dialog to review, explain or dismiss one. */
export function AlertList({ region }: { readonly region: string }) {
  const t = useT();
  const { locale } = useLocale();
  const [status, setStatus] = useState<SrbAlertStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<AlertItem | undefined>(undefined);
  const load = useCallback(
    (signal: AbortSignal) => listSrbAlerts({ region, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [region, status, page],
  );
  const alerts = useRequest(load);

  const columns: TableColumnsType<AlertItem> = [
    { title: t("surveillance.alert.period"), dataIndex: "period", width: 90 },
    { title: t("surveillance.alert.region"), key: "region", width: 140, render: (_, item) => item.regionName },
    {
      title: t("surveillance.alert.method"),
      key: "method",
      width: 190,
      render: (_, item) => `${t(`surveillance.method.${item.method}`)} · ${t(`surveillance.order.${item.birthOrderGroup}`)}`,
    },
    {
      title: t("surveillance.alert.status"),
      dataIndex: "status",
      width: 90,
      render: (value: SrbAlertStatus) => <Tag color={STATUS_COLOURS[value]}>{t(`surveillance.status.${value}`)}</Tag>,
    },
    {
      title: t("surveillance.alert.explanation"),
      key: "explanation",
      render: (_, item) => (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: "…" }} style={{ marginBottom: 0 }}>
          {locale === "zh-CN" ? item.explanation.zh : item.explanation.en}
        </Typography.Paragraph>
      ),
    },
    {
      title: t("surveillance.alert.actions"),
      key: "actions",
      width: 80,
      render: (_, item) => (
        <Button size="small" onClick={() => setEditing(item)}>
          {t("surveillance.changeStatus")}
        </Button>
      ),
    },
  ];

  const paged = serverPagedTable(alerts, page, setPage, PAGE_SIZE);

  return (
    <Flex vertical gap={8}>
      <Select<SrbAlertStatus | "any">
        aria-label={t("surveillance.alertStatusFilter")}
        value={status ?? "any"}
        style={{ width: 160 }}
        onChange={(value) => {
          setStatus(value === "any" ? undefined : value);
          setPage(1);
        }}
        options={[
          { value: "any", label: t("surveillance.status.any") },
          ...(["new", "under_review", "explained", "dismissed"] as const).map((value) => ({ value, label: t(`surveillance.status.${value}`) })),
        ]}
      />
      {alerts.status === "failed" ? (
        <ErrorState error={alerts.error} onRetry={alerts.retry} />
      ) : (
        <Table<AlertItem>
          size="small"
          rowKey="id"
          columns={columns}
          {...paged}
          pagination={{ ...paged.pagination, hideOnSinglePage: true }}
          locale={{ emptyText: t("surveillance.noAlerts") }}
          scroll={{ x: 900 }}
        />
      )}
      {editing === undefined ? null : (
        <StatusDialog
          alert={editing}
          onClose={(changed) => {
            setEditing(undefined);
            if (changed) alerts.retry();
          }}
        />
      )}
    </Flex>
  );
}

function StatusDialog({ alert, onClose }: { readonly alert: AlertItem; readonly onClose: (changed: boolean) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const [next, setNext] = useState<SrbAlertStatus>(CHANGEABLE.find((status) => status !== alert.status) ?? "under_review");
  const [note, setNote] = useState("");
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const noteNeeded = next === "explained" || next === "dismissed";
  const noteMissing = noteNeeded && note.trim() === "";

  const save = async () => {
    if (noteMissing) {
      setProblem(t("surveillance.noteRequired"));
      return;
    }
    setSaving(true);
    setProblem(undefined);
    try {
      await changeSrbAlertStatus(alert.id, { status: next as "under_review" | "explained" | "dismissed", ...(note.trim() === "" ? {} : { note: note.trim() }) });
      onClose(true);
    } catch (error) {
      setProblem(error instanceof ApiError ? (locale === "zh-CN" ? error.problem.message.zh : error.problem.message.en) : t("error.unexpected"));
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t("surveillance.changeStatusTitle", { region: alert.regionName, period: alert.period })}
      okText={t("surveillance.save")}
      cancelText={t("surveillance.cancel")}
      confirmLoading={saving}
      onOk={() => void save()}
      onCancel={() => onClose(false)}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>{locale === "zh-CN" ? alert.explanation.zh : alert.explanation.en}</Typography.Paragraph>
        <label htmlFor="srb-alert-status">{t("surveillance.newStatus")}</label>
        <Select<SrbAlertStatus>
          id="srb-alert-status"
          value={next}
          onChange={setNext}
          options={CHANGEABLE.filter((status) => status !== alert.status).map((value) => ({ value, label: t(`surveillance.status.${value}`) }))}
        />
        <label htmlFor="srb-alert-note">
          {t("surveillance.note")}
          {noteNeeded ? " *" : ""}
        </label>
        <Input.TextArea
          id="srb-alert-note"
          value={note}
          maxLength={2000}
          rows={3}
          placeholder={t("surveillance.notePlaceholder")}
          status={problem !== undefined && noteMissing ? "error" : undefined}
          aria-required={noteNeeded}
          onChange={(event) => setNote(event.target.value)}
        />
        {problem === undefined ? null : <Alert type="error" showIcon title={problem} role="alert" />}
      </Flex>
    </Modal>
  );
}
