import { Alert, Button, Card, Descriptions, Flex, Spin, Steps, Table, type TableColumnsType } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import {
  getRegistryDictionary,
  previewRegistryFile,
  type RegistryFilePreview,
  type RegistryImportJob,
  type RegistryStandardField,
} from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { chooseField, toMapStrings, type DictionaryMapping, type MappingChoices } from "./column-mapping.ts";
import { ImportProgressCard } from "./import-progress-card.tsx";
import { ImportResult } from "./import-result.tsx";
import { MappingEditor } from "./mapping-editor.tsx";
import { fieldLabel } from "./registry-labels.ts";
import { isXlsxFile, UploadForm, type UploadChoice } from "./upload-form.tsx";
import { previewPartOf } from "./upload-progress.ts";
import { RowFinding } from "./row-finding.tsx";
import { useSubmittableSources } from "./submittable-sources.ts";

const FRESH_UPLOAD: UploadChoice = { sourceType: "hukou", file: undefined, encoding: "auto", sheet: "" };

type PreviewState =
  | { readonly status: "idle" }
  | { readonly status: "loading"; readonly last?: RegistryFilePreview | undefined }
  | { readonly status: "failed"; readonly error: unknown }
  | { readonly status: "done"; readonly preview: RegistryFilePreview };

type Stage = { readonly kind: "prepare" } | { readonly kind: "importing" } | { readonly kind: "finished"; readonly job: RegistryImportJob };

/**
 * 导入文件: choose the source type and the file, check how its headers map (and correct the mapping), import
 * it with a progress bar, read the result. The preview and the import get the same options and overrides.
 */
