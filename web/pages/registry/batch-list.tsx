import { ReloadOutlined } from "@ant-design/icons";
import { Button, Flex, Select, Table, Tag, type TableColumnsType } from "antd";
import { useCallback, useState } from "react";
import { Link, useNavigate } from "react-router";
import { listRegistryBatches, type RegistryBatch, type RegistryBatchStatus, type RegistrySourceType } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { SOURCE_TYPES } from "./issue-codes.ts";
import { serverPagedTable } from "../../components/server-paged-table.ts";

const PAGE_SIZE = 20;
export const BATCH_STATUS_COLOURS: Readonly<Record<RegistryBatchStatus, string>> = { loading: "processing", committed: "green", failed: "red" };

/** 导入批次: every imported file, newest first, with its counts; a row opens the batch and its quarantine. */
export function BatchList() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [status, setStatus] = useState<RegistryBatchStatus | undefined>(undefined);
  const [sourceType, setSourceType] = useState<RegistrySourceType | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const batches = useRequest(
    useCallback(
      (signal: AbortSignal) => listRegistryBatches({ status, sourceType, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
      [status, sourceType, page, reload],
    ),
  );
  const formatTime = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: "short", timeStyle: "short" });
  const count = (value: number) => value.toLocaleString(locale);

  const columns: TableColumnsType<RegistryBatch> = [
    { title: t("registry.batch.id"), dataIndex: "id", width: 80, render: (id: number) => <Link to={`/registry/batches/${id}`}>#{id}</Link> },
    { title: t("registry.batch.source"), dataIndex: "sourceType", width: 120, render: (type: RegistrySourceType) => t(`registry.source.${type}`) },
    { title: t("registry.batch.file"), dataIndex: "fileName", ellipsis: true },
    {
      title: t("registry.batch.status"),
      dataIndex: "status",
      width: 100,
      render: (value: RegistryBatchStatus) => <Tag color={BATCH_STATUS_COLOURS[value]}>{t(`registry.status.${value}`)}</Tag>,
    },
    { title: t("registry.count.rows"), dataIndex: "rows", width: 90, align: "right", render: count },
    { title: t("registry.count.accepted"), dataIndex: "accepted", width: 90, align: "right", render: count },
    { title: t("registry.count.quarantined"), dataIndex: "quarantined", width: 90, align: "right", render: count },
    { title: t("registry.count.warnings"), dataIndex: "warnings", width: 90, align: "right", render: count },
    { title: t("registry.count.resubmitted"), dataIndex: "resubmitted", width: 90, align: "right", render: count },
    { title: t("registry.batch.createdAt"), dataIndex: "createdAt", width: 150, render: formatTime },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center" role="group" aria-label={t("registry.batch.filters")}>
        <Select<RegistryBatchStatus | "all">
          aria-label={t("registry.batch.status")}
          value={status ?? "all"}
          style={{ width: 140 }}
          onChange={(value) => {
            setStatus(value === "all" ? undefined : value);
            setPage(1);
          }}
          options={[
            { value: "all", label: t("registry.batch.anyStatus") },
            ...(["committed", "loading", "failed"] as const).map((value) => ({ value, label: t(`registry.status.${value}`) })),
          ]}
        />
        <Select<RegistrySourceType | "all">
          aria-label={t("registry.batch.source")}
          value={sourceType ?? "all"}
          style={{ width: 160 }}
          onChange={(value) => {
            setSourceType(value === "all" ? undefined : value);
            setPage(1);
          }}
          options={[{ value: "all", label: t("registry.batch.anySource") }, ...SOURCE_TYPES.map((value) => ({ value, label: t(`registry.source.${value}`) }))]}
        />
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => setReload((n) => n + 1)} loading={batches.status === "loading"}>
          {t("common.refresh")}
        </Button>
      </Flex>
      {batches.status === "failed" ? (
        <ErrorState error={batches.error} onRetry={batches.retry} />
      ) : (
        <Table<RegistryBatch>
          size="small"
          rowKey="id"
          columns={columns}
          {...serverPagedTable(batches, page, setPage, PAGE_SIZE)}
          scroll={{ x: 1000 }}
          onRow={(batch) => ({ onDoubleClick: () => void navigate(`/registry/batches/${batch.id}`) })}
          locale={{ emptyText: t("registry.batch.none") }}
          data-testid="registry-batches"
        />
      )}
    </Flex>
  );
}
