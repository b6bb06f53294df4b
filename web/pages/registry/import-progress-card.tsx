import { Alert, Button, Card, Flex, Progress } from "antd";
import { useEffect, useRef, useState } from "react";
import { getRegistryJob, startRegistryImport, type RegistryFileOptions, type RegistryImportJob } from "../../api/client.ts";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { isJobFinished, stepPercent, type ImportStep } from "./upload-progress.ts";

/** How often the job is asked how far it is: often enough for a smooth bar, rarely enough for a busy server. */
const POLL_MS = 700;

interface Shown {
  readonly step: ImportStep;
  readonly done: number;
  readonly total: number;
  readonly rowsRead: number;
}

/**
 * Uploads the file, then follows the import job until it finishes. The import goes on on the server if the
 * page is left; its batch then appears under 导入批次.
 */
export function ImportProgressCard({
  file,
  options,
  onFinished,
  onCancel,
}: {
  readonly file: File;
  readonly options: RegistryFileOptions;
  readonly onFinished: (job: RegistryImportJob) => void;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [shown, setShown] = useState<Shown>({ step: "uploading", done: 0, total: file.size, rowsRead: 0 });
  const [error, setError] = useState<unknown>(undefined);
  // The callbacks change with every render of the wizard; the upload must start once.
  const finished = useRef(onFinished);
  finished.current = onFinished;
  const started = useRef({ file, options });

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const follow = async () => {
      let job = await startRegistryImport(
        started.current.file,
        started.current.file.name,
        started.current.options,
        (loaded, total) => setShown({ step: "uploading", done: loaded, total, rowsRead: 0 }),
        signal,
      );
      while (!isJobFinished(job)) {
        setShown({ step: job.progress.phase, done: job.progress.bytesRead, total: job.progress.bytesTotal, rowsRead: job.progress.rowsRead });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        if (signal.aborted) return;
        job = await getRegistryJob(job.id, signal);
      }
      if (!signal.aborted) finished.current(job);
    };
    follow().catch((caught: unknown) => {
      if (!signal.aborted) setError(caught);
    });
    return () => controller.abort();
  }, []);

  const percent = stepPercent(shown.step, shown.done, shown.total);
  return (
    <Card size="small" title={<h2 className="card-title">{t("registry.progress.title", { name: file.name })}</h2>} data-testid="registry-progress">
      {error === undefined ? (
        <Flex vertical gap={8}>
          <div aria-live="polite">
            {t(`registry.phase.${shown.step}`)}
            {shown.step === "reading" || shown.step === "committing" ? ` · ${t("registry.progress.rows", { rows: shown.rowsRead })}` : null}
          </div>
          <Progress percent={percent} status="active" aria-label={t("registry.progress.label")} />
          <span>{t("registry.progress.keepsRunning")}</span>
        </Flex>
      ) : (
        <Alert
          type="error"
          showIcon
          title={t("registry.progress.failed")}
          description={problemMessage(error, locale, t("error.unexpected"))}
          action={<Button onClick={onCancel}>{t("registry.progress.back")}</Button>}
        />
      )}
    </Card>
  );
}
