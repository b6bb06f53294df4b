import { DownloadOutlined, SaveOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Flex, Input, Modal, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { ApiError, saveLinkageModel, type LinkageRunDetail } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { levelRows, type LevelRow, type ParameterLevel } from "./level-rows.ts";
import { parseParametersText } from "./parameters-text.ts";
import { WeightHistogramChart } from "./weight-histogram-chart.tsx";
import { saveFile } from "../../components/save-file.ts";

type Report = NonNullable<LinkageRunDetail["report"]>;

/** A finished run's model and diagnostics: λ, m/u/weight per level, the weight histogram, EM sessions, blocking, timings. */
export function RunReport({ run, canSaveModel }: { readonly run: LinkageRunDetail; readonly canSaveModel: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const report = run.report;
  if (report === null) return null;
  const count = (n: number) => n.toLocaleString(locale);
  const thresholdWeight = report.threshold <= 0 ? -Infinity : report.threshold >= 1 ? Infinity : Math.log2(report.threshold / (1 - report.threshold));

  return (
    <Flex vertical gap={16}>
      {report.warnings.map((warning) => (
        <Alert key={`${warning.code}:${warning.en}`} type="warning" showIcon title={locale === "zh-CN" ? warning.zh : warning.en} />
      ))}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          { key: "mentions", label: t("linkage.report.mentions"), children: count(report.records.left) },
          { key: "allPairs", label: t("linkage.report.allPairs"), children: count(report.blocking.allPairs) },
          { key: "blocked", label: t("linkage.report.blockedPairs"), children: count(report.blocking.blockedPairs) },
          { key: "pairs", label: t("linkage.report.pairs", { threshold: report.threshold }), children: count(report.pairsAtOrAboveThreshold) },
          { key: "clusters", label: t("linkage.report.clusters"), children: count(report.clusters) },
          { key: "lambda", label: t("linkage.report.lambda"), children: `${report.parameters.lambda.toExponential(3)}${report.parameters.lambdaFixed ? ` (${t("linkage.report.fixed")})` : ""}` },
          { key: "expected", label: t("linkage.report.expectedMatches"), children: count(Math.round(report.parameters.lambda * report.blocking.allPairs)) },
          { key: "uSample", label: t("linkage.report.uSample"), children: report.uSampledPairs === null ? "—" : count(report.uSampledPairs) },
          { key: "wall", label: t("linkage.report.wall"), children: run.wallMs === null ? "—" : `${(run.wallMs / 1000).toFixed(1)} s` },
        ]}
      />
      <Card size="small" title={t("linkage.report.parameters")} extra={<ParameterActions run={run} report={report} canSave={canSaveModel} />}>
        <ParametersTable levels={run.parameterLevels} />
      </Card>
      <Card size="small" title={t("linkage.histogram.title")}>
        <WeightHistogramChart bins={report.weightHistogram} thresholdWeight={thresholdWeight} />
      </Card>
      <Card size="small" title={t("linkage.em.title")}>
        <EmSessions report={report} />
      </Card>
      <Card size="small" title={t("linkage.blocking.title", { source: t(`linkage.blocking.${report.blocking.source}`) })}>
        <Table
          size="small"
          pagination={false}
          rowKey="rule"
          dataSource={report.blocking.rules}
          columns={[
            { title: t("linkage.blocking.rule"), dataIndex: "rule", render: (rule: string) => <Typography.Text code>{rule}</Typography.Text> },
            { title: t("linkage.blocking.estimated"), dataIndex: "estimatedPairs", align: "right", render: count },
            { title: t("linkage.blocking.new"), dataIndex: "newPairs", align: "right", render: count },
            {
              title: t("linkage.blocking.capped"),
              key: "capped",
              render: (_, rule) => (rule.capped ? <Tag color="warning">{t("linkage.blocking.skipped", { pairs: count(rule.skippedPairs) })}</Tag> : "—"),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t("linkage.timings.title")}>
        <Descriptions
          size="small"
          column={{ xs: 2, md: 5 }}
          items={Object.entries(report.timingsMs).map(([stage, ms]) => ({ key: stage, label: stage, children: `${count(ms)} ms` }))}
        />
      </Card>
    </Flex>
  );
}

function ParametersTable({ levels }: { readonly levels: readonly ParameterLevel[] }) {
  const t = useT();
  return (
    <Table<LevelRow>
      size="small"
      pagination={false}
      dataSource={levelRows(levels)}
      aria-label={t("linkage.report.parameters")}
      columns={[
        { title: t("linkage.param.comparison"), key: "field", render: (_, row) => `${row.field} (${row.type})`, onCell: (row) => ({ rowSpan: row.span }) },
        { title: t("linkage.param.level"), dataIndex: "level", render: (label: string, row) => (row.fixed ? <>{label} <Tag>{t("linkage.report.fixed")}</Tag></> : label) },
        { title: "m", dataIndex: "m", align: "right", render: (m: number) => m.toFixed(4) },
        { title: "u", dataIndex: "u", align: "right", render: (u: number) => u.toExponential(2) },
        {
          title: t("linkage.param.weight"),
          dataIndex: "weight",
          align: "right",
          render: (weight: number) => <Typography.Text type={weight >= 0 ? "success" : "danger"}>{weight.toFixed(2)}</Typography.Text>,
        },
      ]}
    />
  );
}

function EmSessions({ report }: { readonly report: Report }) {
  const t = useT();
  const { locale } = useLocale();
  const em = report.em;
  if (em === null) return <Typography.Text type="secondary">{t("linkage.em.none")}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      <Typography.Text>
        {em.converged ? <Tag color="success">{t("linkage.em.converged")}</Tag> : <Tag color="error">{t("linkage.em.notConverged")}</Tag>}
        {t("linkage.em.overall", { iterations: em.iterations, max: em.maxIterations, change: em.largestChange.toExponential(2), tolerance: em.tolerance })}
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey={(session) => session.pairsFrom}
        dataSource={em.sessions}
        columns={[
          { title: t("linkage.em.pairsFrom"), dataIndex: "pairsFrom", render: (rule: string) => <Typography.Text code>{rule}</Typography.Text> },
          { title: t("linkage.em.pairs"), dataIndex: "pairs", align: "right", render: (n: number) => n.toLocaleString(locale) },
          { title: t("linkage.em.excluded"), dataIndex: "excluded", render: (fields: string[]) => fields.join(", ") || "—" },
          { title: t("linkage.em.iterations"), dataIndex: "iterations", align: "right" },
          { title: t("linkage.em.change"), dataIndex: "largestChange", align: "right", render: (v: number) => v.toExponential(2) },
          {
            title: t("linkage.em.status"),
            dataIndex: "converged",
            render: (converged: boolean) => (converged ? <Tag color="success">{t("linkage.em.converged")}</Tag> : <Tag color="error">{t("linkage.em.notConverged")}</Tag>),
          },
          { title: t("linkage.em.matchShare"), dataIndex: "matchShare", align: "right", render: (v: number) => `${(v * 100).toFixed(2)}%` },
        ]}
      />
    </Flex>
  );
}

/** Download the model as JSON (what `renkou link --params` reads), or save it — edited by hand if wanted — as a named model. */
function ParameterActions({ run, report, canSave }: { readonly run: LinkageRunDetail; readonly report: Report; readonly canSave: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const [savedId, setSavedId] = useState<number | undefined>();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const json = `${JSON.stringify(report.parameters, null, 2)}\n`;

  const download = () => saveFile(new Blob([json], { type: "application/json" }), `renkou-linkage-run-${run.id}-parameters.json`);
  const save = async () => {
    const parsed = parseParametersText(text);
    if (!parsed.ok) {
      setProblem(t(`linkage.model.${parsed.reason}`, { detail: parsed.detail }));
      return;
    }
    setSaving(true);
    try {
      const model = await saveLinkageModel(name.trim(), parsed.parameters);
      setSavedId(model.id);
      setOpen(false);
    } catch (error) {
      setProblem(error instanceof ApiError ? (locale === "zh-CN" ? error.problem.message.zh : error.problem.message.en) + (error.problem.detail ? ` (${error.problem.detail})` : "") : t("error.unexpected"));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex gap={8} align="center">
      {savedId === undefined ? null : <Typography.Text type="success">{t("linkage.model.saved", { id: savedId })}</Typography.Text>}
      <Button size="small" icon={<DownloadOutlined />} onClick={download}>
        {t("linkage.model.download")}
      </Button>
      {canSave ? (
        <Button
          size="small"
          icon={<SaveOutlined />}
          onClick={() => {
            setName(t("linkage.model.defaultName", { id: run.id }));
            setText(json);
            setProblem(undefined);
            setOpen(true);
          }}
        >
          {t("linkage.model.save")}
        </Button>
      ) : null}
      <Modal
        open={open}
        title={t("linkage.model.save")}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={saving}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
        width={720}
      >
        <Flex vertical gap={8}>
          <Input aria-label={t("linkage.model.name")} placeholder={t("linkage.model.name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
          <Typography.Text type="secondary">{t("linkage.model.editHint")}</Typography.Text>
          <Input.TextArea aria-label={t("linkage.model.json")} value={text} onChange={(e) => setText(e.target.value)} rows={14} style={{ fontFamily: "monospace" }} />
          {problem === undefined ? null : <Alert type="error" showIcon title={problem} />}
        </Flex>
      </Modal>
    </Flex>
  );
}