export function ImportWizard() {
  const t = useT();
  const { locale } = useLocale();
  const sources = useSubmittableSources();
  const [upload, setUpload] = useState<UploadChoice>(() => ({ ...FRESH_UPLOAD, sourceType: sources[0]! }));
  const { sourceType, file, encoding, sheet } = upload;
  const [choices, setChoices] = useState<MappingChoices>({});
  const [dictionaryMapping, setDictionaryMapping] = useState<DictionaryMapping>({});
  const [previewState, setPreviewState] = useState<PreviewState>({ status: "idle" });
  const [stage, setStage] = useState<Stage>({ kind: "prepare" });
  const [attempt, setAttempt] = useState(0);

  const dictionary = useRequest(useCallback((signal: AbortSignal) => getRegistryDictionary(sourceType, signal), [sourceType]));
  const isXlsx = isXlsxFile(file);
  // The headers of the last successful preview: the overrides name them, and a failed preview keeps them.
  const [headers, setHeaders] = useState<readonly string[]>([]);
  // A string, not the array, so that only a real change of the overrides starts another preview.
  const mapKey = JSON.stringify(toMapStrings(choices, headers));
  const options = useMemo(
    () => ({
      sourceType,
      encoding: encoding === "auto" ? undefined : encoding,
      sheet: isXlsx && sheet.trim() !== "" ? sheet.trim() : undefined,
      map: JSON.parse(mapKey) as string[],
    }),
    [sourceType, encoding, isXlsx, sheet, mapKey],
  );

  // Every change of file or options previews again; typing a sheet name waits for a pause.
  useEffect(() => {
    if (file === undefined) return;
    const controller = new AbortController();
    setPreviewState((state) => ({ status: "loading", last: state.status === "done" ? state.preview : state.status === "loading" ? state.last : undefined }));
    const timer = setTimeout(() => {
      void previewPartOf(file, file.name)
        .then((part) => previewRegistryFile(part, file.name, options, controller.signal))
        .then(
          (preview) => {
            if (controller.signal.aborted) return;
            setPreviewState({ status: "done", preview });
            setHeaders((current) => (JSON.stringify(current) === JSON.stringify(preview.headers) ? current : preview.headers));
            if (options.map.length === 0) setDictionaryMapping(Object.fromEntries(preview.proposal.columns.map((column) => [column.header, column.field])));
          },
          (error: unknown) => {
            if (!controller.signal.aborted) setPreviewState({ status: "failed", error });
          },
        );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [file, options, attempt]);

  /** A new file or new reading options start the mapping over from the dictionary. */
  const resetMapping = () => {
    setChoices({});
    setDictionaryMapping({});
    setHeaders([]);
    setPreviewState({ status: "idle" });
  };
  const changeUpload = (patch: Partial<UploadChoice>) => {
    setUpload((current) => ({ ...current, ...patch }));
    resetMapping();
  };
  const startOver = () => {
    setUpload((current) => ({ ...FRESH_UPLOAD, sourceType: current.sourceType }));
    resetMapping();
    setStage({ kind: "prepare" });
  };

  const preview = previewState.status === "done" ? previewState.preview : previewState.status === "loading" ? previewState.last : undefined;
  const blocked = preview === undefined || previewState.status !== "done" || preview.proposal.problems.length > 0;
  const currentStep = stage.kind === "finished" ? 3 : stage.kind === "importing" ? 2 : preview === undefined ? 0 : 1;

  return (
    <Flex vertical gap={16}>
      <Steps
        size="small"
        current={currentStep}
        items={[{ title: t("registry.step.choose") }, { title: t("registry.step.mapping") }, { title: t("registry.step.import") }, { title: t("registry.step.result") }]}
      />
      {stage.kind === "finished" ? (
        <ImportResult job={stage.job} onAnother={startOver} />
      ) : stage.kind === "importing" && file !== undefined ? (
        <ImportProgressCard file={file} options={options} onFinished={(job) => setStage({ kind: "finished", job })} onCancel={() => setStage({ kind: "prepare" })} />
      ) : (
        <>
          <UploadForm value={upload} onChange={changeUpload} />
          {previewState.status === "failed" ? (
            <ErrorState error={previewState.error} title={t("registry.preview.failed")} onRetry={() => setAttempt((n) => n + 1)} />
          ) : null}
          {preview === undefined ? (
            previewState.status === "loading" ? (
              <Card size="small">
                <Spin description={t("registry.preview.loading")}>
                  <div style={{ minHeight: 80 }} />
                </Spin>
              </Card>
            ) : null
          ) : (
            <PreviewPanel
              preview={preview}
              refreshing={previewState.status === "loading"}
              encodingChosen={encoding !== "auto"}
              dictionary={dictionary.status === "done" ? dictionary.data : undefined}
              dictionaryError={dictionary.status === "failed" ? problemMessage(dictionary.error, locale, t("error.unexpected")) : undefined}
              onChoose={(header, field) => setChoices((current) => chooseField(current, dictionaryMapping, header, field))}
              onReset={() => setChoices({})}
              overridden={options.map.length}
            />
          )}
          {preview !== undefined ? (
            <Flex gap={8} align="center" wrap>
              <Button type="primary" size="large" disabled={blocked} onClick={() => setStage({ kind: "importing" })}>
                {t("registry.import.start")}
              </Button>
              {blocked && previewState.status === "done" ? <span>{t("registry.import.blocked")}</span> : null}
            </Flex>
          ) : null}
        </>
      )}
    </Flex>
  );
}

interface PreviewPanelProps {
  readonly preview: RegistryFilePreview;
  readonly refreshing: boolean;
  readonly encodingChosen: boolean;
  readonly dictionary: { readonly fields: RegistryStandardField[]; readonly required: RegistryStandardField[] } | undefined;
  readonly dictionaryError: string | undefined;
  readonly onChoose: (header: string, field: RegistryStandardField | null) => void;
  readonly onReset: () => void;
  readonly overridden: number;
}

function PreviewPanel({ preview, refreshing, encodingChosen, dictionary, dictionaryError, onChoose, onReset, overridden }: PreviewPanelProps) {
  const t = useT();
  const { locale } = useLocale();
  const { proposal } = preview;
  const unmapped = proposal.columns.filter((column) => column.field === null);
  const otherProblems = proposal.problems.filter((problem) => !(problem.code === "required_field_unmapped" && proposal.missingRequired.some((field) => problem.detail === field)));
  const sampleColumns: TableColumnsType<Record<string, string>> = [
    {
      title: t("registry.preview.finding"),
      key: "__finding",
      width: 260,
      fixed: "left",
      render: (_value, _row, index) => <RowFinding finding={preview.findings[index]} />,
    },
    ...preview.headers.map((header) => ({ title: header, dataIndex: header, key: header, ellipsis: true, width: 140 })),
  ];

  return (
    <Card
      size="small"
      title={<h2 className="card-title">{t("registry.preview.title")}</h2>}
      extra={refreshing ? <Spin size="small" description={t("registry.preview.refreshing")} /> : null}
      data-testid="registry-preview"
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: "format", label: t("registry.preview.format"), children: preview.format.toUpperCase() },
            {
              key: "encoding",
              label: t("registry.preview.encoding"),
              children:
                preview.encoding === null
                  ? t("registry.preview.encodingXlsx")
                  : `${t(`registry.encodingName.${preview.encoding}`)}（${encodingChosen ? t("registry.preview.encodingChosen") : t("registry.preview.encodingDetected")}）`,
            },
            { key: "columns", label: t("registry.preview.columns"), children: preview.headers.length },
          ]}
        />
        {proposal.missingRequired.length > 0 ? (
          <Alert
            type="error"
            showIcon
            data-testid="registry-missing-required"
            title={t("registry.preview.missingRequired", { fields: proposal.missingRequired.map((field) => fieldLabel(t, field)).join("、") })}
            description={t("registry.preview.missingRequiredHint")}
          />
        ) : null}
        {otherProblems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t("registry.preview.problems")}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {otherProblems.map((problem, index) => (
                  <li key={index}>
                    {locale === "zh-CN" ? problem.message.zh : problem.message.en}
                    {problem.detail === undefined ? null : `：${problem.detail}`}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        {dictionaryError !== undefined ? <Alert type="warning" showIcon title={dictionaryError} /> : null}
        <Flex justify="space-between" align="center" wrap gap={8}>
          <h3 className="card-title">{t("registry.mapping.title")}</h3>
          <Button size="small" disabled={overridden === 0} onClick={onReset}>
            {t("registry.mapping.reset")}
          </Button>
        </Flex>
        <MappingEditor preview={preview} fields={dictionary?.fields ?? []} required={dictionary?.required ?? []} onChoose={onChoose} disabled={dictionary === undefined} />
        {unmapped.length > 0 ? (
          <Alert type="info" showIcon title={t("registry.preview.unmapped", { headers: unmapped.map((column) => column.header).join("、") })} />
        ) : null}
        <h3 className="card-title">{t("registry.preview.samples", { count: preview.rows.length })}</h3>
        <Table<Record<string, string>>
          size="small"
          rowKey={(_, index) => String(index)}
          columns={sampleColumns}
          dataSource={preview.rows}
          pagination={false}
          scroll={{ x: Math.max(600, sampleColumns.length * 140) }}
          data-testid="registry-samples"
        />
        <span>{t("registry.preview.maskedNote")}</span>
      </Flex>
    </Card>
  );
}
