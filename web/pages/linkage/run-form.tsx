import { PlayCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Checkbox, Flex, Form, Input, InputNumber, Progress, Select, Steps, Switch, Typography } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { SOURCE_TYPES, type SourceType } from "../../../src/modules/registry/model.ts";
import {
  ApiError,
  getLinkageRunJob,
  listDivisions,
  listLinkageModels,
  listRegistryBatches,
  startLinkageRun,
  type LinkageRunJob,
  type MentionField,
} from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { useSession } from "../../app/session.tsx";
import { ErrorState } from "../../components/error-state.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { displayedStep, JOB_PHASES, phaseProgress } from "./job-phase.ts";

const FIELDS: readonly MentionField[] = ["name", "sex", "birth_date", "id_number", "division_code", "phone", "partner_name"];
/** The server's DEFAULT_MENTION_FIELDS (src/modules/linkage/run-model.ts) and the family context. */
const DEFAULT_FIELDS: readonly MentionField[] = ["name", "sex", "birth_date", "id_number", "division_code", "partner_name"];
const PERSONAL_ROLES: ReadonlySet<string> = new Set(["case_worker", "programme_staff"]);
const POLL_MS = 700;

interface RunFormValues {
  readonly region: string;
  readonly sourceTypes: SourceType[];
  readonly batchIds: number[];
  readonly fields: MentionField[];
  readonly blockingRules: string;
  readonly threshold: number;
  readonly modelId?: number;
  readonly retrain: boolean;
}

/**
 * 新建比对: which mentions (a region within the user's jurisdiction; import batches or source types, none = all),
 * which features to compare, optional blocking rules and a saved model; then the run's stages until it is done.
 */
