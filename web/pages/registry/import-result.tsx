import { Alert, Button, Card, Col, Flex, Result, Row, Statistic } from "antd";
import { Link } from "react-router";
import type { RegistryImportJob } from "../../api/client.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { CodeCountTable } from "./code-count-table.tsx";

/** How an import ended: committed, duplicate (the same file was imported before) or failed with the reason. */
export function ImportResult({ job, onAnother }: { readonly job: RegistryImportJob; readonly onAnother: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const summary = job.result;
  const status = summary?.status ?? "failed";
  const failure = job.failure;
  const batchLink =
    summary?.batch === null || summary?.batch === undefined ? null : (
      <Link to={`/registry/batches/${summary.batch}`}>
        <Button type="primary">{t("registry.result.openBatch", { id: summary.batch })}</Button>
      </Link>
    );
  const extra = (
    <Flex gap={8} justify="center" wrap>
      {batchLink}
      <Button onClick={onAnother}>{t("registry.result.another")}</Button>
    </Flex>
  );

  return (
    <Card size="small" data-testid="registry-result">
      <Result
        status={status === "committed" ? "success" : status === "duplicate" ? "info" : "error"}
        title={t(`registry.result.${status}`, { name: job.fileName })}
        subTitle={status === "duplicate" ? t("registry.result.duplicateDetail") : undefined}
        extra={extra}
      />
      {failure === null ? null : (
        <Alert
          type="error"
          showIcon
          title={locale === "zh-CN" ? failure.message.zh : failure.message.en}
          description={failure.detail === undefined ? undefined : t("registry.result.failureDetail", { detail: failure.detail })}
          data-testid="registry-failure"
        />
      )}
      {summary === null ? null : (
        <Flex vertical gap={16} style={{ marginTop: 16 }}>
          <Row gutter={[16, 16]}>
            {(["rows", "accepted", "quarantined", "warnings"] as const).map((key) => (
              <Col key={key} xs={12} md={6}>
                <Card size="small" data-testid={`registry-result-${key}`}>
                  <Statistic title={t(`registry.count.${key}`)} value={summary[key]} />
                </Card>
              </Col>
            ))}
          </Row>
          <CodeCountTable counts={summary.errors_by_code} sourceType={job.sourceType} />
        </Flex>
      )}
    </Card>
  );
}
