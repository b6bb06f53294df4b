import { LockOutlined, SafetyOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input } from "antd";
import { useEffect, useState } from "react";
import { Navigate, useSearchParams } from "react-router";
import { getSetupStatus, signIn } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { useServerMeta } from "../../app/server-meta.tsx";
import { useSessionControl } from "../../app/session.tsx";
import { useLocale, useT } from "../../i18n/i18n-provider.tsx";
import { AuthLayout } from "./auth-layout.tsx";
import { safeNextPath } from "./next-path.ts";
import { describeSignInError, type SignInError } from "./sign-in-error.ts";

interface LoginForm {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
}

/**
 * 登录: user name, password and the 6-digit code of the authenticator app (not asked in the demo). After
 * signing in the user returns to the page they wanted (`?next=`).
 */
export function LoginPage() {
  const t = useT();
  const { locale } = useLocale();
  const meta = useServerMeta();
  const { state, acceptSignIn } = useSessionControl();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get("next"));
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<SignInError | undefined>(undefined);
  const waiting = useWaitUntil(error?.retryAt);

  if (state.status === "signed_in") return <Navigate to={next} replace />;
  const reason = state.status === "signed_out" ? state.reason : "none";

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setError(undefined);
    try {
      const info = await signIn({ username: values.username, password: values.password, ...(meta.demo ? {} : { totp: values.totp ?? "" }) });
      acceptSignIn(info); // this page then renders <Navigate to={next} />
    } catch (failure) {
      setError(describeSignInError(failure, t, locale, new Date()));
      setSubmitting(false);
    }
  };

  return (
    <AuthLayout title={t("login.title")}>
      {reason === "expired" ? <Alert type="warning" showIcon title={t("session.expired")} /> : null}
      {reason === "signed_out" ? <Alert type="success" showIcon title={t("session.signedOut")} /> : null}
      {meta.demo ? <Alert type="info" showIcon title={t("login.demoNoTotp")} /> : null}
      <SetupHint />
      <Form<LoginForm> layout="vertical" requiredMark={false} onFinish={(values) => void submit(values)} disabled={submitting}>
        <Form.Item name="username" label={t("login.username")} rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}>
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item name="password" label={t("login.password")} rules={[{ required: true, message: t("login.passwordRequired") }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" />
        </Form.Item>
        {meta.demo ? null : (
          <Form.Item
            name="totp"
            label={t("login.totp")}
            extra={t("login.totpHelp")}
            normalize={(value: string) => value.replace(/\D/g, "").slice(0, 6)}
            rules={[
              { required: true, message: t("login.totpRequired") },
              { pattern: /^\d{6}$/, message: t("login.totpFormat") },
            ]}
          >
            <Input prefix={<SafetyOutlined aria-hidden />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" />
          </Form.Item>
        )}
        {error === undefined ? null : <Alert type="error" showIcon title={error.message} role="alert" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block size="large" loading={submitting} disabled={waiting}>
          {t("login.submit")}
        </Button>
      </Form>
    </AuthLayout>
  );
}

/** Shown while the server has no administrator yet: the way in is the one-time link printed at start-up. */
function SetupHint() {
  const t = useT();
  const setup = useRequest(getSetupStatus);
  if (setup.status !== "done" || !setup.data.required) return null;
  return <Alert type="info" showIcon title={t("login.setupRequired")} description={t("login.setupRequiredDetail")} />;
}

/** True until `until` has passed (re-renders then), false without a time. */
function useWaitUntil(until: Date | undefined): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === undefined) return;
    setNow(Date.now());
    const remaining = until.getTime() - Date.now();
    if (remaining <= 0) return;
    const timer = window.setTimeout(() => setNow(Date.now()), remaining + 50);
    return () => window.clearTimeout(timer);
  }, [until]);
  return until !== undefined && until.getTime() > now;
}
