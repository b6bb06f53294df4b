import { ArrowLeftOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Descriptions, Flex, Row, Statistic, Table, Tag } from "antd";
import { useCallback, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { getRegistryBatch, type RegistryBatchDetail, type RegistryStandardField } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { NotFoundPage } from "../not-found/not-found-page.tsx";
import { BATCH_STATUS_COLOURS } from "./batch-list.tsx";
import { CodeCountTable } from "./code-count-table.tsx";
import { QuarantineList } from "./quarantine-list.tsx";
import { useHasRole } from "../../app/session.tsx";
import { CASE_WORK_ROLES } from "./submittable-sources.ts";
import { fieldLabel } from "./registry-labels.ts";
import { formatBytes } from "./upload-progress.ts";

/** One batch: what was read and how, its counts and findings by code, and its quarantined rows. */
export function BatchDetailPage() {
  const { id } = useParams();
  const batchId = Number(id);
  if (!Number.isInteger(batchId) || batchId <= 0) return <NotFoundPage />;
  return <BatchDetail key={batchId} batchId={batchId} />;
}

function BatchDetail({ batchId }: { readonly batchId: number }) {
  const t = useT();
  // Hospital reporters see their batches' counts; the rows themselves are case work.
  const readsRows = useHasRole(CASE_WORK_ROLES);
  const [reload, setReload] = useState(0);
  const batch = useRequest(useCallback((signal: AbortSignal) => getRegistryBatch(batchId, signal), [batchId, reload]));
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  // While a refresh loads, the page keeps showing the batch it has (the quarantine list stays where it was).
  const shown = useRef<RegistryBatchDetail | undefined>(undefined);
  if (batch.status === "done") shown.current = batch.data;
  const current = batch.status === "failed" ? undefined : shown.current;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" gap={12} wrap>
        <Link to="/registry/batches">
          <ArrowLeftOutlined aria-hidden /> {t("registry.detail.back")}
        </Link>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={refresh} loading={batch.status === "loading"}>
          {t("common.refresh")}
        </Button>
      </Flex>
      {batch.status === "failed" ? (
        <ErrorState error={batch.error} onRetry={batch.retry} />
      ) : current === undefined ? (
        <LoadingState />
      ) : (
        <>
          <BatchSummary batch={current} />
          {current.status === "committed" && readsRows ? (
            <Card size="small" title={<h2 className="card-title">{t("registry.quarantine.title")}</h2>}>
              <QuarantineList batch={current} onChanged={refresh} />
            </Card>
          ) : null}
        </>
      )}
    </Flex>
  );
}

function BatchSummary({ batch }: { readonly batch: RegistryBatchDetail }) {
  const t = useT();
  const { locale } = useLocale();
  const formatTime = (iso: string | null) => (iso === null ? "—" : new Date(iso).toLocaleString(locale));
  const mappingRows = batch.headers.map((header, index) => ({ header, field: batch.mapping[index] ?? null }));

  return (
    <>
      <Flex align="center" gap={12} wrap>
        <h2 className="page-title" style={{ fontSize: 20 }}>
          {t("registry.detail.title", { id: batch.id, source: t(`registry.source.${batch.sourceType}`), name: batch.fileName })}
        </h2>
        <Tag color={BATCH_STATUS_COLOURS[batch.status]}>{t(`registry.status.${batch.status}`)}</Tag>
      </Flex>
      {batch.failure === null ? null : (
        <Alert
          type="error"
          showIcon
          title={locale === "zh-CN" ? batch.failure.message.zh : batch.failure.message.en}
          description={batch.failure.detail === undefined ? undefined : t("registry.result.failureDetail", { detail: batch.failure.detail })}
        />
      )}
      {batch.status === "loading" ? <Alert type="info" showIcon title={t("registry.detail.loading")} /> : null}
      <Row gutter={[16, 16]}>
        {(["rows", "accepted", "quarantined", "warnings", "resubmitted"] as const).map((key) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`registry-batch-${key}`}>
              <Statistic title={t(`registry.count.${key}`)} value={batch[key]} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={<h2 className="card-title">{t("registry.detail.file")}</h2>}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: "format", label: t("registry.preview.format"), children: batch.fileFormat.toUpperCase() },
            { key: "encoding", label: t("registry.preview.encoding"), children: batch.encoding === null ? "—" : t(`registry.encodingName.${batch.encoding}`) },
            { key: "sheet", label: t("registry.upload.sheet"), children: batch.sheetName ?? "—" },
            { key: "size", label: t("registry.detail.size"), children: formatBytes(batch.byteSize) },
            { key: "asOf", label: t("registry.detail.asOf"), children: batch.asOf },
            { key: "created", label: t("registry.batch.createdAt"), children: formatTime(batch.createdAt) },
            { key: "committed", label: t("registry.detail.committedAt"), children: formatTime(batch.committedAt) },
            { key: "sha", label: "SHA-256", children: <code title={batch.contentSha256}>{batch.contentSha256.slice(0, 16)}…</code> },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={<h2 className="card-title">{t("registry.detail.codes")}</h2>} style={{ height: "100%" }}>
            <CodeCountTable counts={batch.errorsByCode} sourceType={batch.sourceType} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={<h2 className="card-title">{t("registry.mapping.title")}</h2>} style={{ height: "100%" }}>
            <Table<{ header: string; field: RegistryStandardField | null }>
              size="small"
              rowKey="header"
              pagination={false}
              dataSource={mappingRows}
              scroll={{ y: 320 }}
              columns={[
                { title: t("registry.mapping.header"), dataIndex: "header" },
                {
                  title: t("registry.mapping.field"),
                  dataIndex: "field",
                  render: (field: RegistryStandardField | null) => (field === null ? <Tag>{t("registry.how.unmapped")}</Tag> : `${fieldLabel(t, field)} · ${field}`),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
