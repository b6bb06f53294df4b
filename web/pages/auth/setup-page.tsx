import { Alert, Button, Divider, Flex, Form, Input, Result } from "antd";
import { useCallback, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { ApiError, beginSetup, completeSetup, getSetupStatus, type TotpEnrolment as Enrolment } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { ErrorState } from "../../components/error-state.tsx";
import { LoadingState } from "../../components/loading-state.tsx";
import { NewPasswordFields } from "../../components/new-password-fields.tsx";
import { TotpEnrolment } from "../../components/totp-enrolment.tsx";
import { problemMessage } from "../../components/problem-message.ts";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { AuthLayout } from "./auth-layout.tsx";

interface SetupForm {
  readonly username: string;
  readonly displayName?: string;
  readonly password: string;
  readonly confirmPassword: string;
  readonly jurisdiction: string;
  readonly totp: string;
}

/** Same shape as the server's user names (src/modules/access/model.ts `Username`). */
const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;
const JURISDICTION_PATTERN = /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/;

/**
 * 初始化: the one-time link printed when a server without an administrator starts (`/setup?token=…`) creates
 * the first system administrator: name, password, jurisdiction, and the authenticator app enrolled from a QR
 * code and confirmed with one code.
 */
export function SetupPage() {
  const t = useT();
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const status = useRequest(getSetupStatus);
  const [created, setCreated] = useState<string | undefined>(undefined);

  let content;
  if (created !== undefined) {
    content = (
      <Result
        status="success"
        title={t("setup.doneTitle", { username: created })}
        subTitle={t("setup.doneDetail")}
        extra={<LoginButton />}
      />
    );
  } else if (status.status === "loading") {
    content = <LoadingState />;
  } else if (status.status === "failed") {
    content = <ErrorState error={status.error} onRetry={status.retry} />;
  } else if (!status.data.required) {
    content = <Result status="info" title={t("setup.notRequired")} subTitle={t("setup.notRequiredDetail")} extra={<LoginButton />} />;
  } else if (token === "") {
    content = <Result status="warning" title={t("setup.noToken")} subTitle={t("setup.noTokenDetail")} />;
  } else {
    content = <SetupSteps token={token} onCreated={setCreated} />;
  }
  return (
    <AuthLayout title={t("setup.title")} width={760}>
      {content}
    </AuthLayout>
  );
}

function LoginButton() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => void navigate("/login")}>
      {t("setup.goToLogin")}
    </Button>
  );
}

interface SetupStepsProps {
  readonly token: string;
  readonly onCreated: (username: string) => void;
}

function SetupSteps({ token, onCreated }: SetupStepsProps) {
  const t = useT();
  const { locale } = useLocale();
  // The server hands out the same secret again for the same link, so a reload shows the same QR code.
  const enrolment = useRequest(useCallback(() => beginSetup(token), [token]));

  if (enrolment.status === "loading") return <LoadingState />;
  if (enrolment.status === "failed") {
    const problem = enrolment.error instanceof ApiError ? enrolment.error.problem : undefined;
    if (problem?.code === "setup_token_invalid") {
      return <Result status="error" title={t("setup.tokenInvalid")} subTitle={locale === "zh-CN" ? problem.message.zh : problem.message.en} />;
    }
    return <ErrorState error={enrolment.error} onRetry={enrolment.retry} />;
  }
  return <SetupAccountForm token={token} enrolment={enrolment.data} onCreated={onCreated} />;
}

function SetupAccountForm({ token, enrolment, onCreated }: SetupStepsProps & { readonly enrolment: Enrolment }) {
  const t = useT();
  const { locale } = useLocale();
  const [form] = Form.useForm<SetupForm>();
  const username = Form.useWatch("username", form) ?? "";
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (values: SetupForm) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const created = await completeSetup({
        token,
        username: values.username.trim().toLowerCase(),
        displayName: values.displayName?.trim() ?? "",
        password: values.password,
        totp: values.totp,
        jurisdiction: values.jurisdiction.trim(),
      });
      onCreated(created.username);
    } catch (failure) {
      setError(problemMessage(failure, locale, t("error.unexpected")));
      setSubmitting(false);
    }
  };

  return (
    <Form<SetupForm> form={form} layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={submitting}>
      <p style={{ marginTop: 0 }}>{t("setup.intro")}</p>
      <Divider titlePlacement="start">{t("setup.accountSection")}</Divider>
      <Flex gap={16} wrap>
        <Form.Item
          name="username"
          label={t("users.username")}
          extra={t("users.usernameHelp")}
          normalize={(value: string) => value.toLowerCase()}
          rules={[{ required: true, pattern: USERNAME_PATTERN, message: t("users.usernameInvalid") }]}
          style={{ flex: "1 1 260px" }}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="displayName" label={t("users.displayName")} style={{ flex: "1 1 260px" }}>
          <Input autoComplete="name" maxLength={100} />
        </Form.Item>
      </Flex>
      <NewPasswordFields name="password" label={t("password.new")} username={username} />
      <Form.Item
        name="jurisdiction"
        label={t("setup.jurisdiction")}
        extra={t("setup.jurisdictionHelp")}
        rules={[{ required: true, pattern: JURISDICTION_PATTERN, message: t("setup.jurisdictionInvalid") }]}
      >
        <Input inputMode="numeric" maxLength={12} style={{ maxWidth: 260 }} />
      </Form.Item>
      <Divider titlePlacement="start">{t("setup.totpSection")}</Divider>
      <TotpEnrolment enrolment={enrolment} account="system-admin" />
      <Form.Item
        name="totp"
        label={t("setup.confirmCode")}
        extra={t("setup.confirmCodeHelp")}
        normalize={(value: string) => value.replace(/\D/g, "").slice(0, 6)}
        rules={[{ required: true, pattern: /^\d{6}$/, message: t("login.totpFormat") }]}
        style={{ marginTop: 16 }}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200 }} />
      </Form.Item>
      {error === undefined ? null : <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" loading={submitting}>
        {t("setup.submit")}
      </Button>
    </Form>
  );
}
