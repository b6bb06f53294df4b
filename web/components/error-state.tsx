import { Alert, Button } from "antd";
import { ApiError } from "../api/client.ts";
import { useLocale, useT } from "../i18n/i18n-provider.tsx";

export interface ErrorStateProps {
  readonly error: unknown;
  readonly onRetry: () => void;
  /** What failed, e.g. "数据加载失败"; the server's own message follows below it. */
  readonly title?: string;
}

/** A failed request shown in the user's language, with the request ID to quote to support, and a retry button. */
export function ErrorState({ error, onRetry, title }: ErrorStateProps) {
  const t = useT();
  const { locale } = useLocale();
  const problem = error instanceof ApiError ? error.problem : undefined;
  const message = problem === undefined ? t("error.unexpected") : locale === "zh-CN" ? problem.message.zh : problem.message.en;
  const requestId = problem?.requestId;

  return (
    <Alert
      type="error"
      showIcon
      title={title ?? t("error.loadFailed")}
      description={
        <>
          <div>{message}</div>
          {requestId === undefined ? null : <div>{t("error.requestId", { id: requestId })}</div>}
        </>
      }
      action={
        <Button type="primary" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      }
    />
  );
}
