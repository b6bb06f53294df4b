import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Table, Tabs, Tag } from "antd";
import { useCallback, useState } from "react";
import { getLinkageRun, listLinkageRuns, type LinkageRunPage } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { useHasRole } from "../../app/session.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { PairsPanel } from "./pairs-panel.tsx";
import { RunForm } from "./run-form.tsx";
import { RunReport } from "./run-report.tsx";

const PAGE_SIZE = 10;
type RunSummary = LinkageRunPage["items"][number];

/**
 * 记录关联: the Fellegi–Sunter engine of `renkou link` run on imported mentions. Case workers and programme
 * staff start runs and read pairs; analysts see runs, their parameters and diagnostics, never persons.
 */
export function LinkagePage() {
  const t = useT();
  const { locale } = useLocale();
  const personal = useHasRole(["case_worker", "programme_staff"]);
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [selected, setSelected] = useState<number | undefined>();
  const runs = useRequest(
    useCallback((signal: AbortSignal) => listLinkageRuns({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal), [page, reload]),
  );
  const onRunChanged = useCallback((runId: number) => {
    setSelected(runId);
    setReload((n) => n + 1);
  }, []);

  const statusTag = (run: RunSummary) => (
    <Tag color={run.status === "succeeded" ? "success" : run.status === "failed" ? "error" : "processing"}>{t(`linkage.status.${run.status}`)}</Tag>
  );
  const count = (n: number | null) => (n === null ? "—" : n.toLocaleString(locale));

  return (
    <Flex vertical gap={16}>
      <Flex align="center" justify="space-between" gap={16} wrap>
        <h1 className="page-title">{t("linkage.title")}</h1>
        <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)} loading={runs.status === "loading"}>
          {t("common.refresh")}
        </Button>
      </Flex>
      {personal ? (
        <Card title={t("linkage.form.title")}>
          <RunForm onFinished={onRunChanged} />
        </Card>
      ) : (
        <Alert type="info" showIcon title={t("linkage.analystNote")} />
      )}
      <Card title={t("linkage.runs.title")}>
        {runs.status === "failed" ? (
          <ErrorState error={runs.error} onRetry={runs.retry} />
        ) : (
          <Table<RunSummary>
            size="small"
            rowKey="id"
            loading={runs.status === "loading"}
            dataSource={runs.status === "done" ? runs.data.items : []}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: runs.status === "done" ? runs.data.total : 0, showSizeChanger: false, onChange: setPage }}
            rowSelection={{ type: "radio", selectedRowKeys: selected === undefined ? [] : [selected], onChange: (keys) => setSelected(Number(keys[0])) }}
            onRow={(run) => ({ onClick: () => setSelected(run.id) })}
            columns={[
              { title: "#", dataIndex: "id" },
              { title: t("linkage.runs.createdAt"), dataIndex: "createdAt", render: (at: string) => new Date(at).toLocaleString(locale) },
              { title: t("linkage.runs.createdBy"), dataIndex: "createdBy" },
              { title: t("linkage.form.region"), dataIndex: "region" },
              { title: t("linkage.form.fields"), dataIndex: "fields", render: (fields: RunSummary["fields"]) => fields.map((f) => t(`linkage.field.${f}`)).join("、") },
              { title: t("linkage.runs.status"), key: "status", render: (_, run) => statusTag(run) },
              { title: t("linkage.report.mentions"), dataIndex: "mentions", align: "right", render: count },
              { title: t("linkage.runs.pairs"), dataIndex: "pairs", align: "right", render: count },
              { title: t("linkage.report.clusters"), dataIndex: "clusters", align: "right", render: count },
              { title: t("linkage.report.wall"), dataIndex: "wallMs", align: "right", render: (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`) },
            ]}
          />
        )}
      </Card>
      {selected === undefined ? null : <RunDetailCard key={`${selected}:${reload}`} runId={selected} personal={personal} />}
    </Flex>
  );
}

function RunDetailCard({ runId, personal }: { readonly runId: number; readonly personal: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const run = useRequest(useCallback((signal: AbortSignal) => getLinkageRun(runId, signal), [runId]));
  if (run.status === "loading") return <LoadingState />;
  if (run.status === "failed") return <ErrorState error={run.error} onRetry={run.retry} />;
  const detail = run.data;
  return (
    <Card title={t("linkage.run.title", { id: detail.id })} data-testid="linkage-run-detail">
      {detail.failure !== null ? (
        <Alert type="error" showIcon title={locale === "zh-CN" ? detail.failure.message.zh : detail.failure.message.en} />
      ) : detail.report === null ? (
        <Alert type="info" showIcon title={t("linkage.run.running")} />
      ) : (
        <Tabs
          items={[
            { key: "model", label: t("linkage.run.model"), children: <RunReport run={detail} canSaveModel={personal} /> },
            ...(personal ? [{ key: "pairs", label: t("linkage.run.pairs", { count: detail.pairs ?? 0 }), children: <PairsPanel runId={detail.id} /> }] : []),
          ]}
        />
      )}
    </Card>
  );
}