export function RunForm({ onFinished }: { readonly onFinished: (runId: number) => void }) {
  const t = useT();
  const { locale } = useLocale();
  const session = useSession();
  const [form] = Form.useForm<RunFormValues>();
  const [job, setJob] = useState<LinkageRunJob | undefined>();
  const [startError, setStartError] = useState<unknown>();
  const [starting, setStarting] = useState(false);

  const jurisdictions = useMemo(
    () => [...new Set(session.grants.filter((grant) => PERSONAL_ROLES.has(grant.role)).map((grant) => grant.jurisdiction))].sort(),
    [session.grants],
  );
  const loadRegions = useCallback(
    async (signal: AbortSignal) => {
      const children = await Promise.all(jurisdictions.map((code) => (code.length < 9 ? listDivisions(code, signal) : Promise.resolve([]))));
      return [...jurisdictions.map((code) => ({ value: code, label: code })), ...children.flat().map((d) => ({ value: d.code, label: `${d.name} ${d.code}` }))];
    },
    [jurisdictions],
  );
  const regions = useRequest(loadRegions);
  const batches = useRequest(useCallback((signal: AbortSignal) => listRegistryBatches({ status: "committed", limit: 200, offset: 0 }, signal), []));
  const models = useRequest(listLinkageModels);

  useEffect(() => {
    if (job === undefined || job.phase === "done" || job.phase === "failed") return;
    const timer = window.setTimeout(() => {
      getLinkageRunJob(job.runId).then(
        (next) => {
          setJob(next);
          if (next.phase === "done" || next.phase === "failed") onFinished(next.runId);
        },
        (error: unknown) => setStartError(error),
      );
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [job, onFinished]);

  const start = async (values: RunFormValues) => {
    setStarting(true);
    setStartError(undefined);
    try {
      const started = await startLinkageRun({
        region: values.region,
        scope: { sourceTypes: values.sourceTypes, batchIds: values.batchIds },
        fields: values.fields,
        blockingRules: values.blockingRules.split("\n").map((line) => line.trim()).filter((line) => line !== ""),
        threshold: values.threshold,
        ...(values.modelId === undefined ? {} : { modelId: values.modelId, retrain: values.retrain }),
      });
      setJob(started);
      onFinished(started.runId);
    } catch (error) {
      setStartError(error);
    } finally {
      setStarting(false);
    }
  };

  const running = job !== undefined && job.phase !== "done" && job.phase !== "failed";
  const failureText = (message: { zh: string; en: string }) => (locale === "zh-CN" ? message.zh : message.en);

  return (
    <Flex vertical gap={12}>
      <Form<RunFormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void start(values)}
        initialValues={{ region: jurisdictions[0], sourceTypes: [], batchIds: [], fields: [...DEFAULT_FIELDS], blockingRules: "", threshold: 0.5, retrain: false }}
      >
        <Flex gap={16} wrap>
          <Form.Item name="region" label={t("linkage.form.region")} rules={[{ required: true }]} style={{ minWidth: 220 }}>
            <Select showSearch={{ optionFilterProp: "label" }} loading={regions.status === "loading"} options={regions.status === "done" ? regions.data : []} />
          </Form.Item>
          <Form.Item name="sourceTypes" label={t("linkage.form.sourceTypes")} extra={t("linkage.form.scopeHint")} style={{ minWidth: 260 }}>
            <Select mode="multiple" allowClear options={SOURCE_TYPES.map((type) => ({ value: type, label: t(`linkage.source.${type}`) }))} />
          </Form.Item>
          <Form.Item name="batchIds" label={t("linkage.form.batches")} style={{ minWidth: 320, flex: 1 }}>
            <Select
              mode="multiple"
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              loading={batches.status === "loading"}
              options={
                batches.status === "done"
                  ? batches.data.items.map((b) => ({ value: b.id, label: `#${b.id} ${b.fileName} · ${t(`linkage.source.${b.sourceType}`)} · ${b.accepted}` }))
                  : []
              }
            />
          </Form.Item>
        </Flex>
        <Form.Item name="fields" label={t("linkage.form.fields")} rules={[{ required: true, type: "array", min: 1, message: t("linkage.form.fieldsRequired") }]}>
          <Checkbox.Group options={FIELDS.map((field) => ({ value: field, label: t(`linkage.field.${field}`) }))} />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="blockingRules" label={t("linkage.form.blocking")} extra={t("linkage.form.blockingHint")} style={{ minWidth: 320, flex: 1 }}>
            <Input.TextArea rows={2} placeholder="pinyin(name)&#10;birth_date & sex" />
          </Form.Item>
          <Form.Item name="threshold" label={t("linkage.form.threshold")}>
            <InputNumber min={0} max={1} step={0.05} />
          </Form.Item>
          <Form.Item name="modelId" label={t("linkage.form.model")} extra={t("linkage.form.modelHint")} style={{ minWidth: 220 }}>
            <Select
              allowClear
              loading={models.status === "loading"}
              options={models.status === "done" ? models.data.map((m) => ({ value: m.id, label: `#${m.id} ${m.name}` })) : []}
            />
          </Form.Item>
          <Form.Item name="retrain" label={t("linkage.form.retrain")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" icon={<PlayCircleOutlined />} loading={starting} disabled={running}>
          {t("linkage.form.start")}
        </Button>
      </Form>
      {startError === undefined ? null : startError instanceof ApiError && startError.status < 500 ? (
        <Alert type="error" showIcon title={failureText(startError.problem.message)} />
      ) : (
        <ErrorState error={startError} onRetry={() => setStartError(undefined)} title={t("linkage.form.startFailed")} />
      )}
      {job === undefined ? null : (
        <Flex vertical gap={8} data-testid="linkage-job">
          <Typography.Text strong>{t("linkage.job.title", { id: job.runId })}</Typography.Text>
          <Progress percent={phaseProgress(job.phase)} status={job.phase === "failed" ? "exception" : job.phase === "done" ? "success" : "active"} />
          <Steps
            size="small"
            current={displayedStep(job)}
            status={job.phase === "failed" ? "error" : job.phase === "done" ? "finish" : "process"}
            items={JOB_PHASES.map((phase) => ({ title: t(`linkage.phase.${phase}`) }))}
          />
          {job.failure === null ? null : <Alert type="error" showIcon title={failureText(job.failure.message)} />}
        </Flex>
      )}
    </Flex>
  );
}
