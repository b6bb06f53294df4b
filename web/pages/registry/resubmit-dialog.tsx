import { Alert, Button, Flex, Form, Input, Modal, Result } from "antd";
import { useState } from "react";
import {
  ApiError,
  resubmitRegistryRow,
  unmaskRegistryRow,
  type RegistryBatchDetail,
  type RegistryIssueMessage,
  type RegistryQuarantineRow,
} from "../../api/client.ts";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { correctionsOf, issuesOfProblem } from "./cell-corrections.ts";

type Outcome =
  | { readonly kind: "editing" }
  | { readonly kind: "invalid"; readonly issues: RegistryIssueMessage[] }
  | { readonly kind: "failed"; readonly message: string }
  | { readonly kind: "stored"; readonly warnings: RegistryIssueMessage[] };

/**
 * Correct one quarantined row: a field per cell of the row, the cells a message names first and marked.
 * Only changed cells are sent; the server validates the row again under the batch's mapping and either
 * stores it (perhaps with warnings) or answers with the errors that remain.
 */
export function ResubmitDialog({
  batch,
  row,
  onClose,
}: {
  readonly batch: RegistryBatchDetail;
  readonly row: RegistryQuarantineRow;
  readonly onClose: (changed: boolean) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<Record<string, string>>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "editing" });
  const [saving, setSaving] = useState(false);
  // The cells as the server holds them: masked until the user asks to see them whole (with a reason, audited).
  const [original, setOriginal] = useState<Readonly<Record<string, string>>>(row.raw);
  const [unmasked, setUnmasked] = useState(false);
  const [reason, setReason] = useState("");
  const [unmasking, setUnmasking] = useState(false);
  const [unmaskError, setUnmaskError] = useState<string | undefined>(undefined);
  const hasMasked = Object.values(row.raw).some((value) => value.includes("*"));
  const issues = outcome.kind === "invalid" ? outcome.issues : row.messages;
  const messageOf = (issue: RegistryIssueMessage) => (locale === "zh-CN" ? issue.zh : issue.en);
  const flagged = new Map<string, string[]>();
  for (const issue of issues) if (issue.column !== null) flagged.set(issue.column, [...(flagged.get(issue.column) ?? []), messageOf(issue)]);
  const headers = Object.keys(row.raw).sort((a, b) => Number(flagged.has(b)) - Number(flagged.has(a)));

  const unmask = async () => {
    setUnmasking(true);
    setUnmaskError(undefined);
    try {
      const full = await unmaskRegistryRow(batch.id, row.rowNumber, reason.trim());
      const edited = form.getFieldsValue();
      // What the user already typed stays; every untouched cell shows its real value.
      form.setFieldsValue(
        Object.fromEntries(Object.entries(full.raw).map(([header, value]) => [header, edited[header] !== undefined && edited[header] !== original[header] ? edited[header] : value])),
      );
      setOriginal(full.raw);
      setUnmasked(true);
    } catch (error) {
      setUnmaskError(problemMessage(error, locale, t("error.unexpected")));
    } finally {
      setUnmasking(false);
    }
  };

  const submit = async () => {
    const { cells, partlyMasked } = correctionsOf(original, form.getFieldsValue());
    if (partlyMasked.length > 0) {
      form.setFields(partlyMasked.map((header) => ({ name: header, errors: [t("registry.resubmit.retypeMasked")] })));
      return;
    }
    if (Object.keys(cells).length === 0 && !row.codes.includes("duplicate_row")) {
      setOutcome({ kind: "failed", message: t("registry.resubmit.nothingChanged") });
      return;
    }
    setSaving(true);
    try {
      const stored = await resubmitRegistryRow(batch.id, row.rowNumber, cells);
      setOutcome({ kind: "stored", warnings: stored.warnings });
    } catch (error) {
      if (error instanceof ApiError && error.code === "row_still_invalid") setOutcome({ kind: "invalid", issues: issuesOfProblem(error.problem) });
      else setOutcome({ kind: "failed", message: problemMessage(error, locale, t("error.unexpected")) });
    } finally {
      setSaving(false);
    }
  };

  const stored = outcome.kind === "stored";
  return (
    <Modal
      open
      width={760}
      title={t("registry.resubmit.title", { row: row.rowNumber })}
      onCancel={() => onClose(stored)}
      footer={
        stored ? (
          <Button type="primary" onClick={() => onClose(true)}>
            {t("registry.resubmit.close")}
          </Button>
        ) : (
          <>
            <Button onClick={() => onClose(false)}>{t("common.cancel")}</Button>
            <Button type="primary" loading={saving} onClick={() => void submit()}>
              {t("registry.resubmit.submit")}
            </Button>
          </>
        )
      }
    >
      {stored ? (
        <Result
          status="success"
          title={t("registry.resubmit.stored", { row: row.rowNumber })}
          subTitle={outcome.warnings.length === 0 ? t("registry.resubmit.noWarnings") : t("registry.resubmit.withWarnings", { count: outcome.warnings.length })}
          extra={
            outcome.warnings.length === 0 ? null : (
              <ul style={{ textAlign: "start" }} data-testid="registry-resubmit-warnings">
                {outcome.warnings.map((warning, index) => (
                  <li key={index}>{messageOf(warning)}</li>
                ))}
              </ul>
            )
          }
          data-testid="registry-resubmit-stored"
        />
      ) : (
        <>
          <Alert
            type={outcome.kind === "editing" ? "warning" : "error"}
            showIcon
            style={{ marginBottom: 16 }}
            title={outcome.kind === "invalid" ? t("registry.resubmit.stillInvalid") : outcome.kind === "failed" ? outcome.message : t("registry.resubmit.why")}
            description={
              outcome.kind === "failed" ? undefined : (
                <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="registry-resubmit-issues">
                  {issues.map((issue, index) => (
                    <li key={index}>{messageOf(issue)}</li>
                  ))}
                </ul>
              )
            }
          />
          <p>{t("registry.resubmit.hint")}</p>
          {hasMasked && !unmasked ? (
            <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
              <Input
                aria-label={t("registry.unmask.reason")}
                placeholder={t("registry.unmask.reasonPlaceholder")}
                value={reason}
                maxLength={500}
                onChange={(event) => setReason(event.target.value)}
                style={{ flex: 1, minWidth: 240 }}
              />
              <Button onClick={() => void unmask()} loading={unmasking} disabled={reason.trim().length < 2}>
                {t("registry.unmask.show")}
              </Button>
            </Flex>
          ) : null}
          {unmasked ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("registry.unmask.shown")} /> : null}
          {unmaskError === undefined ? null : <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t("registry.unmask.failed")} description={unmaskError} />}
          <Form form={form} layout="horizontal" labelCol={{ span: 8 }} wrapperCol={{ span: 16 }} initialValues={row.raw} onFinish={() => void submit()}>
            {headers.map((header) => {
              const problems = flagged.get(header);
              return (
                <Form.Item
                  key={header}
                  name={header}
                  label={header}
                  validateStatus={problems === undefined ? undefined : "error"}
                  help={problems?.join("；")}
                >
                  <Input maxLength={10_000} />
                </Form.Item>
              );
            })}
          </Form>
        </>
      )}
    </Modal>
  );
}
